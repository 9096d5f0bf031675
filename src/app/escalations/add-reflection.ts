import { auditRefOf, type EscalationPick } from './escalation-pick.js';
import { sortedUnique } from '../../domain/case-team.js';
import { DomainError, notFoundOrNoAccess } from '../../domain/domain-error.js';
import type { EscalationRecord } from '../../domain/records.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf, findCase, loadTeam, maySee, type LoadedCase } from '../case-access.js';
import { guardText } from '../guard-text.js';
import { knownPick, visibleEscalationsOf } from './select-escalation.js';

// "Wij leren door samen te reflecteren" (docs/behaviour.md, "Learning together"): every participant of a decided
// escalation may add one reflection. Its text is read only in the municipality's anonymised learning agenda, without
// its author; the escalation card shows a participant their own reflection and how many there are.

export const REFLECTION_MAX = 1000;

/**
 * Everyone who took part in the escalation at any of its levels (as recorded when each level was raised, and as it
 * stood when it closed), those brought in (a regional expert), and whoever recorded its decision.
 */
export function reflectionParticipants(ctx: AppContext, e: EscalationRecord): MemberId[] {
  const levels = ctx.store.escalations.levels(e.id).flatMap((l) => l.participants);
  const decider = e.decisionOwner !== null && e.closedBy !== null ? [e.closedBy] : [];
  return sortedUnique([...levels, ...e.participants, ...e.guests, ...decider]);
}

/** A worrying-conduct escalation is about a colleague's conduct, not about care: it stays out of the learning agenda. */
export const reflectable = (e: EscalationRecord): boolean =>
  e.state === 'resolved' && e.trigger !== 'NEGLIGENT_CONDUCT';

/** A participant who left the case (removed or replaced) regains nothing through the escalation they were part of. */
function leftTheCase(ctx: AppContext, caseId: number, id: MemberId): boolean {
  const mine = ctx.store.cases.memberships(caseId).filter((m) => m.memberId === id);
  return mine.length > 0 && mine.every((m) => m.leftAt !== null);
}

/** Whether the viewer may still add a reflection to this escalation (the "Reflectie toevoegen" button). */
export function mayAddReflection(ctx: AppContext, e: EscalationRecord, viewer: Member): boolean {
  return (
    reflectable(e) &&
    reflectionParticipants(ctx, e).includes(viewer.id) &&
    !leftTheCase(ctx, e.caseId, viewer.id) &&
    ctx.store.learning.reflectionOf(e.id, viewer.id) === undefined
  );
}

export interface AddReflectionInput {
  by: MemberId;
  caseRef: string;
  /** Which escalation; without it, the case's most recent decided one. */
  escalation?: EscalationPick;
  reflection: string;
}

export function addReflection(ctx: AppContext, input: AddReflectionInput): EscalationRecord {
  const actor = actorOf(ctx, input.by);
  const record = findCase(ctx, input.caseRef);
  if (!record) throw notFoundOrNoAccess();
  const loaded: LoadedCase = { record, team: loadTeam(ctx, record) };
  const e =
    input.escalation !== undefined
      ? knownPick(ctx, record.id, actor, input.escalation)
      : [...visibleEscalationsOf(ctx, record.id, actor)].reverse().find((x) => x.state === 'resolved');
  const participant = e !== undefined && reflectionParticipants(ctx, e).includes(actor.id);
  // Taking part gives the right to reflect even without other access (a manager at L2, a regional expert) — but not to
  // someone who has left the case. Anyone else who may not see the case gets the same answer as for an unknown one.
  const mayKnow = maySee(ctx, actor, loaded) || (participant && !leftTheCase(ctx, record.id, actor.id));
  if (!mayKnow) throw notFoundOrNoAccess();
  if (!e || e.state !== 'resolved')
    throw new DomainError(
      'NOT_RESOLVED',
      'Een reflectie kan bij een escalatie waarover besloten is; deze escalatie is nog open of ingetrokken.',
    );
  if (!participant)
    throw new DomainError(
      'NOT_A_PARTICIPANT',
      'Alleen wie aan deze escalatie deelnam, kan er een reflectie bij geven.',
    );
  if (!reflectable(e))
    throw new DomainError(
      'NOT_ALLOWED',
      'Bij een escalatie over nalatig of zorgwekkend handelen hoort geen reflectie voor de leeragenda: die gaat over het handelen van een collega.',
    );
  const already = () =>
    new DomainError(
      'NOT_ALLOWED',
      'Je hebt al een reflectie bij deze escalatie gegeven; iedere deelnemer geeft er één.',
    );
  if (ctx.store.learning.reflectionOf(e.id, actor.id) !== undefined) throw already();
  const text = guardText(ctx, input.reflection, 'reflectie', { max: REFLECTION_MAX });
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    if (!ctx.store.learning.addReflection({ escalationId: e.id, memberId: actor.id, text, at: now })) throw already();
    // The change is in the audit log; its text is not (it belongs to the learning agenda, not to the case history).
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'escalation.reflection',
      caseId: record.id,
      reason: null,
      details: { ...auditRefOf(e) },
    });
  });
  return e;
}
