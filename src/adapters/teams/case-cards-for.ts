import type { AppContext } from '../../app/app-context.js';
import { getCaseView } from '../../app/queries/get-case-view.js';
import type { MemberId, Role } from '../../domain/types.js';
import type { AdaptiveCard } from './cards/card-kit.js';
import { buildCaseCard } from './cards/case-card.js';
import { buildTeamCard } from './cards/team-card.js';

// Reads what a card shows through the query use case (which applies need-to-know) and hands it to a pure builder.

/** Who can join a case team from the team card: the people who do the work and their team leads. */
const JOINABLE_ROLES: ReadonlySet<Role> = new Set<Role>(['professional', 'behavioural_scientist', 'team_lead']);

function nameOf(ctx: AppContext) {
  return (id: MemberId) => ctx.roster.member(id)?.name ?? id;
}

export function caseCardFor(ctx: AppContext, actorId: MemberId, ref: string, notice?: string): AdaptiveCard {
  const view = getCaseView(ctx, actorId, ref);
  const jeugdbeschermers = ctx.roster.members.filter((m) => m.org === 'GI' && m.role === 'professional').map((m) => ({ id: m.id, name: m.name, orgName: m.orgName }));
  return buildCaseCard({ view, nameOf: nameOf(ctx), jeugdbeschermers, notice });
}

export function teamCardFor(ctx: AppContext, actorId: MemberId, ref: string, notice?: string): AdaptiveCard {
  const view = getCaseView(ctx, actorId, ref);
  const onTeam = new Set(view.team.map((m) => m.id));
  const candidates = ctx.roster.members.filter((m) => !onTeam.has(m.id) && JOINABLE_ROLES.has(m.role));
  return buildTeamCard({ caseRef: view.record.ref, municipality: view.record.municipality, open: view.record.closedAt === null, members: view.team, candidates, notice });
}
