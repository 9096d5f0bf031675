import { memberOfOrg } from '../../domain/case-team.js';
import type { LocalDate } from '../../domain/local-date.js';
import type { AppContext } from '../app-context.js';
import { loadTeam } from '../case-access.js';
import type { OverviewScope } from '../store.js';

// The cases waiting for a jeugdbeschermer (from the measure until the assignment: T6 running, as on the case card),
// for the overview: per case its municipality, its GI and how long it has waited. Never a reference.

export interface WaitingCase {
  municipality: string;
  /** The orgName of the case's GI member, else of the municipality's fixed GI face; null when it has neither. */
  gi: string | null;
  /** Working days since the measure (the day itself not counted), as "Wacht op jeugdbeschermer … (n werkdagen)". */
  workingDays: number;
}

/**
 * The open cases in `scope` (and of a municipality `include` accepts) with T6 running. Read through the existing
 * ports: the open T6 cycles, then each waiting case's municipality and team — so the work grows with the number of
 * waiting cases, not with all cases.
 */
export function waitingCases(
  ctx: AppContext,
  scope: OverviewScope,
  today: LocalDate,
  include: (municipality: string) => boolean = () => true,
): WaitingCase[] {
  const members = scope.memberIds ? new Set(scope.memberIds) : undefined;
  const municipalities = scope.municipalities ? new Set(scope.municipalities) : undefined;
  const since = new Map<number, string>();
  for (const t of ctx.store.reporting.timers(['T6'])) {
    if (t.state !== 'open') continue;
    const earlier = since.get(t.caseId);
    if (earlier === undefined || t.startDate < earlier) since.set(t.caseId, t.startDate);
  }
  const out: WaitingCase[] = [];
  for (const [caseId, startDate] of since) {
    const record = ctx.store.cases.byId(caseId);
    if (!record || record.closedAt !== null) continue;
    if (municipalities && !municipalities.has(record.municipality)) continue;
    if (!include(record.municipality)) continue;
    const team = loadTeam(ctx, record);
    if (members && !team.members.some((m) => members.has(m.memberId))) continue;
    const giMember = memberOfOrg(team, 'GI') ?? ctx.roster.fixedTeam(record.municipality)?.GI;
    out.push({
      municipality: record.municipality,
      gi: (giMember && ctx.roster.member(giMember)?.orgName) || null,
      workingDays: ctx.calendar.workingDaysBetween(startDate, today),
    });
  }
  return out;
}
