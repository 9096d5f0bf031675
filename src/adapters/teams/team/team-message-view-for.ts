import type { AppContext } from '../../../app/app-context.js';
import { maySee, loadCaseById } from '../../../app/case-access.js';
import { mayAddReflection } from '../../../app/escalations/add-reflection.js';
import { BOT_ACTOR, type TeamPayload } from '../../../app/notifications.js';
import { dutchDateLong } from '../../../domain/dutch-date.js';
import type { EscalationRecord } from '../../../domain/records.js';
import type { Member, MemberId } from '../../../domain/types.js';
import type { TeamMessageView } from './team-message-card.js';

/** "Naam (organisatie)" of a roster member; the bot by its own name. */
export function personLabel(ctx: AppContext, id: MemberId | null | undefined): string | undefined {
  if (!id) return undefined;
  if (id === BOT_ACTOR) return 'de teammodel-bot';
  const m = ctx.roster.member(id);
  return m ? `${m.name} (${m.orgName})` : id;
}

/** Whether the family was told of an escalation's decision, in words: "ja, op 2 juni 2026", "nee", "niet vastgelegd". */
export function familyInformedText(e: EscalationRecord | undefined): string {
  if (e?.familyInformed === 'yes') return `ja${e.familyInformedOn ? `, op ${dutchDateLong(e.familyInformedOn)}` : ''}`;
  return e?.familyInformed === 'no' ? 'nee' : 'niet vastgelegd';
}

/** The team message's model for one reader, with the decision read from the escalation as recorded. */
export function teamMessageViewFor(ctx: AppContext, p: TeamPayload, reader: Member): TeamMessageView | undefined {
  const c = ctx.store.cases.byId(p.caseId);
  if (!c) return undefined;
  const e = p.escalationId !== undefined ? ctx.store.escalations.byId(p.escalationId) : undefined;
  const informed = familyInformedText(e);
  return {
    subject: p.subject,
    caseRef: c.ref,
    municipality: c.municipality,
    actor: personLabel(ctx, p.actor) ?? 'iemand',
    aboutReader: p.member === undefined ? p.subject === 'member_added' : p.member === reader.id,
    member: personLabel(ctx, p.member),
    successor: personLabel(ctx, p.successor),
    coordinator: personLabel(ctx, p.coordinator),
    previousCoordinator: personLabel(ctx, p.previousCoordinator),
    ...(p.subject === 'decision' && e?.decision && e.decisionOwner && e.deadline
      ? {
          decision: {
            text: e.decision,
            owner: personLabel(ctx, e.decisionOwner)!,
            deadline: e.deadline,
            familyInformed: informed,
          },
        }
      : {}),
    mayOpen: maySee(ctx, reader, loadCaseById(ctx, c.id)),
    // A participant of the decided escalation may add a reflection from the message itself (docs/behaviour.md, "Learning together").
    ...(p.subject === 'decision' && e && mayAddReflection(ctx, e, reader)
      ? { reflectOn: { trigger: e.trigger, seq: e.seq } }
      : {}),
  };
}
