import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, migrate } from '../../src/adapters/sqlite/orm.js';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { addReflection, mayAddReflection } from '../../src/app/escalations/add-reflection.js';
import { escalateFurther, recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { escalationViewFor } from '../../src/adapters/teams/escalation/escalation-view-for.js';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import type { EscalationRecord } from '../../src/domain/records.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// Issue 17 item 9: "every participant of a decided escalation can add a reflection"; "free text (reflections) passes
// the personal-data guard"; "every change is in the audit log". Need-to-know: the text is read only in the anonymised
// learning agenda; the escalation card shows a participant their own reflection and how many there are.

const context = closedAfterEach();

/** Rejects with the DomainError's code and Dutch message, or "no refusal". */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    const e = err as { code?: string; userMessage?: string };
    return e.code ? `${e.code}: ${e.userMessage}` : String(err);
  }
  return 'no refusal';
}

const reflections = (c: TestContext) =>
  c.database.sqlite.prepare('SELECT escalation_id, member_id, text, at FROM reflections ORDER BY id').all() as Array<{
    escalation_id: number;
    member_id: string;
    text: string;
    at: number;
  }>;

/** Read through the audit log: a case's rows are stored sealed under the case's key (src/adapters/sqlite/case-keys.ts). */
const reflectionAudit = (c: TestContext) => {
  const log = createAuditLog(c.database.db);
  const caseIds = c.database.sqlite
    .prepare('SELECT DISTINCT case_id FROM audit_log WHERE case_id IS NOT NULL ORDER BY case_id')
    .pluck()
    .all() as number[];
  return caseIds
    .flatMap((id) => log.forCase(id))
    .filter((a) => a.action === 'escalation.reflection')
    .sort((a, b) => a.id - b.id)
    .map(({ actor, reason, details }) => ({ actor, reason, details: JSON.stringify(details) }));
};

/**
 * An Arnhem case with a manual LT–VT dilemma raised by lt-arn (L0: lt-arn, vt-arn), raised to L1 by vt-arn (+ lead-lt-arn,
 * lead-vt-1) and decided there by lead-lt-arn on Thu 2026-09-10.
 */
function decidedDilemma(c: TestContext): { ref: string; e: () => EscalationRecord } {
  c.setNow('2026-09-07T10:00');
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Is vrijwillige hulp nog verantwoord?',
    orgs: ['LT', 'VT'],
  });
  c.setNow('2026-09-08T10:00');
  escalateFurther(c.ctx, { by: 'vt-arn', caseRef: ref });
  c.setNow('2026-09-10T10:00');
  recordDecision(c.ctx, {
    by: 'lead-lt-arn',
    caseRef: ref,
    decision: 'LT en VT plannen samen een gesprek',
    owner: 'lt-arn',
    deadline: '2026-09-24',
    familyInformed: { informed: 'no' },
  });
  const e = () => c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(ref)!.id)[0]!;
  return { ref, e };
}

