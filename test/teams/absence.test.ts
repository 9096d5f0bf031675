import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/local-date.js';
import type { TestBot } from '../support/start-test-bot.js';
import { allText, answerText, arnhemCase, cardOf, press, say, startCaseBot } from './case-test-kit.js';

// `afwezig` over Teams-shaped HTTP: the card with two date pickers (dates are never typed), the `absence.set` submit,
// who may record for whom, and the team card showing who is away and who stands in. lt-arn's deputy is lt-arn-2.

type Input = { id?: string; type?: string; choices?: Array<{ value: string }> };

/** The absence entries of the audit log, oldest first. */
const absenceAudit = (t: TestBot) =>
  (
    t.bot.database.sqlite
      .prepare(`SELECT actor, details FROM audit_log WHERE action = 'member.absence' ORDER BY id`)
      .all() as Array<{ actor: string; details: string }>
  ).map((r) => ({ actor: r.actor, details: JSON.parse(r.details) as Record<string, unknown> }));

describe('afwezig: absences and who stands in', () => {
  let t: TestBot;
  let today: string;
  beforeAll(async () => {
    t = await startCaseBot();
    today = t.bot.ctx.calendar.localDate(t.bot.ctx.clock.now());
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('afwezig answers with the card: the deputy, two date pickers, nothing typed is read', async () => {
    const [reply] = await say(t, 'lt-arn', 'afwezig');
    const card = cardOf(reply) as { body: Input[] };
    const text = allText(card);
    expect(text).toContain('Afwezigheid doorgeven');
    expect(text).toContain('Je vervanger: ');
    expect(text).toContain(t.bot.ctx.roster.member('lt-arn-2')!.name);
    expect(card.body.filter((i) => i.type === 'Input.Date').map((i) => i.id)).toEqual(['absenceFrom', 'absenceUntil']);

    const typed = allText(await say(t, 'lt-arn', 'afwezig 3 maart tot 10 maart'));
    expect(typed).toContain('Kies de datums hieronder in de kalender; typ ze niet in de chat.');
    expect(typed).not.toContain('maart');
  });

  it('absence.set records it (in the audit log), says who stands in, and the team card shows it', async () => {
    const c = arnhemCase(t);
    const until = addDays(today, 4);
    const res = await press(t, 'lt-arn', 'absence.set', { absenceFrom: today, absenceUntil: until });
    expect(answerText(res)).toContain('Afwezigheid vastgelegd');
    expect(answerText(res)).toContain(`neemt je berichten waar.`);
    expect(t.bot.ctx.store.absences.isAbsent('lt-arn', today)).toBe(true);
    expect(absenceAudit(t).at(-1)).toMatchObject({
      actor: 'lt-arn',
      details: { member: 'lt-arn', from: today, until },
    });

    const team = answerText(await press(t, 'vt-arn', 'team.show', { caseRef: c.ref }));
    const deputy = t.bot.ctx.roster.member('lt-arn-2')!;
    expect(team).toContain(`afwezig t/m `);
    expect(team).toContain(`vervanger: ${deputy.name} (${deputy.orgName})`);
  });

  it('bad dates and someone else’s absence are refused in Dutch and record nothing', async () => {
    const count = () => absenceAudit(t).length;
    const before = count();
    const reversed = await press(t, 'vt-arn', 'absence.set', {
      absenceFrom: addDays(today, 3),
      absenceUntil: addDays(today, 1),
    });
    expect(answerText(reversed)).toContain('de einddatum valt niet vóór de begindatum');
    const past = await press(t, 'vt-arn', 'absence.set', {
      absenceFrom: addDays(today, -10),
      absenceUntil: addDays(today, -5),
    });
    expect(answerText(past)).toContain('Die afwezigheid ligt al in het verleden.');
    const empty = await press(t, 'vt-arn', 'absence.set', { absenceFrom: '', absenceUntil: '' });
    expect(answerText(empty)).toContain('Kies de eerste dag van de afwezigheid');
    // A colleague may not record it for someone else; their team lead may.
    const other = await press(t, 'vt-arn', 'absence.set', {
      absenceFrom: today,
      absenceUntil: today,
      absenceMember: 'gi-arn',
    });
    expect(answerText(other)).toContain('Een afwezigheid leg je zelf vast, of je teamleider doet het.');
    expect(count()).toBe(before);

    const lead = await press(t, 'lead-gi-1', 'absence.set', {
      absenceFrom: today,
      absenceUntil: today,
      absenceMember: 'gi-arn',
    });
    expect(answerText(lead)).toContain(`${t.bot.ctx.roster.member('gi-arn')!.name} is afwezig`);
    expect(count()).toBe(before + 1);
  });

  it("a team lead's card offers the people they lead", async () => {
    const [reply] = await say(t, 'lead-lt-arn', 'afwezig');
    const card = cardOf(reply) as { body: Input[] };
    const forWhom = card.body.find((i) => i.id === 'absenceMember')?.choices?.map((c) => c.value) ?? [];
    expect(forWhom[0]).toBe('lead-lt-arn');
    expect(forWhom).toEqual(expect.arrayContaining(['lt-arn', 'lt-arn-2', 'gw-lt-arn']));
  });
});
