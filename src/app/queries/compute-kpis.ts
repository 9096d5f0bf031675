import { computeKpis, type KpiRow } from '../../domain/kpis.js';
import { addMonths, daysBetween, type LocalDate } from '../../domain/local-date.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { periodOf, requireLearningAccess } from './learning-access.js';

export interface KpiOptions {
  /** Only the cases of this municipality (as the roster spells it), with its JBT requests beside the rest of the region. */
  municipality?: string;
  /** Count worrying-conduct escalations (default true; the chat leaves them out for anyone but a pilot coordinator). */
  withWorryingConduct?: boolean;
}

/**
 * `npm run kpi` and `kpi <gemeente> <van> <tot>`: the GVJB and process KPIs of a period, from recorded events only
 * (aggregates, no case references). With a municipality: of that municipality's cases, followed by its requests to the
 * Jeugdbeschermingstafel beside those of the other municipalities of its region, each also a year earlier — the GI's
 * performance agreement is 5 % a year fewer than the other municipalities (docs/behaviour.md, "Learning together").
 */
export function computeKpisForPeriod(ctx: AppContext, from: string, to: string, options: KpiOptions = {}): KpiRow[] {
  const date = (at: number) => ctx.calendar.localDate(at);
  const r = ctx.store.reporting;
  // Purged cases live on in the archive under an anonymous key; they count as cases with negative ids here.
  const archived = ctx.store.retention.archived();
  const keys = new Map<string, number>();
  const idOf = (key: string) => keys.get(key) ?? (keys.set(key, -(keys.size + 1)), keys.get(key)!);
  const fromArchive = <T>(kind: string, map: (d: Record<string, unknown>, caseId: number) => T): T[] =>
    archived.filter((a) => a.kind === kind).map((a) => map(a.data, idOf(a.archiveKey)));
  const wanted = options.municipality;
  // The municipality of every case; an archived case has one only when the archive kept it (a 'case' entry).
  const municipalityOf = new Map<number, string>();
  if (wanted !== undefined) {
    for (const c of ctx.store.learning.caseFacts()) municipalityOf.set(c.caseId, c.municipality);
    for (const a of fromArchive('case', (d, caseId) => ({ caseId, municipality: d.municipality })))
      if (typeof a.municipality === 'string') municipalityOf.set(a.caseId, a.municipality);
  }
  const inScope = (caseId: number) => wanted === undefined || municipalityOf.get(caseId) === wanted;
  const withWorrying = options.withWorryingConduct ?? true;
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
  const allEvents = [
    ...r.events(),
    ...fromArchive('event', (d, caseId) => ({
      caseId,
      event: d.event as string,
      at: d.at as number,
      fields: d.fields as Record<string, unknown>,
    })),
  ];
  const rows = computeKpis({
    from,
    to,
    daysBetween,
    events: allEvents
      .filter((e) => inScope(e.caseId))
      .map((e) => ({
        caseId: e.caseId,
        event: e.event,
        date: date(e.at),
        fields: e.fields,
      })),
    timers: timersOf('T6')
      .filter((t) => inScope(t.caseId))
      .map((t) => ({
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
    ]
      .filter((h) => inScope(h.caseId))
      .map((h) => {
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
      ...fromArchive('escalation', (d, caseId) => ({
        caseId,
        ...(d as {
          raisedAt: number;
          level: string;
          trigger: string;
          state: string;
          closedAt: number | null;
          outcome: string | null;
        }),
      })),
    ]
      .filter((e) => inScope(e.caseId) && (withWorrying || e.trigger !== 'NEGLIGENT_CONDUCT'))
      .map((e) => {
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
  }).filter((row) => withWorrying || row.id !== 'proc_escalaties_negligent_conduct');
  if (wanted === undefined) return rows;
  return [...rows, ...jbtComparison(ctx, wanted, from, to, allEvents, municipalityOf)];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const changePct = (now: number, before: number): number | null =>
  before === 0 ? null : round1((100 * (now - before)) / before);

/**
 * Requests to the Jeugdbeschermingstafel (a case entering JBT_REQUESTED, or opened there) of the municipality beside
 * those of the other municipalities of its region, in the period and in the same period a year earlier.
 */
function jbtComparison(
  ctx: AppContext,
  municipality: string,
  from: LocalDate,
  to: LocalDate,
  events: Array<{ caseId: number; event: string; at: number; fields: Record<string, unknown> }>,
  municipalityOf: Map<number, string>,
): KpiRow[] {
  const date = (at: number) => ctx.calendar.localDate(at);
  const region = ctx.municipalityCodes(municipality).region;
  const requests: Array<{ caseId: number; date: LocalDate }> = events
    .filter((e) => e.event === 'stage_changed' && e.fields.to === 'JBT_REQUESTED')
    .map((e) => ({ caseId: e.caseId, date: date(e.at) }));
  // A case opened at JBT_REQUESTED: its first stage change starts from there, or it never changed stage.
  const firstChange = new Map<number, unknown>();
  for (const e of events)
    if (e.event === 'stage_changed' && !firstChange.has(e.caseId)) firstChange.set(e.caseId, e.fields.from);
  for (const c of ctx.store.learning.caseFacts()) {
    const opened = firstChange.has(c.caseId) ? firstChange.get(c.caseId) : c.stage;
    if (opened === 'JBT_REQUESTED') requests.push({ caseId: c.caseId, date: date(c.openedAt) });
  }
  const count = (where: (m: string) => boolean, a: LocalDate, b: LocalDate) =>
    requests.filter((q) => {
      const m = municipalityOf.get(q.caseId);
      return m !== undefined && where(m) && q.date >= a && q.date <= b;
    }).length;
  const here = (m: string) => m === municipality;
  const rest = (m: string) => m !== municipality && ctx.municipalityCodes(m).region === region;
  const [prevFrom, prevTo] = [addMonths(from, -12), addMonths(to, -12)];
  const own = { now: count(here, from, to), before: count(here, prevFrom, prevTo) };
  const others = { now: count(rest, from, to), before: count(rest, prevFrom, prevTo) };
  const ownChange = changePct(own.now, own.before);
  const othersChange = changePct(others.now, others.before);
  const row = (id: string, label: string, value: number | null, unit: string, n: number): KpiRow => ({
    id,
    label,
    value,
    unit,
    n,
  });
  const jbt = 'Verzoeken tot bespreking aan de JBT';
  const rests = `andere gemeenten van regio ${region}`;
  return [
    row('jbt_verzoeken_gemeente', `${jbt}: ${municipality}`, own.now, 'aantal', own.now),
    row(
      'jbt_verzoeken_gemeente_vorig_jaar',
      `${jbt}: ${municipality}, een jaar eerder`,
      own.before,
      'aantal',
      own.before,
    ),
    row('jbt_verzoeken_gemeente_verandering', `${jbt}: verandering in ${municipality}`, ownChange, '%', own.before),
    row('jbt_verzoeken_regio', `${jbt}: ${rests}`, others.now, 'aantal', others.now),
    row('jbt_verzoeken_regio_vorig_jaar', `${jbt}: ${rests}, een jaar eerder`, others.before, 'aantal', others.before),
    row('jbt_verzoeken_regio_verandering', `${jbt}: verandering in de ${rests}`, othersChange, '%', others.before),
    row(
      'jbt_verschil_met_regio',
      `${jbt}: verandering in ${municipality} min die in de andere gemeenten (prestatieafspraak GI: elk jaar 5 % minder)`,
      ownChange !== null && othersChange !== null ? round1(ownChange - othersChange) : null,
      'procentpunt',
      own.now + others.now,
    ),
  ];
}

export interface MunicipalityKpis {
  municipality: string;
  from: LocalDate;
  to: LocalDate;
  rows: KpiRow[];
}

/** `kpi <gemeente> <van> <tot>` in chat: for the pilot's coordinators and the team leads of organisations working there. */
export function municipalityKpis(
  ctx: AppContext,
  input: { by: MemberId; municipality: string; from: LocalDate; to: LocalDate },
): MunicipalityKpis {
  const { actor, municipality } = requireLearningAccess(ctx, input.by, input.municipality);
  const period = periodOf(ctx, input.from, input.to);
  const rows = computeKpisForPeriod(ctx, period.from, period.to, {
    municipality,
    withWorryingConduct: actor.role === 'pilot_coordinator',
  });
  return { municipality, ...period, rows };
}
