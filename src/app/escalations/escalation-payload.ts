import type { CaseRecord, EscalationRecord } from '../../domain/records.js';
import type { TimerId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { EscalationPayload } from '../notifications.js';

/** What an escalation card shows: references, stage, trigger and how long it stalled — never family details. */
export function escalationPayload(
  ctx: AppContext,
  c: CaseRecord,
  e: EscalationRecord,
  at: number,
  o: { reminder?: boolean; joinedTimer?: TimerId } = {},
): EscalationPayload {
  const stalledSince = ctx.calendar.localDate(c.lastActivityAt);
  return {
    kind: o.reminder ? 'escalation_reminder' : 'escalation',
    caseId: c.id,
    caseRef: c.ref,
    municipality: c.municipality,
    stage: c.stage,
    escalationId: e.id,
    escalation: e.seq,
    level: e.level,
    trigger: e.trigger,
    question: e.question,
    orgs: e.orgs,
    workingDaysStalled: ctx.calendar.workingDaysBetween(stalledSince, ctx.calendar.localDate(at)),
    participants: e.participants,
    ...(o.joinedTimer ? { joinedTimer: o.joinedTimer } : {}),
  };
}
