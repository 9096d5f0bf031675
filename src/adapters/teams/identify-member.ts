import type { Activity } from 'botbuilder';
import { boundMember } from '../../app/bind-member.js';
import type { MemberBindingStore } from '../../app/member-binding-store.js';
import type { Roster } from '../../domain/roster.js';
import type { Member } from '../../domain/types.js';
import { activityTenantId } from './activity-tenant.js';

/**
 * The roster member who sent the activity, recognised by the Entra object id Teams puts in `from.aadObjectId`: the
 * roster's own `aadObjectId`, or else (with `bindings`) the binding made on first contact for that object id in the
 * activity's tenant (docs/tenants.md). Object ids are GUIDs; Teams sends them in lower case, a hand-written roster may
 * not, so both spellings are tried.
 */
export function identifyMember(
  activity: Pick<Partial<Activity>, 'from' | 'channelData' | 'conversation'>,
  roster: Roster,
  bindings?: MemberBindingStore,
): Member | undefined {
  const aad = activity.from?.aadObjectId?.trim();
  if (!aad) return undefined;
  const listed =
    roster.byAadObjectId(aad) ?? roster.byAadObjectId(aad.toLowerCase()) ?? roster.byAadObjectId(aad.toUpperCase());
  if (listed || !bindings) return listed;
  return boundMember({ roster }, bindings, activityTenantId(activity), aad);
}
