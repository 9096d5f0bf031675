import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';

/** A member's own choice (chat), else the roster's, else the pilot-wide default in the norms file (off unless set). */
export function wantsDigest(ctx: AppContext, memberId: MemberId): boolean {
  return (
    ctx.store.preferences.digestOf(memberId) ?? ctx.roster.digestPreference(memberId) ?? ctx.norms.digest.defaultOn
  );
}
