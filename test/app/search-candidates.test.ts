import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { openCase } from '../../src/app/open-case.js';
import {
  MAX_SEARCH_RESULTS,
  candidatesOf,
  requireCandidate,
  searchCandidates,
  type CandidateSearch,
} from '../../src/app/queries/search-candidates.js';
import { DomainError, NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { parseRoster } from '../../src/domain/roster.js';
import { extraColleagues, largeRosterInput } from '../support/large-roster.js';
import { aContext, closedAfterEach } from './test-context.js';

// The team card's candidate search on a real SQLite with the real migrations and a province-wide roster: the demo
// roster plus 200 colleagues in the organisations of an Arnhem case (test/support/large-roster.ts). An Arnhem case
// opened by lt-arn has lt-arn, vt-arn, gi-arn and rvdk-arn on its team.

const EXTRA = 200;
const parsed = parseRoster(largeRosterInput(EXTRA), { requireNames: true });
if ('problems' in parsed) throw new Error(`test: large roster invalid: ${JSON.stringify(parsed.problems)}`);
const roster = parsed.roster;

const contexts = closedAfterEach();
const context = () => contexts.track(aContext({ now: '2026-09-17T10:00', roster }));

function arnhemCase() {
  const c = context();
  const record = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  return { ...c, record, ref: record.ref };
}

const search = (
  c: ReturnType<typeof arnhemCase>,
  q: Partial<CandidateSearch> & Pick<CandidateSearch, 'text'>,
): ReturnType<typeof searchCandidates> =>
  searchCandidates(c.ctx, { by: 'lt-arn', caseRef: c.ref, slot: 'add', skip: 0, top: 15, ...q });

const ids = (page: { results: Array<{ id: string }> }) => page.results.map((m) => m.id);

function refusal(f: () => unknown): { code: string; text: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, text: err.userMessage };
    throw err;
  }
  throw new Error('test: expected a refusal');
}

describe('who may join a case from the team card (candidatesOf)', () => {
  it('the people of the organisations on the case and of the fixed faces, not on the team, who do the work or lead it', () => {
    const c = arnhemCase();
    const team = c.ctx.store.cases.currentMembers(c.record.id).map((m) => m.memberId);
    const all = candidatesOf(c.ctx, { municipality: 'Arnhem', memberIds: team });
    const found = new Set(all.map((m) => m.id));
    for (const extra of extraColleagues(EXTRA)) expect(found).toContain(extra.id);
    expect(found).toContain('gw-lt-arn');
    expect(found).toContain('lead-gi-1');
    expect(found).toContain('jbt-cg'); // Arnhem's table secretary is a fixed face, not on a SIGNAL case's team
    for (const id of team) expect(found).not.toContain(id);
    // another municipality's local team, managers, directors and pilot coordinators are not offered
    for (const id of ['lt-ren', 'mgr-vt', 'dir-gi', 'coord-arn', 'ret-cg']) expect(found).not.toContain(id);
    expect(all).toHaveLength(42 + EXTRA);
    // grouped by kind of organisation: Lokaal Team first, the table last
    const orgs = [...new Set(all.map((m) => m.org))];
    expect(orgs).toEqual(['LT', 'VT', 'GI', 'RVDK', 'JBT']);
  });
});

