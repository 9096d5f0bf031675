import { caseProfessionals, leadOf, sortedUnique } from '../../domain/case-team.js';
import { DomainError } from '../../domain/domain-error.js';
import type { CaseRecord } from '../../domain/records.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadCaseToChange, loadTeam, type LoadedCase } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { recordActivity } from '../record-activity.js';
import type { AcuteReport } from '../store.js';

export const CRISIS_ROUTES = [
  'Direct gevaar: bel 112.',
  'Veilig Thuis (dag en nacht): 0800-2000.',
  'Raad voor de Kinderbescherming, bureaudienst: via het landelijke nummer van de Raad, buiten kantoortijd via de crisisdienst.',
  'Crisisdienst jeugd van de regio (Centraal Gelderland: via Veilig Thuis Gelderland-Midden).',
];

/**
 * Who an acute alert reaches: every case professional and each one's team lead, as the team is at that moment, minus
 * the reporter. The chat asks for a confirmation naming them before anything is sent (a false alarm at night reaches
 * many people).
 */
export function acuteRecipients(ctx: AppContext, loaded: LoadedCase, reporter: MemberId): MemberId[] {
  const professionals = caseProfessionals(loaded.team);
  return sortedUnique([...professionals, ...professionals.map((id) => leadOf(ctx.roster, id))]).filter(
    (id) => id !== reporter,
  );
}

/** Who would be told, for the confirmation card; nothing is written. */
export function previewAcuteDanger(ctx: AppContext, input: { by: MemberId; caseRef: string }): MemberId[] {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  return acuteRecipients(ctx, loaded, loaded.actor.id);
}

/**
 * Acute danger bypasses the ladder: the case professionals and their leads are told at once, at any hour, with the
 * crisis routes. The next working day the reporter and the coordinator are asked whether a joint decision followed
 * ("eerst besluiten, later afstemmen" is what the team model wants to avoid). Recorded as `acute_reported`, which is
 * not a crisis intervention (`crisis_event` stays its own event).
 */
export function reportAcuteDanger(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string },
): { acuteId: number; notified: MemberId[]; crisisRoutes: string[] } {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const notified = acuteRecipients(ctx, loaded, loaded.actor.id);
  const now = ctx.clock.now();
  const followupAt = ctx.calendar.officeStartOf(ctx.calendar.nextWorkingDay(ctx.calendar.localDate(now)));
  const c = loaded.record;
  const acuteId = ctx.store.transaction(() => {
    const id = ctx.store.acute.insert({
      caseId: c.id,
      reportedAt: now,
      reportedBy: loaded.actor.id,
      notified,
      pickedUpBy: null,
      pickedUpAt: null,
      followupAt,
      followupSentAt: null,
    });
    enqueueNotification(ctx, {
      caseId: c.id,
      recipients: notified,
      actor: loaded.actor.id,
      urgent: true,
      payload: {
        kind: 'acute',
        caseId: c.id,
        caseRef: c.ref,
        municipality: c.municipality,
        stage: c.stage,
        acuteId: id,
        raisedBy: loaded.actor.id,
      },
    });
    ctx.store.cases.addEvent(c.id, 'acute_reported', {}, now, loaded.actor.id);
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'acute.reported',
      caseId: c.id,
      reason: null,
      details: { acuteId: id, notified },
    });
    recordActivity(ctx, c, loaded.actor.id, now);
    return id;
  });
  return { acuteId, notified, crisisRoutes: CRISIS_ROUTES };
}

function loadReport(ctx: AppContext, loaded: LoadedCase, acuteId: number): AcuteReport {
  const report = ctx.store.acute.byId(acuteId);
  if (!report || report.caseId !== loaded.record.id)
    throw new DomainError('NO_ACUTE_REPORT', 'Die acute melding hoort niet bij deze casus.');
  return report;
}

/**
 * "Ik pak dit op": someone the alert reached takes it on; the reporter sees who (the first one counts, later ones are
 * told who already did).
 */
export function pickUpAcute(ctx: AppContext, input: { by: MemberId; caseRef: string; acuteId: number }): AcuteReport {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const report = loadReport(ctx, loaded, input.acuteId);
  if (!report.notified.includes(loaded.actor.id))
    throw new DomainError('NOT_NOTIFIED', 'Alleen wie de acute melding kreeg kan hem oppakken.');
  if (report.pickedUpBy !== null) {
    const who = ctx.roster.member(report.pickedUpBy)?.name ?? report.pickedUpBy;
    throw new DomainError('ALREADY_PICKED_UP', `${who} heeft deze melding al opgepakt.`);
  }
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    ctx.store.acute.update(report.id, { pickedUpBy: loaded.actor.id, pickedUpAt: now });
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'acute.picked_up',
      caseId: loaded.record.id,
      reason: null,
      details: { acuteId: report.id },
    });
    enqueueNotification(ctx, {
      caseId: loaded.record.id,
      recipients: [report.reportedBy],
      actor: loaded.actor.id,
      urgent: true,
      payload: {
        kind: 'acute_update',
        caseId: loaded.record.id,
        caseRef: loaded.record.ref,
        municipality: loaded.record.municipality,
        acuteId: report.id,
        pickedUpBy: loaded.actor.id,
      },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return ctx.store.acute.byId(report.id)!;
  });
}

/** The follow-up's answer: did a joint decision follow the acute report? Recorded, no more. */
export function answerAcuteFollowup(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; acuteId: number; jointDecision: boolean },
): void {
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const report = loadReport(ctx, loaded, input.acuteId);
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.cases.addEvent(
      loaded.record.id,
      'acute_followup',
      { acuteId: report.id, jointDecision: input.jointDecision },
      now,
      loaded.actor.id,
    );
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'acute.followup_answered',
      caseId: loaded.record.id,
      reason: null,
      details: { acuteId: report.id, jointDecision: input.jointDecision },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
  });
}

/** The scheduler: the first office-hours start after the report's day, the reporter and the coordinator are asked. */
export function runDueAcuteFollowups(ctx: AppContext, now: number): number {
  let sent = 0;
  for (const report of ctx.store.acute.dueFollowups(now, 250)) {
    ctx.store.transaction(() => {
      const c: CaseRecord | undefined = ctx.store.cases.byId(report.caseId);
      ctx.store.acute.update(report.id, { followupAt: null, followupSentAt: now });
      if (!c || c.closedAt !== null) return;
      const coordinator = loadTeam(ctx, c).coordinatorId;
      enqueueNotification(ctx, {
        caseId: c.id,
        recipients: [report.reportedBy, coordinator],
        payload: {
          kind: 'acute_followup',
          caseId: c.id,
          caseRef: c.ref,
          municipality: c.municipality,
          acuteId: report.id,
        },
      });
      sent++;
    });
  }
  return sent;
}