describe('reflections on a decided escalation (real SQLite)', () => {
  it('every participant of any level adds one, and the decider too; the text is stored once, the audit line without it', () => {
    const c = context('2026-09-07T10:00');
    const { ref, e } = decidedDilemma(c);
    expect(e().participants).toEqual(['lead-lt-arn', 'lead-vt-1', 'lt-arn', 'vt-arn']);

    c.setNow('2026-09-11T09:00');
    addReflection(c.ctx, {
      by: 'vt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reflection: 'Eerder samen om tafel.',
    });
    c.setNow('2026-09-11T09:30');
    addReflection(c.ctx, { by: 'lead-lt-arn', caseRef: ref, reflection: 'L1 had eerder gekund.' }); // default: the latest decided

    expect(reflections(c).map((r) => [r.member_id, r.text])).toEqual([
      ['vt-arn', 'Eerder samen om tafel.'],
      ['lead-lt-arn', 'L1 had eerder gekund.'],
    ]);
    expect(reflections(c)[0]!.escalation_id).toBe(e().id);
    const audit = reflectionAudit(c);
    expect(audit.map((a) => [a.actor, a.reason, JSON.parse(a.details)])).toEqual([
      ['vt-arn', null, { escalation: 1, escalationId: e().id }],
      ['lead-lt-arn', null, { escalation: 1, escalationId: e().id }],
    ]);
    expect(JSON.stringify(audit)).not.toContain('om tafel');
    // The old single reflection on the escalation row is no longer written.
    expect(e().reflection).toBeNull();
  });

  it('one each: a second reflection by the same participant is refused and changes nothing', () => {
    const c = context();
    const { ref } = decidedDilemma(c);
    addReflection(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reflection: 'Eerder de teamleiders erbij.',
    });
    expect(
      refusal(() =>
        addReflection(c.ctx, { by: 'lt-arn', caseRef: ref, escalation: { raised: 1 }, reflection: 'Nog iets.' }),
      ),
    ).toBe('NOT_ALLOWED: Je hebt al een reflectie bij deze escalatie gegeven; iedere deelnemer geeft er één.');
    expect(reflections(c)).toHaveLength(1);
    expect(reflectionAudit(c)).toHaveLength(1);
  });

  it('refuses before the decision, on a withdrawn escalation, a non-participant and an outsider, each in Dutch', () => {
    const c = context('2026-09-07T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'VT'],
    });
    const reflect = (by: string, raised?: number) => () =>
      addReflection(c.ctx, {
        by,
        caseRef: ref,
        ...(raised ? { escalation: { raised } } : {}),
        reflection: 'Samen eerder bellen.',
      });
    expect(refusal(reflect('vt-arn', 1))).toMatch(
      /^NOT_RESOLVED: Een reflectie kan bij een escalatie waarover besloten/,
    );
    expect(refusal(reflect('vt-arn'))).toMatch(/^NOT_RESOLVED: /); // no decided escalation at all
    withdrawEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reason: 'Opgelost in het casusoverleg',
    });
    expect(refusal(reflect('vt-arn', 1))).toMatch(/^NOT_RESOLVED: /);

    const { ref: decided } = decidedDilemma(c);
    const on = (by: string) => () =>
      addReflection(c.ctx, { by, caseRef: decided, escalation: { raised: 1 }, reflection: 'Samen eerder bellen.' });
    // gi-arn is on the team but took no part in this LT–VT escalation.
    expect(refusal(on('gi-arn'))).toBe(
      'NOT_A_PARTICIPANT: Alleen wie aan deze escalatie deelnam, kan er een reflectie bij geven.',
    );
    // lt-ren may not see the case: the same answer as for a case that does not exist.
    expect(refusal(on('lt-ren'))).toBe(`NOT_FOUND_OR_NO_ACCESS: ${NOT_FOUND_OR_NO_ACCESS}`);
    expect(
      refusal(() =>
        addReflection(c.ctx, {
          by: 'lt-arn',
          caseRef: 'CG-ARN-2026-9999',
          escalation: { raised: 1 },
          reflection: 'Samen.',
        }),
      ),
    ).toBe(`NOT_FOUND_OR_NO_ACCESS: ${NOT_FOUND_OR_NO_ACCESS}`);
    expect(reflections(c)).toEqual([]);
    expect(reflectionAudit(c)).toEqual([]);
  });

  it('free text passes the personal-data guard and the length limit before anything is stored', () => {
    const c = context();
    const { ref } = decidedDilemma(c);
    const reflect = (reflection: string) => () =>
      addReflection(c.ctx, { by: 'lt-arn', caseRef: ref, escalation: { raised: 1 }, reflection });
    expect(refusal(reflect('Het kind (geboren 12-03-2015) woont bij oma'))).toMatch(
      /^PERSONAL_DATA: Ik heb dit niet opgeslagen: de tekst lijkt een geboortedatum te bevatten/,
    );
    expect(refusal(reflect('Bel moeder op 06-12345678'))).toMatch(/^PERSONAL_DATA: .*telefoonnummer/);
    expect(refusal(reflect('   '))).toBe('TEXT_REQUIRED: Vul een reflectie in.');
    expect(refusal(reflect('x'.repeat(1001)))).toBe('TEXT_TOO_LONG: De reflectie is te lang (maximaal 1000 tekens).');
    expect(reflections(c)).toEqual([]);
    expect(reflectionAudit(c)).toEqual([]);
    addReflection(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reflection: `  ${'y'.repeat(1000)}  `,
    });
    expect(reflections(c)[0]!.text).toBe('y'.repeat(1000));
  });

  it('a worrying-conduct escalation takes no reflection: it concerns a colleague, not care', () => {
    const c = context('2026-09-07T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    recordDecision(c.ctx, {
      by: 'lead-lt-arn',
      caseRef: ref,
      decision: 'Gesprek met de collega',
      owner: 'lead-lt-arn',
      deadline: '2026-09-14',
    });
    expect(
      refusal(() =>
        addReflection(c.ctx, { by: 'lt-arn', caseRef: ref, escalation: { raised: 1 }, reflection: 'Eerder melden.' }),
      ),
    ).toMatch(/^NOT_ALLOWED: Bij een escalatie over nalatig of zorgwekkend handelen hoort geen reflectie/);
    // To the rest of the team it does not exist: the same answer as for no decided escalation.
    expect(
      refusal(() =>
        addReflection(c.ctx, { by: 'vt-arn', caseRef: ref, escalation: { raised: 1 }, reflection: 'Eerder melden.' }),
      ),
    ).toMatch(/^NOT_RESOLVED: /);
    expect(reflections(c)).toEqual([]);
  });

  it('someone who left the case regains nothing through it; a regional expert who took part may reflect', () => {
    const c = context();
    const { ref } = decidedDilemma(c);
    c.setNow('2026-09-14T10:00');
    removeMember(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'vt-arn', reason: 'andere werkplek' });
    expect(
      refusal(() =>
        addReflection(c.ctx, { by: 'vt-arn', caseRef: ref, escalation: { raised: 1 }, reflection: 'Eerder bellen.' }),
      ),
    ).toBe(`NOT_FOUND_OR_NO_ACCESS: ${NOT_FOUND_OR_NO_ACCESS}`);

    // A second escalation, taken to L2, where the RET member of Centraal Gelderland is brought in, then decided.
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Welke passende zorg is er op korte termijn?',
      orgs: ['LT', 'GI'],
    });
    escalateFurther(c.ctx, { by: 'gi-arn', caseRef: ref, escalation: { raised: 2 } });
    escalateFurther(c.ctx, { by: 'lead-gi-1', caseRef: ref, escalation: { raised: 2 } });
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged', fields: { escalation: 2 } });
    recordDecision(c.ctx, {
      by: 'mgr-gi',
      caseRef: ref,
      escalation: { raised: 2 },
      decision: 'Overbrugging via het expertteam',
      owner: 'gi-arn',
      deadline: '2026-09-30',
    });
    addReflection(c.ctx, {
      by: 'ret-cg',
      caseRef: ref,
      escalation: { raised: 2 },
      reflection: 'Het expertteam eerder vragen.',
    });
    expect(reflections(c).map((r) => r.member_id)).toEqual(['ret-cg']);
  });

  it('a reflection may follow after the case was closed', () => {
    const c = context();
    const { ref } = decidedDilemma(c);
    c.setNow('2026-10-01T10:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: ref, reason: 'hulp afgerond' });
    addReflection(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reflection: 'Rustiger met elkaar afstemmen.',
    });
    expect(reflections(c)).toHaveLength(1);
  });

  it('the escalation card offers "Reflectie toevoegen" to participants who have not reflected, and shows only their own', () => {
    const c = context();
    const { ref, e } = decidedDilemma(c);
    const member = (id: string) => c.ctx.roster.member(id)!;
    expect(mayAddReflection(c.ctx, e(), member('vt-arn'))).toBe(true);
    expect(mayAddReflection(c.ctx, e(), member('lead-lt-arn'))).toBe(true); // the decider
    expect(mayAddReflection(c.ctx, e(), member('gi-arn'))).toBe(false);
    expect(mayAddReflection(c.ctx, e(), member('coord-arn'))).toBe(false); // took no part

    addReflection(c.ctx, {
      by: 'vt-arn',
      caseRef: ref,
      escalation: { raised: 1 },
      reflection: 'Eerder samen om tafel.',
    });
    const mine = escalationViewFor(c.ctx, e(), member('vt-arn'));
    expect([mine.canReflect, mine.reflection, mine.reflections]).toEqual([false, 'Eerder samen om tafel.', 1]);
    const other = escalationViewFor(c.ctx, e(), member('lt-arn'));
    expect([other.canReflect, other.reflection, other.reflections]).toEqual([true, null, 1]);
    const outsider = escalationViewFor(c.ctx, e(), member('gi-arn'));
    expect([outsider.canReflect, outsider.reflection]).toEqual([false, null]);
  });
});

