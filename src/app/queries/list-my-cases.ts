import type { CaseRecord } from '../../domain/records.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf } from '../case-access.js';

/** "mijn casussen": the open cases the person sits on; for a team lead also those of the people they lead. */
export function listMyCases(ctx: AppContext, actorId: MemberId): { own: CaseRecord[]; asLead: CaseRecord[] } {
  const actor = actorOf(ctx, actorId);
  const own = ctx.store.cases.casesOfMember(actor.id);
  const led = ctx.roster.members.filter((m) => m.lead === actor.id).map((m) => m.id);
  const ownIds = new Set(own.map((c) => c.id));
  const asLead = ctx.store.cases.casesWithAnyMember(led).filter((c) => !ownIds.has(c.id));
  return { own, asLead };
}
