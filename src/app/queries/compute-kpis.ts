import { computeKpis, type KpiRow } from '../../domain/kpis.js';
import { daysBetween } from '../../domain/local-date.js';
import type { AppContext } from '../app-context.js';

/** `npm run kpi`: the GVJB and process KPIs of a period, from recorded events only (aggregates, no case references). */
export function computeKpisForPeriod(ctx: AppContext, from: string, to: string): KpiRow[] {
  const date = (at: number) => ctx.calendar.localDate(at);
  const r = ctx.store.reporting;
  // Purged cases live on in the archive under an anonymous key; they count as cases with negative ids here.
  const archived = ctx.store.retention.archived();
  const keys = new Map<string, number>();
  const idOf = (key: string) => keys.get(key) ?? (keys.set(key, -(keys.size + 1)), keys.get(key)!);
  const fromArchive = <T>(kind: string, map: (d: Record<string, unknown>, caseId: number) => T): T[] =>
    archived.filter((a) => a.kind === kind).map((a) => map(a.data, idOf(a.archiveKey)));
  const timersOf = (name: string) => [
    ...r.timers([name]),
    ...fromArchive('timer', (d, caseId) => ({
      caseId,
      ...(d as {
        timer: string;
        startDate: string;
        dueDate: string;
        originalDueDate: string;
        stoppedAt: number | null;
        state: string;
      }),
    })).filter((t) => t.timer === name),
  ];
  const t12 = timersOf('T12');
  return computeKpis({
    from,
    to,
    daysBetween,
    events: [
      ...r.events(),
      ...fromArchive('event', (d, caseId) => ({
        caseId,
        event: d.event as string,
        at: d.at as number,
        fields: d.fields as Record<string, unknown>,
      })),
    ].map((e) => ({
      caseId: e.caseId,
      event: e.event,
      date: date(e.at),
      fields: e.fields,
    })),
    timers: timersOf('T6').map((t) => ({
      ...t,
      completedDate: t.state === 'completed' && t.stoppedAt !== null ? date(t.stoppedAt) : null,
    })),
    handovers: [
      ...r.handovers(),
      ...fromArchive('handover', (d, caseId) => ({
        caseId,
        openedAt: d.openedAt as number,
        acceptedAt: d.acceptedAt as number | null,
      })),
    ].map((h) => {
      const accepted = h.acceptedAt !== null ? date(h.acceptedAt) : null;
      const norm = t12.find((t) => t.caseId === h.caseId && t.startDate === date(h.openedAt));
      return {
        openedDate: date(h.openedAt),
        acceptedDate: accepted,
        withinNorm: accepted !== null && (!norm || accepted <= norm.originalDueDate),
      };
    }),
    escalations: [
      ...r.escalations(),
      ...fromArchive(
        'escalation',
        (d) =>
          d as {
            raisedAt: number;
            level: string;
            trigger: string;
            state: string;
            closedAt: number | null;
            outcome: string | null;
          },
      ),
    ].map((e) => {
      const closed = e.closedAt !== null ? date(e.closedAt) : null;
      return {
        raisedDate: date(e.raisedAt),
        level: e.level,
        trigger: e.trigger,
        state: e.state,
        closedDate: closed,
        workingDaysToDecision:
          e.outcome === 'resolved' && closed ? ctx.calendar.workingDaysBetween(date(e.raisedAt), closed) : null,
      };
    }),
  });
}