describe('migration 0006: the single reflection of an escalation becomes its participant’s reflection', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('copies the old text with its author from the audit log, and empties the old column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teammodel-0006-'));
    dirs.push(dir);
    // The migrations up to 0005, as a database of the previous release has them.
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string; idx: number }> };
    // Every migration from 0006 on is left out: drizzle skips a migration older than the newest one applied.
    for (const e of journal.entries.filter((x) => x.idx >= 6)) rmSync(join(before, `${e.tag}.sql`));
    journal.entries = journal.entries.filter((x) => x.idx < 6);
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    old.exec(`
      INSERT INTO cases (id, ref, municipality, stage, opened_at, opened_by, last_activity_at)
        VALUES (1, 'CG-ARN-2026-0001', 'Arnhem', 'SIGNAL', 1000, 'lt-arn', 1000);
      INSERT INTO escalations (id, case_id, seq, trigger, source, level, raised_by, raised_at, question, orgs,
          base_participants, participants, policy, level_raised_at, level_raised_date, state, outcome, decision,
          reflection, closed_at, closed_by)
        VALUES (1, 1, 1, 'PROFESSIONAL_DILEMMA', 'manual', 'L0', 'lt-arn', 1000, 'Vraag', '["LT","VT"]',
          '["lt-arn","vt-arn"]', '["lt-arn","vt-arn"]', '{}', 1000, '2026-09-07', 'resolved', 'resolved', 'Besluit',
          'Eerder samen om tafel.', 2000, 'lt-arn'),
        (2, 1, 2, 'PROFESSIONAL_DILEMMA', 'manual', 'L0', 'lt-arn', 1000, 'Vraag', '["LT"]', '["lt-arn"]',
          '["lt-arn"]', '{}', 1000, '2026-09-07', 'resolved', 'resolved', 'Besluit', NULL, 2000, 'lt-arn');
      INSERT INTO audit_log (at, actor, action, case_id, reason, details, prev_hash, hash)
        VALUES (3000, 'vt-arn', 'escalation.reflection', 1, NULL, '{"escalation":1}', 'x', 'y');
    `);
    old.close();

    const migrated = openDatabase(file);
    try {
      expect(migrated.sqlite.prepare('SELECT escalation_id, member_id, text, at FROM reflections').all()).toEqual([
        { escalation_id: 1, member_id: 'vt-arn', text: 'Eerder samen om tafel.', at: 3000 },
      ]);
      expect(
        migrated.sqlite.prepare('SELECT count(*) AS n FROM escalations WHERE reflection IS NOT NULL').get(),
      ).toEqual({ n: 0 });
    } finally {
      migrated.close();
    }
  });
});
