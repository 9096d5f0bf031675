import { memberOfOrg } from '../domain/case-team.js';
import type { CaseRecord } from '../domain/records.js';
import { handoverForStageChange } from '../domain/stage-handovers.js';
import type { CaseStage, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { loadTeam } from './case-access.js';
import { refreshParticipants } from './escalations/escalation-participants.js';
import { openHandover } from './handovers/open-handover.js';
import { joinCase } from './join-case.js';
import { restartSilence } from './record-activity.js';

const JBT_STAGES: ReadonlySet<CaseStage> = new Set(['JBT_REQUESTED', 'JBT_HELD']);

/**
 * A stage change, by hand or because an event moved the case on: the same effects either way (docs/behaviour.md,
 * Stages). The table's secretary joins at a JBT stage; the handover of that moment opens when both sides are on the
 * case and none is open; T13 starts again, now measuring the organisation responsible for the new stage. Runs inside
 * the caller's transaction and returns the updated case.
 */
export function changeStage(ctx: AppContext, c: CaseRecord, to: CaseStage, by: MemberId, at: number): CaseRecord {
  const from = c.stage;
  if (from === to) return c;
  ctx.store.cases.update(c.id, { stage: to });
  ctx.store.cases.addEvent(c.id, 'stage_changed', { from, to }, at, by);
  ctx.store.audit.append({
    at,
    actor: by,
    action: 'case.stage',
    caseId: c.id,
    reason: null,
    details: { from, to },
  });
  let record = ctx.store.cases.byId(c.id)!;
  if (JBT_STAGES.has(to)) {
    const secretary = ctx.roster.fixedTeam(record.municipality)?.JBT;
    const member = secretary ? ctx.roster.member(secretary) : undefined;
    if (member) joinCase(ctx, record, member, { by, at, reason: 'Jeugdbeschermingstafel' });
  }
  const h = handoverForStageChange(from, to);
  if (h) {
    const team = loadTeam(ctx, record);
    const sender = h.from === 'coordinator' ? (record.coordinatorId ?? undefined) : memberOfOrg(team, h.from);
    const receiver = memberOfOrg(team, h.to);
    const open = ctx.store.handovers.ofCase(c.id).some((x) => x.state === 'open' && x.moment === h.moment);
    if (sender && receiver && sender !== receiver && !open) {
      openHandover(ctx, record, { moment: h.moment, from: sender, to: receiver, by, at });
    }
  }
  record = ctx.store.cases.byId(c.id)!;
  restartSilence(ctx, record, by, at);
  refreshParticipants(ctx, record);
  return ctx.store.cases.byId(c.id)!;
}
