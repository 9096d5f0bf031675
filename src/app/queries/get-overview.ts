import { DomainError } from '../../domain/domain-error.js';
import type { CaseStage, MemberId, OrgType } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf } from '../case-access.js';

// "overzicht" (issue 7 §1): how the pilot's cases flow, per municipality. Pilot coordinators see every case; a team
// lead sees the cases on which a member of their own organisation sits. Case references only, no content.

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
  if (actor.role !== 'pilot_coordinator' && actor.role !== 'team_lead' && actor.role !== 'manager' && actor.role !== 'director') {
    throw new DomainError('OVERVIEW_NOT_ALLOWED', 'Het overzicht is voor pilotcoördinatoren en leidinggevenden.');
  }
  const today = ctx.calendar.localDate(ctx.clock.now());
  const r = ctx.store.reporting;
  let cases = r.openCases();
  if (actor.role !== 'pilot_coordinator') {
    const ownOrg = ctx.roster.members.filter((m) => m.org === actor.org && m.orgName === actor.orgName).map((m) => m.id);
    const withOwnOrg = new Set(r.openCaseIdsWithMemberIn(ownOrg));
    cases = cases.filter((c) => withOwnOrg.has(c.id));
  }
  if (input.municipality) cases = cases.filter((c) => c.municipality.toLowerCase() === input.municipality!.toLowerCase());
  const ids = new Set(cases.map((c) => c.id));
  // Only open and overdue rows are read (in SQL), and grouped per case once: at 100 000 cases the overview must not
  // load a million timers or scan them once per case.
  const overdueByCase = new Map<number, string[]>();
  for (const o of r.overdueOpenTimers(today)) if (ids.has(o.caseId)) overdueByCase.set(o.caseId, o.timers);
  // A worrying-conduct escalation is counted only for a pilot coordinator; team leads see it on their own cards.
  const escalations = r.openEscalations().filter((e) => ids.has(e.caseId) && (e.trigger !== 'NEGLIGENT_CONDUCT' || actor.role === 'pilot_coordinator'));
  const handovers = r.openHandovers().filter((h) => ids.has(h.caseId));
  const byMunicipality = new Map<string, typeof cases>();
  for (const c of cases) {
    const list = byMunicipality.get(c.municipality);
    if (list) list.push(c);
    else byMunicipality.set(c.municipality, [c]);
  }
  const municipalities = [...byMunicipality.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([municipality, list]) => {
      const inList = new Set(list.map((c) => c.id));
      const perStage: Partial<Record<CaseStage, number>> = {};
      for (const c of list) perStage[c.stage as CaseStage] = (perStage[c.stage as CaseStage] ?? 0) + 1;
      const stalled = list
        .map((c) => ({ caseRef: c.ref, timers: overdueByCase.get(c.id) ?? [] }))
        .filter((s) => s.timers.length > 0);
      const escalationsPerLevel: Record<string, number> = { L0: 0, L1: 0, L2: 0, L3: 0 };
      for (const e of escalations.filter((x) => inList.has(x.caseId))) escalationsPerLevel[e.level] = (escalationsPerLevel[e.level] ?? 0) + 1;
      return { municipality, cases: list.length, perStage, stalled, escalationsPerLevel, openHandovers: handovers.filter((h) => inList.has(h.caseId)).length };
    });
  return { scope: actor.role === 'pilot_coordinator' ? 'pilot' : { org: actor.org, orgName: actor.orgName }, municipalities };
}
