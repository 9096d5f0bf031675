import { memberOfOrg } from '../../domain/case-team.js';
import { coordinatorUnderMeasureIn } from '../../domain/norms.js';
import type { CaseRecord } from '../../domain/records.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadTeam } from '../case-access.js';
import { openHandover, passHandover } from '../handovers/open-handover.js';
import { joinCase } from '../join-case.js';
import { BOT_ACTOR } from '../notifications.js';
import { notifyTeam } from '../notify-team.js';

/** The H5 item the assignment itself settles: nobody records the same fact twice. */
const ASSIGNED_ITEM = 'H5.1';

/**
 * A jeugdbeschermer is assigned (T6 stops with the event). They join the team if they were not on it, regie passes to
 * them — the Lokaal Team stays responsible while a child waits ("lokale teams blijven dan verantwoordelijk voor het kind
 * op de wachtlijst"), so not at the measure — unless the municipality keeps regie at the Lokaal Team. The Raad→GI
 * handover goes to them: an open H5 still addressed to the GI's fixed face passes to them, or H5 opens now when there
 * was no GI member at the measure. The bot ticks "jeugdbeschermer binnen 5 werkdagen toegewezen" on it.
 */
export function assignJeugdbeschermer(
  ctx: AppContext,
  c: CaseRecord,
  jb: Member,
  by: MemberId,
  at: number,
): CaseRecord {
  joinCase(ctx, c, jb, { by, at, reason: 'jeugdbeschermer toegewezen' });
  let record = ctx.store.cases.byId(c.id)!;
  if (coordinatorUnderMeasureIn(ctx.norms, record.municipality) === 'GI' && record.coordinatorId !== jb.id) {
    const previous = record.coordinatorId;
    ctx.store.cases.update(c.id, { coordinatorId: jb.id });
    ctx.store.audit.append({
      at,
      actor: by,
      action: 'case.coordinator',
      caseId: c.id,
      reason: 'jeugdbeschermer toegewezen',
      details: { from: previous, to: jb.id },
    });
    record = ctx.store.cases.byId(c.id)!;
    const everyone = loadTeam(ctx, record).members.map((m) => m.memberId);
    notifyTeam(ctx, record, 'coordinator_changed', everyone, by, { previousCoordinator: previous, coordinator: jb.id });
  }
  const open = ctx.store.handovers.ofCase(c.id).find((h) => h.state === 'open' && h.moment === 'H5');
  let h5 = open?.id;
  if (open) {
    passHandover(ctx, record, open, jb.id, { by, at, tell: true, restartTerm: true });
  } else if (record.measureStart !== null && !hasH5Since(ctx, record)) {
    const from = memberOfOrg(loadTeam(ctx, record), 'RVDK') ?? by;
    if (from !== jb.id) h5 = openHandover(ctx, record, { moment: 'H5', from, to: jb.id, by, at });
  }
  if (h5 !== undefined && ctx.handoverTemplates.itemsFor('H5').some((i) => i.id === ASSIGNED_ITEM)) {
    ctx.store.handovers.tick(h5, { itemId: ASSIGNED_ITEM, checkedBy: BOT_ACTOR, checkedAt: at, note: null });
  }
  return ctx.store.cases.byId(c.id)!;
}

function hasH5Since(ctx: AppContext, c: CaseRecord): boolean {
  const since = c.measureStart ?? '';
  return ctx.store.handovers.ofCase(c.id).some((h) => h.moment === 'H5' && ctx.calendar.localDate(h.openedAt) >= since);
}

/**
 * A measure pronounced opens H5 from the case's Raad member (else whoever recorded it) to its GI member, when none is
 * open; without a GI member it waits for the assignment.
 */
export function openH5AtMeasure(ctx: AppContext, c: CaseRecord, by: MemberId, at: number): void {
  if (ctx.store.handovers.ofCase(c.id).some((h) => h.state === 'open' && h.moment === 'H5')) return;
  const team = loadTeam(ctx, c);
  const from = memberOfOrg(team, 'RVDK') ?? by;
  const to = memberOfOrg(team, 'GI');
  if (to && from !== to) openHandover(ctx, c, { moment: 'H5', from, to, by, at });
}
