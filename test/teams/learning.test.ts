import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { LEARNING_REFUSAL } from '../../src/app/queries/learning-access.js';
import { TYPED_DATE_TEXT } from '../../src/adapters/teams/pilot/typed-date-command.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { personalConversationId } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { allText, answerText, arnhemCase, cardOf, person, press, say } from './case-test-kit.js';
import { cardOf as postedCard, install, isCardPost, liveClock } from './workflow-fixtures.js';

// Issue 17 item 9 over HTTP, as Teams sends it: "every participant of a decided escalation can add a reflection"
// (the decided escalation card and the team's decision message carry "Reflectie toevoegen"); `leren <gemeente> [van]
// [tot]` and `kpi <gemeente> <van> <tot>` for the municipality's pilot coordinators and team leads, the same refusal
// for anyone else; bad input gets a Dutch answer and changes nothing.

type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };

/** Every Action.Execute in a card, wherever it sits (also inside an Action.ShowCard). */
function executes(x: unknown): Action[] {
  if (Array.isArray(x)) return x.flatMap(executes);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  return [...(o.type === 'Action.Execute' ? [o as unknown as Action] : []), ...Object.values(o).flatMap(executes)];
}

const CASE_REF = /CG-[A-Z]{3}-\d{4}-\d{4}/;

