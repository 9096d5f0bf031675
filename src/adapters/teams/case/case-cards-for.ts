import type { AppContext } from '../../../app/app-context.js';
import { findCaseVersion } from '../../../app/case-access.js';
import { viewCaseOnRecord, recordCachedCaseView } from '../../../app/queries/get-case-view.js';
import { candidatesOf } from '../../../app/queries/search-candidates.js';
import { awayOn } from '../../../app/stand-in.js';
import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { buildCaseCard } from './case-card.js';
import { buildTeamCard, type MemberAway } from '../team/team-card.js';
import type { CaseCardCache } from './case-card-cache.js';

// Reads what a card shows through the query use case (which applies need-to-know) and hands it to a pure builder.

function nameOf(ctx: AppContext) {
  return (id: MemberId) => ctx.roster.member(id)?.name ?? id;
}

function renderCaseCard(ctx: AppContext, actorId: MemberId, ref: string, notice?: string): AdaptiveCard {
  return buildCaseCard({ view: viewCaseOnRecord(ctx, actorId, ref), nameOf: nameOf(ctx), notice });
}

/**
 * The case card for the actor, through `cache`, the bot's card cache (TeamsState.caseCards). A plain card (no notice)
 * is served from the cache while the case's version is unchanged; the view is recorded in the audit log either way,
 * and committed before the card is returned. Without a cached card the full query runs, need-to-know included. The
 * version is read before the case itself, so a cached card is never older than its version.
 */
export async function caseCardFor(
  ctx: AppContext,
  cache: CaseCardCache,
  actorId: MemberId,
  ref: string,
  notice?: string,
): Promise<AdaptiveCard> {
  if (notice !== undefined) return renderCaseCard(ctx, actorId, ref, notice);
  const current = findCaseVersion(ctx, ref);
  const stamp = current && `${current.version}@${ctx.calendar.localDate(ctx.clock.now())}`;
  const cached = current && stamp && cache.get(current.id, actorId, stamp);
  if (current && cached) {
    await recordCachedCaseView(ctx, actorId, current.id);
    return cached;
  }
  const card = renderCaseCard(ctx, actorId, ref);
  if (current && stamp) cache.set(current.id, actorId, stamp, card);
  return card;
}

/** Who of the team is away today and who stands in, by the one rule the outbox applies too (app/stand-in). */
function awayToday(ctx: AppContext, id: MemberId): MemberAway | undefined {
  const away = awayOn(ctx, id, ctx.calendar.localDate(ctx.clock.now()));
  if (!away) return undefined;
  const deputy = away.deputy ? ctx.roster.member(away.deputy) : undefined;
  return {
    until: away.until,
    deputy: deputy ? { name: deputy.name, orgName: deputy.orgName } : null,
    deputyStandsIn: away.standIn !== null,
  };
}

export function teamCardFor(ctx: AppContext, actorId: MemberId, ref: string, notice?: string): AdaptiveCard {
  const view = viewCaseOnRecord(ctx, actorId, ref);
  const candidates = candidatesOf(ctx, {
    municipality: view.record.municipality,
    memberIds: view.team.map((m) => m.id),
  });
  return buildTeamCard({
    caseRef: view.record.ref,
    municipality: view.record.municipality,
    open: view.record.closedAt === null,
    members: view.team.map((m) => ({ ...m, away: awayToday(ctx, m.id) })),
    candidates,
    notice,
  });
}
