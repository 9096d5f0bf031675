import { DomainError } from '../../domain/domain-error.js';
import type { CaseStage, MemberId, OrgType } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { OverviewScope } from '../store.js';
import { actorOf } from '../case-access.js';
import { waitingCases, type WaitingCase } from './waiting-cases.js';

// "overzicht": how the pilot's cases flow, per municipality. Pilot coordinators see the cases of their pilot's
// municipalities; a team lead sees the cases on which a member of their own organisation sits. References only.

/** How many cases wait for a jeugdbeschermer, and the longest wait in working days. */
export interface WaitingCount {
  cases: number;
  longestWorkingDays: number;
}

/** Waiting cases of one GI (null: the case has no GI member and its municipality no fixed GI face). */
export interface GiWaiting extends WaitingCount {
  gi: string | null;
}

export interface MunicipalityOverview {
  municipality: string;
  cases: number;
  perStage: Partial<Record<CaseStage, number>>;
  stalled: Array<{ caseRef: string; timers: string[] }>;
  escalationsPerLevel: Record<string, number>;
  openHandovers: number;
  /** The cases waiting for a jeugdbeschermer (T6 running), in all and per GI (by name). Aggregates only. */
  waiting: WaitingCount & { perGi: GiWaiting[] };
}

export interface Overview {
  scope: 'pilot' | { org: OrgType; orgName: string };
  municipalities: MunicipalityOverview[];
  /** The cases waiting for a jeugdbeschermer per GI over every municipality above, with the count per municipality. */
  waitingPerGi: Array<GiWaiting & { perMunicipality: Array<{ municipality: string; cases: number }> }>;
}

function count(cases: WaitingCase[]): WaitingCount {
  return { cases: cases.length, longestWorkingDays: cases.reduce((n, c) => Math.max(n, c.workingDays), 0) };
}

/** Groups by a key, sorted by key; null (no GI known) last. */
function groupBy<K extends string | null>(cases: WaitingCase[], key: (c: WaitingCase) => K): Array<[K, WaitingCase[]]> {
  const groups = new Map<K, WaitingCase[]>();
  for (const c of cases) {
    const k = key(c);
    const group = groups.get(k);
    if (group) group.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

const perGi = (cases: WaitingCase[]): GiWaiting[] =>
  groupBy(cases, (c) => c.gi).map(([gi, of]) => ({ gi, ...count(of) }));

export function getOverview(ctx: AppContext, input: { by: MemberId; municipality?: string }): Overview {
  const actor = actorOf(ctx, input.by);
  if (
    actor.role !== 'pilot_coordinator' &&
    actor.role !== 'team_lead' &&
    actor.role !== 'manager' &&
    actor.role !== 'director'
  ) {
    throw new DomainError('OVERVIEW_NOT_ALLOWED', 'Het overzicht is voor pilotcoördinatoren en leidinggevenden.');
  }
  const today = ctx.calendar.localDate(ctx.clock.now());
  const r = ctx.store.reporting;
  const scope: OverviewScope =
    actor.role === 'pilot_coordinator'
      ? { municipalities: actor.municipalities ?? [] }
      : {
          memberIds: ctx.roster.members
            .filter((m) => m.org === actor.org && m.orgName === actor.orgName)
            .map((m) => m.id),
        };
  const wanted = input.municipality?.toLowerCase();
  // Counted in SQL: what is held here grows with the municipalities and the stalled cases, not with all cases.
  const byMunicipality = new Map<string, MunicipalityOverview>();
  const of = (municipality: string): MunicipalityOverview | undefined => {
    if (wanted !== undefined && municipality.toLowerCase() !== wanted) return undefined;
    let m = byMunicipality.get(municipality);
    if (m === undefined) {
      m = {
        municipality,
        cases: 0,
        perStage: {},
        stalled: [],
        escalationsPerLevel: { L0: 0, L1: 0, L2: 0, L3: 0 },
        openHandovers: 0,
        waiting: { cases: 0, longestWorkingDays: 0, perGi: [] },
      };
      byMunicipality.set(municipality, m);
    }
    return m;
  };
  for (const row of r.openCaseCounts(scope)) {
    const m = of(row.municipality);
    if (!m) continue;
    m.cases += row.cases;
    m.perStage[row.stage as CaseStage] = (m.perStage[row.stage as CaseStage] ?? 0) + row.cases;
  }
  for (const s of r.stalledCases(today, scope)) of(s.municipality)?.stalled.push({ caseRef: s.ref, timers: s.timers });
  for (const e of r.openEscalationCounts(scope)) {
    // A worrying-conduct escalation is counted only for a pilot coordinator; team leads see it on their own cards.
    if (e.trigger === 'NEGLIGENT_CONDUCT' && actor.role !== 'pilot_coordinator') continue;
    const m = of(e.municipality);
    if (m) m.escalationsPerLevel[e.level] = (m.escalationsPerLevel[e.level] ?? 0) + e.escalations;
  }
  for (const h of r.openHandoverCounts(scope)) {
    const m = of(h.municipality);
    if (m) m.openHandovers += h.handovers;
  }
  // Read per waiting case, not in SQL (see waiting-cases.ts). A waiting case is open, so its municipality has a block.
  const waiting = waitingCases(
    ctx,
    scope,
    today,
    (municipality) => wanted === undefined || municipality.toLowerCase() === wanted,
  );
  for (const [municipality, cases] of groupBy(waiting, (c) => c.municipality)) {
    const m = of(municipality);
    if (m) m.waiting = { ...count(cases), perGi: perGi(cases) };
  }
  const municipalities = [...byMunicipality.values()].sort((a, b) => a.municipality.localeCompare(b.municipality));
  return {
    scope: actor.role === 'pilot_coordinator' ? 'pilot' : { org: actor.org, orgName: actor.orgName },
    municipalities,
    waitingPerGi: groupBy(waiting, (c) => c.gi).map(([gi, cases]) => ({
      gi,
      ...count(cases),
      perMunicipality: groupBy(cases, (c) => c.municipality).map(([municipality, of]) => ({
        municipality,
        cases: of.length,
      })),
    })),
  };
}
