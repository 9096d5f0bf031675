import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf } from './case-access.js';

// "digest aan|uit": a roster member chooses the daily digest for themselves. Their own choice wins over
// the roster's and the pilot-wide default (see wantsDigest). No case is involved; the choice is audit-logged.

/** Where the member's current setting comes from: their own choice, the roster file, or the pilot-wide default. */
export type DigestSource = 'member' | 'roster' | 'pilot';

export interface DigestPreference {
  on: boolean;
  source: DigestSource;
}

/** The member's current setting (the same order as wantsDigest). */
export function digestPreferenceOf(ctx: AppContext, by: MemberId): DigestPreference {
  const actor = actorOf(ctx, by);
  const own = ctx.store.preferences.digestOf(actor.id);
  if (own !== undefined) return { on: own, source: 'member' };
  const roster = ctx.roster.digestPreference(actor.id);
  if (roster !== undefined) return { on: roster, source: 'roster' };
  return { on: ctx.norms.digest.defaultOn, source: 'pilot' };
}

/** Sets the member's own choice; `changed` is false when it already was in effect (still recorded as a choice). */
export function setDigestPreference(
  ctx: AppContext,
  input: { by: MemberId; on: boolean },
): { on: boolean; changed: boolean } {
  const before = digestPreferenceOf(ctx, input.by);
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.preferences.setDigest(input.by, input.on);
    ctx.store.audit.append({
      at: now,
      actor: input.by,
      action: 'member.digest',
      caseId: null,
      reason: null,
      details: { on: input.on, before: before.on, source: before.source },
    });
  });
  return { on: input.on, changed: before.on !== input.on };
}
