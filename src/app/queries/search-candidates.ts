import { isCurrentMember } from '../../domain/case-team.js';
import { DomainError, notFoundOrNoAccess } from '../../domain/domain-error.js';
import { ORG_LABELS, ORG_TYPES, type Member, type MemberId, type Role } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf, findCase, loadCaseToChange, loadTeam, maySee } from '../case-access.js';

// Who may join a case team from the team card, and the search over them that the card's typeahead asks for
// (docs/behaviour.md, "The team card"). One rule for the inline list, the typeahead and the re-check on submit.

/** Who can join a case team from the team card: the people who do the work and their team leads. */
const JOINABLE_ROLES: ReadonlySet<Role> = new Set<Role>(['professional', 'behavioural_scientist', 'team_lead']);

/** The most results one search answers: Teams shows 15 at a time and asks for the next page with `skip`. */
export const MAX_SEARCH_RESULTS = 50;

/** The longest search text accepted; no name (100) or organisation needs more to be found. */
export const MAX_QUERY_LENGTH = 100;

/**
 * Colleagues who could join: people of the organisations on the case or among the municipality's fixed faces, who
 * are not on the team yet, sorted by kind of organisation, organisation and name (the order the card shows).
 * A worker of another municipality's local team is rarely the right person.
 */
export function candidatesOf(
  ctx: Pick<AppContext, 'roster'>,
  c: { municipality: string; memberIds: readonly MemberId[] },
): Member[] {
  const onTeam = new Set(c.memberIds);
  const faces = Object.values(ctx.roster.fixedTeam(c.municipality) ?? {});
  const orgNames = new Set([...c.memberIds, ...faces].map((id) => ctx.roster.member(id)?.orgName));
  const order = (m: Member) => ORG_TYPES.indexOf(m.org);
  return ctx.roster.members
    .filter((m) => !onTeam.has(m.id) && JOINABLE_ROLES.has(m.role) && orgNames.has(m.orgName))
    .sort((a, b) => order(a) - order(b) || a.orgName.localeCompare(b.orgName) || a.name.localeCompare(b.name));
}

/** Lower case without accents: "Ünal" and "unal" match, as do "Gezinsvoogdij" and "gezinsvoogdij". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The municipalities where someone is a fixed face. */
function fixedFaceOf(ctx: Pick<AppContext, 'roster'>, id: MemberId): string[] {
  return ctx.roster.municipalities.filter((m) => Object.values(ctx.roster.fixedTeam(m) ?? {}).includes(id));
}

export interface CandidateSearch {
  by: MemberId;
  caseRef: string;
  /** `add`: anyone who may join. `replace`: a successor; of the leaving member's kind of organisation when known. */
  slot: 'add' | 'replace';
  /** replace: the member chosen to leave, when the card sent it along (its other inputs). */
  leaving?: MemberId;
  /** What the person typed; every word must occur in the name, the organisation or a municipality. */
  text: string;
  skip: number;
  top: number;
}

export interface CandidatePage {
  results: Member[];
  /** How many candidates match in all (for paging). */
  total: number;
}

/**
 * One page of the candidates matching the typed text. Only for someone who may change the case's team: whoever may
 * see the open case (the same check the team card and its forms make). Anyone else gets "niet gevonden of geen
 * toegang", whether the case exists or not. A read of names already on the team card: not recorded again.
 */
export function searchCandidates(ctx: AppContext, q: CandidateSearch): CandidatePage {
  if (q.text.length > MAX_QUERY_LENGTH)
    throw new DomainError('BAD_CARD_DATA', `Typ hooguit ${MAX_QUERY_LENGTH} tekens om iemand te zoeken.`);
  const loaded = loadCaseToChange(ctx, q.by, q.caseRef);
  const memberIds = loaded.team.members.map((m) => m.memberId);
  let candidates = candidatesOf(ctx, { municipality: loaded.record.municipality, memberIds });
  // replaceMember accepts a successor of the same kind of organisation only: offer no one it would refuse.
  const leaving = q.slot === 'replace' && q.leaving && memberIds.includes(q.leaving) && ctx.roster.member(q.leaving);
  if (leaving) candidates = candidates.filter((m) => m.org === leaving.org);
  const words = fold(q.text).split(/\s+/).filter(Boolean);
  const matching =
    words.length === 0
      ? candidates
      : candidates.filter((m) => {
          const haystack = fold([m.name, m.orgName, ORG_LABELS[m.org], ...fixedFaceOf(ctx, m.id)].join(' '));
          return words.every((w) => haystack.includes(w));
        });
  const skip = Math.max(0, Math.floor(q.skip));
  const top = Math.min(MAX_SEARCH_RESULTS, Math.max(1, Math.floor(q.top)));
  return { results: matching.slice(skip, skip + top), total: matching.length };
}

/**
 * The person chosen on the team card must still be someone the card offers (the roster or the team may have changed
 * since it was shown, and card data can be forged). Someone already on the team is left to the use case, which says
 * so. To anyone who may not see the case the answer is the same as for an unknown case, so nothing is given away.
 */
export function requireCandidate(ctx: AppContext, input: { by: MemberId; caseRef: string; member: MemberId }): void {
  const record = findCase(ctx, input.caseRef);
  if (!record) throw notFoundOrNoAccess();
  const team = loadTeam(ctx, record);
  if (isCurrentMember(team, input.member)) return;
  const memberIds = team.members.map((m) => m.memberId);
  if (candidatesOf(ctx, { municipality: record.municipality, memberIds }).some((m) => m.id === input.member)) return;
  if (!maySee(ctx, actorOf(ctx, input.by), { record, team })) throw notFoundOrNoAccess();
  throw new DomainError(
    'NOT_A_CANDIDATE',
    'Die persoon kan niet via de teamkaart bij deze casus komen. Open de teamkaart opnieuw en kies iemand uit de lijst.',
  );
}
