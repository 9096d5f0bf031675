import { describe, expect, it } from 'vitest';
import { recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { selectOpenEscalation } from '../../src/app/escalations/select-escalation.js';
import { loadCaseToChange } from '../../src/app/case-access.js';
import { openCase } from '../../src/app/open-case.js';
import { exportCaseHistory } from '../../src/app/queries/export-case-history.js';
import { DomainError } from '../../src/domain/domain-error.js';
import { escalationName } from '../../src/domain/escalation-series.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// Escalations are numbered per case in two series (docs/behaviour.md, Escalations): the team's, and the confidential
// one of worrying conduct, which only the raiser and their lead chain know of. The replay still names an escalation by
// its place in the order of raising, hidden ones included.

const context = closedAfterEach();
const HIDDEN = 'Afspraken over huisbezoeken worden niet nagekomen.';

function threeEscalations(c: TestContext) {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  const first = raiseEscalation(c.ctx, {
    by: 'gi-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie?',
  });
  const hidden = raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, trigger: 'NEGLIGENT_CONDUCT', question: HIDDEN });
  const second = raiseEscalation(c.ctx, {
    by: 'vt-arn',
    caseRef: ref,
    trigger: 'AGREEMENTS_NOT_FOLLOWED',
    question: 'Wie belt?',
  });
  return { ref, id: c.ctx.store.cases.byRef(ref)!.id, first, hidden, second };
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'no refusal';
};

describe('two series of escalation numbers', () => {
  it('numbers the team’s escalations without the confidential one, which has its own number', () => {
    const c = context();
    const { first, hidden, second } = threeEscalations(c);
    expect([first, hidden, second].map((e) => [e.seq, e.series, escalationName(e)])).toEqual([
      [1, 'team', 'Escalatie 1'],
      [1, 'confidential', 'Vertrouwelijke escalatie 1'],
      [2, 'team', 'Escalatie 2'],
    ]);
    expect(escalationName(hidden, true)).toBe('vertrouwelijke escalatie 1');
  });

  it('a card’s series and number name one escalation, and only for someone who may know of it', () => {
    const c = context();
    const { ref, first, hidden } = threeEscalations(c);
    const pick = (by: string, series: 'team' | 'confidential', seq: number) => {
      const loaded = loadCaseToChange(c.ctx, by, ref);
      return selectOpenEscalation(c.ctx, loaded, loaded.actor, { series, seq }).id;
    };
    expect(pick('lead-lt-arn', 'confidential', 1)).toBe(hidden.id);
    expect(pick('lead-lt-arn', 'team', 1)).toBe(first.id);
    expect(pick('gi-arn', 'team', 1)).toBe(first.id);
    // The team it concerns gets the answer for a number no escalation has.
    expect(refusal(() => pick('gi-arn', 'confidential', 1))).toBe('NO_OPEN_ESCALATION');
    expect(refusal(() => pick('gi-arn', 'confidential', 9))).toBe('NO_OPEN_ESCALATION');
  });

  it('the replay’s number counts every escalation in order of raising, hidden ones included', () => {
    const c = context();
    const { ref, hidden, second } = threeEscalations(c);
    // The third raised is the team's second.
    const decided = recordDecision(c.ctx, {
      by: 'vt-arn',
      caseRef: ref,
      escalation: { raised: 3 },
      decision: 'Het Lokaal Team belt.',
      owner: 'lt-arn',
      deadline: '2026-05-29',
    });
    expect(decided.id).toBe(second.id);
    // The second raised is the confidential one: not there for the team, there for the raiser.
    expect(
      refusal(() => withdrawEscalation(c.ctx, { by: 'gi-arn', caseRef: ref, escalation: { raised: 2 }, reason: 'x' })),
    ).toBe('NO_OPEN_ESCALATION');
    const withdrawn = withdrawEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: { raised: 2 },
      reason: 'Besproken met de teamleider.',
    });
    expect(withdrawn.id).toBe(hidden.id);
  });

  it('the export names escalations by their series, and leaves the hidden one out for the team', () => {
    const c = context();
    const { ref } = threeEscalations(c);
    const forTeam = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    expect(forTeam).toContain('- Escalatie 1: ');
    expect(forTeam).toContain('- Escalatie 2: ');
    expect(forTeam).not.toMatch(/[Vv]ertrouwelijke escalatie|huisbezoeken|Escalatie 3/);
    const forRaiser = exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    expect(forRaiser).toContain('- Vertrouwelijke escalatie 1: ');
    expect(forRaiser).toContain('- Escalatie 2: ');
  });
});

describe('escalations raised before the two series', () => {
  /**
   * The three escalations as migration 0011 leaves rows of before it: no series, numbered in one line in the order of
   * raising (the confidential one was number 2), and their audit entries naming them by that number only.
   */
  function asBeforeTheSeries(c: TestContext) {
    const made = threeEscalations(c);
    const db = c.database.db.$client;
    db.prepare('UPDATE escalations SET series = NULL, seq = -id WHERE case_id = ?').run(made.id);
    for (const [e, seq] of [
      [made.first, 1],
      [made.hidden, 2],
      [made.second, 3],
    ] as const)
      db.prepare('UPDATE escalations SET seq = ? WHERE id = ?').run(seq, e.id);
    return made;
  }

  it('new ones continue each series after the old numbers, so no two share a name', () => {
    const c = context();
    const { ref } = asBeforeTheSeries(c);
    const team = raiseEscalation(c.ctx, {
      by: 'gi-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
    });
    const conduct = raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: HIDDEN,
    });
    expect([escalationName(team), escalationName(conduct)]).toEqual(['Escalatie 4', 'Vertrouwelijke escalatie 3']);
  });

  it('a card of then, with its number only, still names the same escalation', () => {
    const c = context();
    const { ref, hidden, second } = asBeforeTheSeries(c);
    const team = raiseEscalation(c.ctx, {
      by: 'gi-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
    });
    const pick = (by: string, legacySeq: number) => {
      const loaded = loadCaseToChange(c.ctx, by, ref);
      return selectOpenEscalation(c.ctx, loaded, loaded.actor, { legacySeq }).id;
    };
    expect(pick('lt-arn', 2)).toBe(hidden.id);
    expect(pick('gi-arn', 3)).toBe(second.id);
    expect(refusal(() => pick('gi-arn', 2))).toBe('NO_OPEN_ESCALATION');
    // A number without a series that no escalation of then had is the team's.
    expect(pick('gi-arn', 4)).toBe(team.id);
  });

  it('their audit entries, which name the escalation by its number of then, stay with it in the export', () => {
    const c = context();
    const { ref, id } = asBeforeTheSeries(c);
    // Entries as written then: the number only, no row.
    for (const escalation of [2, 3])
      c.ctx.store.audit.append({
        at: c.ctx.clock.now(),
        actor: 'teammodel-bot',
        action: 'escalation.reminded',
        caseId: id,
        reason: null,
        details: { escalation, level: 'L1' },
      });
    const forTeam = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    expect(forTeam).toContain('herinnerde de deelnemers aan escalatie 3');
    expect(forTeam).not.toMatch(/huisbezoeken|escalatie 2/i);
    const forRaiser = exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    expect(forRaiser).toContain('herinnerde de deelnemers aan vertrouwelijke escalatie 2');
  });
});
