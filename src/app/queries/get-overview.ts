import { DomainError } from '../../domain/domain-error.js';
import type { CaseStage, MemberId, OrgType } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { OverviewScope } from '../store.js';
import { actorOf } from '../case-access.js';

// "overzicht": how the pilot's cases flow, per municipality. Pilot coordinators see the cases of their pilot's
// municipalities; a team lead sees the cases on which a member of their own organisation sits. References only.

export interface MunicipalityOverview {
  municipality: string;
  cases: number;
  perStage: Partial<Record<CaseStage, number>>;
  stalled: Array<{ caseRef: string; timers: string[] }>;
  escalationsPerLevel: Record<string, number>;
  openHandovers: number;
}

export interface Overview {
  scope: 'pilot' | { org: OrgType; orgName: string };
  municipalities: MunicipalityOverview[];
}

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
  const municipalities = [...byMunicipality.values()].sort((a, b) => a.municipality.localeCompare(b.municipality));
  return {
    scope: actor.role === 'pilot_coordinator' ? 'pilot' : { org: actor.org, orgName: actor.orgName },
    municipalities,
  };
}