describe('learning together: reflections, leren and kpi over HTTP', () => {
  const clock = liveClock('2026-09-10T10:00:00+02:00'); // a Thursday, office hours
  let t: TestBot;
  let caseRef: string;
  const reflectionCount = () =>
    (t.bot.database.sqlite.prepare('SELECT count(*) AS n FROM reflections').get() as { n: number }).n;
  const auditCount = () =>
    (
      t.bot.database.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action NOT IN ('case.viewed', 'access.refused')")
        .get() as {
        n: number;
      }
    ).n;
  const reflect = (who: string, reflection: string) =>
    press(t, who, 'escalation.reflect', { caseRef, escalation: 1, reflection });
  const textOf = async (who: string, message: string) => (await say(t, who, message)).map((r) => r.text);

  beforeAll(async () => {
    t = await startTestBot({
      clock,
      scheduler: false,
      outbox: { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 },
    });
    await install(t, person(t, 'lt-arn'), person(t, 'vt-arn'), person(t, 'gi-arn'));
    caseRef = arnhemCase(t).ref;
    raiseEscalation(t.bot.ctx, {
      by: 'lt-arn',
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Is vrijwillige hulp nog verantwoord?',
      orgs: ['LT', 'VT'],
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('the decided escalation card and the decision message offer "Reflectie toevoegen" to participants only', async () => {
    const res = await press(t, 'vt-arn', 'escalation.decide', {
      caseRef,
      escalation: 1,
      decision: 'LT en VT plannen samen een gesprek',
      owner: 'lt-arn',
      deadline: '2026-09-24',
      familyInformed: 'no',
    });
    const card = cardOf(res.body);
    expect(allText(card)).toContain('Reflectie toevoegen');
    expect(executes(card).map((a) => [a.verb, a.data])).toEqual([
      ['escalation.reflect', { caseRef, escalation: 1, series: 'team' }],
    ]);

    // lt-arn (a participant), gi-arn and rvdk-arn (case professionals, not participants) hear of the decision.
    await t.connector.waitFor((rs) => rs.filter(isCardPost('Besluit over')).length === 3);
    const messageTo = (id: string) =>
      t.connector
        .activitiesTo(personalConversationId(person(t, id)))
        .map((a) => postedCard(a))
        .find((c) => allText(c).includes('Besluit over'));
    expect(executes(messageTo('lt-arn')).map((a) => a.verb)).toEqual(['case.show', 'escalation.reflect']);
    expect(allText(messageTo('lt-arn'))).toContain('Reflectie toevoegen');
    expect(executes(messageTo('gi-arn')).map((a) => a.verb)).toEqual(['case.show']);
  });

  it('a participant adds one reflection and sees only their own on the card', async () => {
    // The personal-data guard first: nothing is stored.
    expect(answerText(await reflect('lt-arn', 'Bel moeder op 06-12345678'))).toMatch(
      /^Ik heb dit niet opgeslagen: de tekst lijkt een telefoonnummer te bevatten/,
    );
    expect(reflectionCount()).toBe(0);
    const lt = allText(cardOf((await reflect('lt-arn', 'Eerder samen om tafel.')).body));
    expect(lt).toContain('Reflectie opgeslagen, zonder je naam');
    expect(lt).toContain('Jouw reflectie (alleen jij ziet hem hier): Eerder samen om tafel.');
    expect(lt).toContain('Reflecties van deelnemers: 1.');
    expect(lt).not.toContain('Reflectie toevoegen');
    const vt = allText(cardOf((await reflect('vt-arn', 'Sneller de teamleiders erbij.')).body));
    expect(vt).toContain('Reflecties van deelnemers: 2.');
    expect(vt).toContain('Sneller de teamleiders erbij.');
    expect(vt).not.toContain('Eerder samen om tafel.');
    expect(reflectionCount()).toBe(2);
  });

  it('refuses in Dutch and changes nothing: a second one, a non-participant, an outsider, bad card data', async () => {
    const reflections = reflectionCount();
    const audit = auditCount();
    expect(answerText(await reflect('lt-arn', 'Nog een.'))).toBe(
      'Je hebt al een reflectie bij deze escalatie gegeven; iedere deelnemer geeft er één.',
    );
    expect(answerText(await reflect('gi-arn', 'Meer bellen.'))).toBe(
      'Alleen wie aan deze escalatie deelnam, kan er een reflectie bij geven.',
    );
    expect(answerText(await reflect('lt-ren', 'Meer bellen.'))).toBe(NOT_FOUND_OR_NO_ACCESS);
    expect(
      answerText(await press(t, 'lead-lt-arn', 'escalation.reflect', { caseRef, escalation: 1, reflection: '' })),
    ).toBe('Schrijf kort op wat jullie hiervan leren.');
    expect([reflectionCount(), auditCount()]).toEqual([reflections, audit]);
  });

  it("leren <gemeente>: the pilot coordinator's anonymised agenda, with another period on the card", async () => {
    const replies = await say(t, 'coord-arn', 'leren Arnhem');
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    const text = allText(card);
    for (const expected of [
      'Leeragenda Arnhem',
      '1 juli 2026 t/m 10 september 2026',
      '1. Reflecties van deelnemers (2)',
      '- Sneller de teamleiders erbij.',
      '- Eerder samen om tafel.',
      'Professioneel dilemma (verschil van inzicht)',
      'Mediaan 0 werkdagen van escaleren tot besluit (1 besluit).',
      'Wisselingen van jeugdbeschermer per casus',
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(CASE_REF);
    for (const name of ['Pien Meijer', 'Roos de Graaf', 'vrijwillige hulp', 'plannen samen'])
      expect(text).not.toContain(name);
    expect(executes(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Tonen', 'pilot.learning', { municipality: 'Arnhem' }],
      ["KPI's van deze periode", 'pilot.kpi', { municipality: 'Arnhem', from: '2026-07-01', to: '2026-09-10' }],
    ]);
    // A month typed as `van`, the English alias, a team lead of an organisation working in Arnhem.
    expect(allText(cardOf((await say(t, 'lead-vt-1', 'learn arnhem 2026-09'))[0]))).toContain(
      '1 september 2026 t/m 10 september 2026',
    );
    const august = allText(
      cardOf(
        (
          await press(t, 'lead-lt-arn', 'pilot.learning', {
            municipality: 'Arnhem',
            from: '2026-08-01',
            to: '2026-08-31',
          })
        ).body,
      ),
    );
    expect(august).toContain('1 augustus 2026 t/m 31 augustus 2026');
    expect(august).toContain('Nog geen reflecties.');
  });

  it('kpi <gemeente> <van> <tot>: the KPIs of the municipality, its JBT requests beside the rest of the region', async () => {
    const card = cardOf((await say(t, 'coord-arn', 'kpi Arnhem 2026-01 2026-12'))[0]);
    const text = allText(card);
    for (const expected of [
      "KPI's Arnhem",
      '1 januari 2026 t/m 31 december 2026',
      'GVJB-indicatoren',
      'Verzoeken aan de Jeugdbeschermingstafel',
      'Escalaties: Professioneel dilemma (verschil van inzicht)',
      'Andere gemeenten van regio CG',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('PROFESSIONAL_DILEMMA');
    expect(text).not.toMatch(CASE_REF);
    const kpi = allText(
      cardOf(
        (await press(t, 'lead-lt-arn', 'pilot.kpi', { municipality: 'Arnhem', from: '2026-09-01', to: '2026-09-30' }))
          .body,
      ),
    );
    expect(kpi).toContain('1 september 2026 t/m 30 september 2026');
  });

  it('others get the same refusal, in chat and on the buttons', async () => {
    for (const [who, message] of [
      ['lt-arn', 'leren Arnhem'],
      ['coord-ren', 'leren Arnhem'],
      ['lead-lt-ren', 'kpi Arnhem 2026-01 2026-06'],
      ['mgr-lt-arn', 'kpi Arnhem 2026 2026'],
    ] as const)
      expect(await textOf(who, message), `${who}: ${message}`).toEqual([LEARNING_REFUSAL]);
    const period = { municipality: 'Arnhem', from: '2026-09-01', to: '2026-09-30' };
    expect(answerText(await press(t, 'lt-arn', 'pilot.learning', period))).toBe(LEARNING_REFUSAL);
    expect(answerText(await press(t, 'coord-ren', 'pilot.kpi', period))).toBe(LEARNING_REFUSAL);
  });

  it('bad input: a usage line, a typed date, an unknown municipality, bad card dates', async () => {
    const audit = auditCount();
    const learnUsage = /^Gebruik: leren <gemeente> \[van\] \[tot\]/;
    const kpiUsage = /^Gebruik: kpi <gemeente> <van> <tot>/;
    expect(await textOf('coord-arn', 'leren')).toEqual([expect.stringMatching(learnUsage)]);
    expect(await textOf('coord-arn', 'leren Arnhem 2026-13')).toEqual([expect.stringMatching(learnUsage)]);
    expect(await textOf('coord-arn', 'kpi Arnhem 2026-01')).toEqual([expect.stringMatching(kpiUsage)]);
    expect(await textOf('coord-arn', 'kpi Arnhem 2026')).toEqual([expect.stringMatching(kpiUsage)]);
    expect(await textOf('coord-arn', 'leren Arnhem 2026-09-01')).toEqual([TYPED_DATE_TEXT]);
    expect(await textOf('coord-arn', 'kpi Arnhem 01-09-2026 30-09-2026')).toEqual([TYPED_DATE_TEXT]);
    expect(await textOf('coord-arn', 'leren Atlantis')).toEqual([
      expect.stringMatching(/^Die gemeente staat niet in het rooster\. Kies uit: Arnhem, /),
    ]);
    expect(await textOf('coord-arn', 'kpi Arnhem 2026-12 2026-01')).toEqual([
      'De begindatum ligt na de einddatum; kies een begin vóór het einde.',
    ]);
    expect(
      answerText(await press(t, 'coord-arn', 'pilot.learning', { municipality: 'Arnhem', from: '', to: '2026-09-30' })),
    ).toBe('Kies een begindatum (JJJJ-MM-DD).');
    expect(answerText(await press(t, 'coord-arn', 'pilot.kpi', { municipality: 'Arnhem', from: '2026-09-01' }))).toBe(
      'Kies een einddatum.',
    );
    expect(
      answerText(await press(t, 'coord-arn', 'pilot.kpi', { municipality: 42, from: '2026-09-01', to: '2026-09-30' })),
    ).toBe('Deze kaart hoort niet bij een gemeente.');
    expect(auditCount()).toBe(audit);
  });
});
