import type { Activity } from 'botbuilder';
import type { Roster } from '../../domain/roster.js';
import type { Member } from '../../domain/types.js';

/**
 * The roster member who sent the activity, recognised by the Entra object id Teams puts in `from.aadObjectId`.
 * Object ids are GUIDs; Teams sends them in lower case, a hand-written roster may not, so both spellings are tried.
 */
export function identifyMember(activity: Pick<Partial<Activity>, 'from'>, roster: Roster): Member | undefined {
  const aad = activity.from?.aadObjectId?.trim();
  if (!aad) return undefined;
  return (
    roster.byAadObjectId(aad) ?? roster.byAadObjectId(aad.toLowerCase()) ?? roster.byAadObjectId(aad.toUpperCase())
  );
}