describe('searchCandidates: the typeahead behind the team card', () => {
  it('an empty query answers the first page of everyone who may join, in the card order', () => {
    const c = arnhemCase();
    const team = c.ctx.store.cases.currentMembers(c.record.id).map((m) => m.memberId);
    const all = candidatesOf(c.ctx, { municipality: 'Arnhem', memberIds: team });
    const page = search(c, { text: '' });
    expect(page.total).toBe(all.length);
    expect(ids(page)).toEqual(all.slice(0, 15).map((m) => m.id));
    expect(ids(search(c, { text: '   ' }))).toEqual(ids(page));
  });

  it('finds by name ignoring case and accents, every word must match', () => {
    const c = arnhemCase();
    const unal = search(c, { text: 'unal', top: 50 });
    expect(unal.total).toBeGreaterThan(0);
    for (const m of unal.results) expect(m.name).toContain('Ünal');
    const zoe = search(c, { text: 'ZOE ÜNAL 1 (fictief)', top: 50 });
    expect(ids(zoe)).toContain('extra-1'); // "Zoë Ünal 1 (fictief)"
    for (const m of zoe.results) expect(m.name).toMatch(/^Zoë Ünal 1\d* \(fictief\)$/);
    expect(search(c, { text: 'çelik' }).results.every((m) => m.name.includes('Çelik'))).toBe(true);
    expect(search(c, { text: 'celik' }).total).toBe(search(c, { text: 'Çelik' }).total);
    expect(search(c, { text: 'niemand-heet-zo' })).toEqual({ results: [], total: 0 });
  });

  it('finds by organisation (its name or its kind) and by the municipality someone is a fixed face of', () => {
    const c = arnhemCase();
    const raad = search(c, { text: 'raad kinderbescherming', top: 50 });
    expect(raad.total).toBeGreaterThan(0);
    expect(raad.results.every((m) => m.org === 'RVDK')).toBe(true);
    const gi = search(c, { text: 'gecertificeerde instelling', top: 50 });
    expect(gi.results.every((m) => m.org === 'GI')).toBe(true);
    // vt-ren and gi-ren work for the regional VT and GI: only their fixed-face municipality says Renkum
    const renkum = ids(search(c, { text: 'renkum', top: 50 }));
    expect(renkum).toEqual(expect.arrayContaining(['vt-ren', 'gi-ren']));
    for (const id of renkum) expect(Object.values(roster.fixedTeam('Renkum') ?? {})).toContain(id);
  });

  it('pages with skip and top: pages do not overlap and together give every match; top is capped', () => {
    const c = arnhemCase();
    const seen: string[] = [];
    let total = -1;
    for (let skip = 0; skip < 300; skip += 15) {
      const page = search(c, { text: 'fictief', skip, top: 15 });
      total = page.total;
      seen.push(...ids(page));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(total).toBe(42 + EXTRA); // every demo name says "(fictief)" too
    expect(search(c, { text: '', top: 1000 }).results).toHaveLength(MAX_SEARCH_RESULTS);
    expect(search(c, { text: '', skip: 10_000 }).results).toEqual([]);
  });

  it('for a successor: only the leaving member’s kind of organisation, when the card says who leaves', () => {
    const c = arnhemCase();
    const gi = search(c, { slot: 'replace', leaving: 'gi-arn', text: '', top: 50 });
    expect(gi.total).toBeGreaterThan(0);
    expect(gi.results.every((m) => m.org === 'GI')).toBe(true);
    // someone who is not on the team (forged, or left meanwhile) narrows nothing
    expect(search(c, { slot: 'replace', leaving: 'gi-doe', text: '' }).total).toBe(search(c, { text: '' }).total);
    expect(search(c, { slot: 'replace', text: '' }).total).toBe(search(c, { text: '' }).total);
  });

  it('only for someone who may change the team: an outsider or an unknown case gets the usual refusal, never names', () => {
    const c = arnhemCase();
    expect(refusal(() => search(c, { by: 'lt-ren', text: '' }))).toEqual({
      code: 'NOT_FOUND_OR_NO_ACCESS',
      text: NOT_FOUND_OR_NO_ACCESS,
    });
    expect(refusal(() => search(c, { by: 'lt-ren', caseRef: 'CG-ARN-2026-9999', text: '' }))).toEqual({
      code: 'NOT_FOUND_OR_NO_ACCESS',
      text: NOT_FOUND_OR_NO_ACCESS,
    });
    // a lead of a member and the municipality's pilot coordinator may, as on the team card
    expect(search(c, { by: 'lead-lt-arn', text: '' }).total).toBe(42 + EXTRA);
    expect(search(c, { by: 'coord-arn', text: '' }).total).toBe(42 + EXTRA);
    closeCase(c.ctx, { by: 'lt-arn', caseRef: c.ref, reason: 'afgerond' });
    expect(refusal(() => search(c, { text: '' })).code).toBe('CASE_CLOSED');
  });

  it('refuses an over-long text in Dutch before anything else', () => {
    const c = arnhemCase();
    expect(refusal(() => search(c, { by: 'lt-ren', text: 'x'.repeat(101) }))).toEqual({
      code: 'BAD_CARD_DATA',
      text: 'Typ hooguit 100 tekens om iemand te zoeken.',
    });
    expect(search(c, { text: 'x'.repeat(100) }).total).toBe(0);
  });

  it('someone added meanwhile is no longer offered', () => {
    const c = arnhemCase();
    expect(ids(search(c, { text: 'extra-1 ' }))).toEqual([]); // ids are not searched, names are
    const before = search(c, { text: 'Zoë Ünal 1 (fictief)' });
    expect(ids(before)).toContain('extra-1');
    addMember(c.ctx, { by: 'lt-arn', caseRef: c.ref, member: 'extra-1', reason: 'extra handen' });
    expect(ids(search(c, { text: 'Zoë Ünal 1 (fictief)' }))).not.toContain('extra-1');
  });
});

describe('requireCandidate: the re-check when the add or replace form comes back', () => {
  it('lets a candidate through, and leaves someone already on the team to the use case', () => {
    const c = arnhemCase();
    expect(() => requireCandidate(c.ctx, { by: 'lt-arn', caseRef: c.ref, member: 'extra-7' })).not.toThrow();
    expect(() => requireCandidate(c.ctx, { by: 'lt-arn', caseRef: c.ref, member: 'vt-arn' })).not.toThrow();
  });

  it('refuses someone the card does not offer, in Dutch, to whoever sees the case', () => {
    const c = arnhemCase();
    for (const member of ['lt-ren', 'mgr-vt', 'coord-arn', 'nobody-at-all'])
      expect(refusal(() => requireCandidate(c.ctx, { by: 'lt-arn', caseRef: c.ref, member }))).toEqual({
        code: 'NOT_A_CANDIDATE',
        text: 'Die persoon kan niet via de teamkaart bij deze casus komen. Open de teamkaart opnieuw en kies iemand uit de lijst.',
      });
  });

  it('gives an outsider the answer of an unknown case, whoever they name', () => {
    const c = arnhemCase();
    expect(refusal(() => requireCandidate(c.ctx, { by: 'lt-ren', caseRef: c.ref, member: 'lt-ren' })).code).toBe(
      'NOT_FOUND_OR_NO_ACCESS',
    );
    expect(
      refusal(() => requireCandidate(c.ctx, { by: 'lt-arn', caseRef: 'CG-ARN-2026-9999', member: 'extra-7' })).code,
    ).toBe('NOT_FOUND_OR_NO_ACCESS');
  });
});
