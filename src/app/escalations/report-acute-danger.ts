import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase, requireOpen } from '../case-access.js';
import { enqueueNotification } from '../enqueue-notification.js';
import { recordActivity } from '../record-activity.js';

export const CRISIS_ROUTES = [
  'Direct gevaar: bel 112.',
  'Veilig Thuis (dag en nacht): 0800-2000.',
  'Raad voor de Kinderbescherming, bureaudienst: via het landelijke nummer van de Raad, buiten kantoortijd via de crisisdienst.',
  'Crisisdienst jeugd van de regio (Centraal Gelderland: via Veilig Thuis Gelderland-Midden).',
];

/** Acute danger bypasses the ladder: every team lead of the case is told at once, at any hour (domain.md §5). */
export function reportAcuteDanger(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string },
): { notified: MemberId[]; crisisRoutes: string[] } {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  requireOpen(loaded);
  const leads = new Set<MemberId>();
  for (const m of loaded.team.members) {
    if (m.role === 'team_lead') leads.add(m.memberId);
    else {
      const lead = ctx.roster.leadOf(m.memberId);
      if (lead) leads.add(lead.id);
    }
  }
  const notified = [...leads].sort();
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    enqueueNotification(ctx, {
      kind: 'acute',
      caseId: loaded.record.id,
      recipients: notified,
      urgent: true,
      payload: {
        caseId: loaded.record.id,
        caseRef: loaded.record.ref,
        municipality: loaded.record.municipality,
        stage: loaded.record.stage,
        raisedBy: loaded.actor.id,
      },
    });
    ctx.store.cases.addEvent(loaded.record.id, 'crisis_event', {}, now, loaded.actor.id);
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'acute.reported',
      caseId: loaded.record.id,
      reason: null,
      details: { notified },
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
  });
  return { notified, crisisRoutes: CRISIS_ROUTES };
}
