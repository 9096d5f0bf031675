import { memberOfOrg } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import { addMonths, isLocalDate } from '../domain/local-date.js';
import type { CaseRecord } from '../domain/records.js';
import { timerEffects, type CaseEvent, type EventFields } from '../domain/timer-rules.js';
import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam, loadVisibleCase, requireMember, requireOpen } from './case-access.js';
import { openHandover } from './handovers/open-handover.js';
import { recordActivity } from './record-activity.js';
import { startTimer, stopTimers } from './timer-engine.js';

export interface RecordEventInput {
  by: MemberId;
  caseRef: string;
  event: CaseEvent;
  fields?: EventFields;
}

function defaultMonths(f: EventFields): number | undefined {
  if (f.months !== undefined) return f.months;
  if (f.measure === 'VOOGDIJ') return undefined; // guardianship runs until majority: no expiry timer
  return f.measure === 'VOORLOPIGE_OTS' ? 3 : 12;
}

function validate(event: CaseEvent, f: EventFields, today: string): void {
  if (event === 'measure_pronounced' && !f.measure)
    throw new DomainError('FIELD_REQUIRED', 'Kies de maatregel (OTS, voorlopige OTS, MUHP of voogdij).');
  if (event === 'jeugdbeschermer_assigned' && !f.member)
    throw new DomainError('FIELD_REQUIRED', 'Kies de jeugdbeschermer die is toegewezen.');
  if (event === 'jbt_decision' && !f.outcome)
    throw new DomainError('FIELD_REQUIRED', 'Kies de uitkomst van de Jeugdbeschermingstafel.');
  if (f.reportBackBy !== undefined && (!isLocalDate(f.reportBackBy) || f.reportBackBy < today)) {
    throw new DomainError('BAD_DATE', 'De terugmelddatum moet een geldige datum vandaag of later zijn (JJJJ-MM-DD).');
  }
}

/** Records a case event; it starts and stops timers exactly as the event table of scenario-format.md says. */
export function recordEvent(ctx: AppContext, input: RecordEventInput): CaseRecord {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  requireMember(loaded, loaded.actor);
  const f = input.fields ?? {};
  const now = ctx.clock.now();
  const today = ctx.calendar.localDate(now);
  validate(input.event, f, today);
  const assigned = f.member ? ctx.roster.member(f.member) : undefined;
  if (input.event === 'jeugdbeschermer_assigned' && !assigned)
    throw new DomainError('UNKNOWN_MEMBER', 'Die jeugdbeschermer staat niet in het rooster.');
  const by = loaded.actor.id;

  return ctx.store.transaction(() => {
    let c = loaded.record;
    ctx.store.cases.addEvent(c.id, input.event, { ...f }, now, by);
    if (input.event === 'measure_pronounced') {
      const months = defaultMonths(f);
      const team = loadTeam(ctx, c);
      const gi = memberOfOrg(team, 'GI');
      ctx.store.cases.update(c.id, {
        measure: f.measure!,
        measureStart: today,
        measureEnd: months ? addMonths(today, months) : null,
        coordinatorId: gi ?? c.coordinatorId,
      });
    } else if (input.event === 'measure_extended' && c.measureEnd) {
      ctx.store.cases.update(c.id, { measureEnd: addMonths(c.measureEnd, f.months ?? 12) });
    } else if (input.event === 'measure_ended') {
      const lt = memberOfOrg(loadTeam(ctx, c), 'LT');
      ctx.store.cases.update(c.id, { measure: null, measureEnd: null, coordinatorId: lt ?? c.coordinatorId });
    }
    if (input.event === 'jeugdbeschermer_assigned' && assigned) {
      if (!loadTeam(ctx, c).members.some((m) => m.memberId === assigned.id)) {
        ctx.store.cases.addMembership({
          caseId: c.id,
          memberId: assigned.id,
          org: assigned.org,
          role: assigned.role,
          joinedAt: now,
          joinedBy: by,
          joinReason: 'jeugdbeschermer toegewezen',
        });
      }
      if (c.measure !== null) ctx.store.cases.update(c.id, { coordinatorId: assigned.id });
    }
    c = ctx.store.cases.byId(c.id)!;

    const effects = timerEffects(input.event, f, c.measureEnd !== null);
    stopTimers(ctx, c, effects.stops, { at: now, by, reason: input.event, completing: true });
    for (const s of effects.starts) {
      let due = s.due;
      if (s.timer === 'T10' && f.months !== undefined) due = addMonths(today, f.months);
      startTimer(ctx, c, s.timer, { at: now, by, due, ownerRef: s.timer === 'T3' ? by : null });
    }
    if (input.event === 'measure_pronounced') openH5(ctx, c, by, now);
    if (input.event === 'jeugdbeschermer_assigned' && c.measure !== null && !hasH5Since(ctx, c))
      openH5(ctx, c, by, now);

    ctx.store.audit.append({
      at: now,
      actor: by,
      action: 'event.recorded',
      caseId: c.id,
      reason: null,
      details: { event: input.event, ...f },
    });
    recordActivity(ctx, c, by, now);
    return ctx.store.cases.byId(c.id)!;
  });
}

function hasH5Since(ctx: AppContext, c: CaseRecord): boolean {
  const since = c.measureStart ?? '';
  return ctx.store.handovers.ofCase(c.id).some((h) => h.moment === 'H5' && ctx.calendar.localDate(h.openedAt) >= since);
}

/** A measure pronounced opens H5 from the Raad to the GI (domain.md §2); without a GI member yet it waits for the assignment. */
function openH5(ctx: AppContext, c: CaseRecord, by: MemberId, at: number): void {
  const team = loadTeam(ctx, c);
  const from = memberOfOrg(team, 'RVDK');
  const to = memberOfOrg(team, 'GI');
  if (from && to) openHandover(ctx, c, { moment: 'H5', from, to, by, at });
}
