import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { MAX_MESSAGE_CHARS } from '../../src/adapters/teams/pilot/export-case-command.js';
import { splitText } from '../../src/adapters/teams/pilot/split-text.js';
import { removeMember } from '../../src/app/change-membership.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { z } from 'zod';
import { attachedCard } from '../support/bot-answer.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { allText, answerText, auditOf, cardOf, person, press, say } from './case-test-kit.js';
import type { Person } from '../support/teams-activity.js';
import { cardsTo, install, isCardPost, liveClock } from './workflow-fixtures.js';

// Issue: "`overzicht` for pilot coordinators (and for team leads, limited to their own organisation) ... with
// drill-down cards. Daily digest, opt-in per member ... Case history export (AVG art. 15): `casus <ref> export` ...
// for members and coordinators only, itself audit-logged." All over HTTP, on real SQLite.

type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
/** The overview card as this test reads it: per municipality a container of fact sets. */
const Overview = z.object({
  body: z.array(
    z.object({
      items: z
        .array(z.object({ facts: z.array(z.object({ title: z.string(), value: z.string() })).optional() }))
        .optional(),
    }),
  ),
});

/** Every Action.Execute in a card, wherever it sits (card actions, ActionSets in containers and columns). */
function executes(x: unknown): Action[] {
  if (Array.isArray(x)) return x.flatMap(executes);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  return [...(o.type === 'Action.Execute' ? [o as unknown as Action] : []), ...Object.values(o).flatMap(executes)];
}

const REFUSAL = 'Het overzicht is voor pilotcoördinatoren en leidinggevenden.';

describe('overzicht and casus <ref> export', () => {
  const clock = liveClock('2026-06-01T10:00:00+02:00'); // a Monday
  let t: TestBot;
  let stalledVt: { id: number; ref: string }; // T1 overdue, an open L0 escalation
  let stalledGi: { id: number; ref: string }; // T6 overdue, the H5 handover open
  let doesburg: { id: number; ref: string };
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false });
    const ctx = t.bot.ctx;
    stalledVt = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    recordEvent(ctx, { by: 'vt-arn', caseRef: stalledVt.ref, event: 'melding_received' }); // T1 due Mon 06-08
    raiseEscalation(ctx, {
      by: 'lt-arn',
      caseRef: stalledVt.ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'GI'],
    });
    stalledGi = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    recordEvent(ctx, {
      by: 'rvdk-arn',
      caseRef: stalledGi.ref,
      event: 'measure_pronounced',
      fields: { measure: 'OTS', months: 12 },
    }); // T6 due 06-08
    doesburg = openCase(ctx, { by: 'lt-doe', municipality: 'Doesburg' });
    clock.set('2026-06-10T10:00:00+02:00'); // both terms have passed
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a pilot coordinator gets a card per municipality of their pilot: cases, per stage, stalled, escalations, handovers', async () => {
    const replies = await say(t, 'coord-arn', 'overzicht');
    expect(replies).toHaveLength(1);
    const card = attachedCard(replies[0], Overview);
    const text = allText(card);
    for (const expected of [
      'Overzicht per gemeente',
      'Alle lopende casussen van de pilot. 2 casussen in totaal.',
      'Arnhem: 2 casussen',
      'Veiligheidsbeoordeling VT',
      'Vastgelopen (termijn verlopen)',
      'L0 casusoverleg: 1',
      'Open warme overdrachten',
    ]) {
      expect(text).toContain(expected);
    }
    const arnhem = card.body[2]!.items![1]!.facts!;
    // The stage follows the events: the melding moved one case to the safety assessment, the measure the other to
    // the assignment of a jeugdbeschermer.
    expect(arnhem).toEqual([
      { title: 'Veiligheidsbeoordeling VT', value: '1' },
      { title: 'Toewijzing jeugdbeschermer', value: '1' },
      { title: 'Vastgelopen (termijn verlopen)', value: '2' },
      { title: 'Open escalaties', value: 'L0 casusoverleg: 1' },
      { title: 'Open warme overdrachten', value: '1' },
    ]);
    // Doesburg is another pilot's: coord-arn does not see its case at all.
    expect(text).not.toContain('Doesburg');
    expect(executes(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Details Arnhem', 'pilot.overview.municipality', { municipality: 'Arnhem' }],
    ]);
    // The English alias gives the same card.
    expect(allText(cardOf((await say(t, 'coord-arn', 'Overview'))[0]))).toBe(text);
  });

  it('the drill-down lists the stalled cases with their overdue timers and a button to open each case', async () => {
    const res = await press(t, 'coord-arn', 'pilot.overview.municipality', { municipality: 'Arnhem' });
    expect(res.status).toBe(200);
    const card = cardOf(res.body);
    const text = allText(card);
    expect(text).toContain('Vastgelopen casussen in Arnhem');
    expect(text).toContain(`${stalledVt.ref}: Veiligheidsbeoordeling Veilig Thuis (T1)`);
    expect(text).toContain(`${stalledGi.ref}: Jeugdbeschermer toegewezen (T6)`);
    expect(executes(card).map((a) => [a.verb, a.data])).toEqual([
      ['case.show', { caseRef: stalledVt.ref }],
      ['case.show', { caseRef: stalledGi.ref }],
      ['pilot.overview', {}],
    ]);
    // The case button is handled by the case routes; the back button gives the overview again.
    expect(answerText(await press(t, 'coord-arn', 'case.show', { caseRef: stalledGi.ref }))).toContain(
      `Casus ${stalledGi.ref}`,
    );
    expect(answerText(await press(t, 'coord-arn', 'pilot.overview', {}))).toContain('Overzicht per gemeente');
  });

  it('overzicht <gemeente> goes straight to the drill-down; an unknown municipality gets the list', async () => {
    const text = allText(cardOf((await say(t, 'coord-doe', 'overzicht doesburg'))[0]));
    expect(text).toContain('Vastgelopen casussen in Doesburg');
    expect(text).toContain('Geen: alle termijnen lopen nog.');
    expect(text).not.toContain(stalledVt.ref);
    // Another pilot's municipality: nothing of it in the overview.
    const other = allText(cardOf((await say(t, 'coord-arn', 'overzicht doesburg'))[0]));
    expect(other).toContain('Er zijn geen lopende casussen in Doesburg in jouw overzicht.');
    expect((await say(t, 'coord-arn', 'overzicht Atlantis'))[0]!.text).toMatch(
      /^Die gemeente staat niet in het rooster\. Kies uit: Arnhem, /,
    );
  });

  it('a team lead sees only the cases with a member of their own organisation', async () => {
    // lead-gi-1 leads the GI members of Arnhem and Doesburg; both cases have a Jeugdbescherming Gelderland member.
    const before = allText(cardOf((await say(t, 'lead-gi-1', 'overzicht'))[0]));
    expect(before).toContain('Lopende casussen met een collega van Jeugdbescherming Gelderland.');
    expect(before).toContain('Doesburg: 1 casus');
    removeMember(t.bot.ctx, { by: 'gi-doe', caseRef: doesburg.ref, member: 'gi-doe', reason: 'GI niet betrokken' });

    const card = cardOf((await say(t, 'lead-gi-1', 'overzicht'))[0]);
    const text = allText(card);
    expect(text).toContain('Arnhem: 2 casussen');
    expect(text).not.toContain('Doesburg');
    expect(executes(card).map((a) => a.data)).toEqual([{ municipality: 'Arnhem' }]);
    const drill = allText(
      cardOf((await press(t, 'lead-gi-1', 'pilot.overview.municipality', { municipality: 'Doesburg' })).body),
    );
    expect(drill).toContain('Er zijn geen lopende casussen in Doesburg in jouw overzicht.');
    expect(drill).not.toContain(doesburg.ref);
    // Doesburg's coordinator still sees the Doesburg case.
    expect(allText(cardOf((await say(t, 'coord-doe', 'overzicht'))[0]))).toContain('Doesburg: 1 casus');
  });

  it('a professional is refused, in chat and on the drill-down button', async () => {
    expect((await say(t, 'lt-arn', 'overzicht')).map((r) => r.text)).toEqual([REFUSAL]);
    expect((await say(t, 'lt-arn', 'overzicht Arnhem')).map((r) => r.text)).toEqual([REFUSAL]);
    expect(answerText(await press(t, 'gi-arn', 'pilot.overview.municipality', { municipality: 'Arnhem' }))).toBe(
      REFUSAL,
    );
  });

  it('casus <ref> export gives a member the inzage document in plain Dutch, then the file consent card', async () => {
    const replies = await say(t, 'lt-arn', `casus ${stalledGi.ref} export`);
    expect(replies).toHaveLength(2);
    expect(replies[0]!.textFormat).toBe('plain');
    const doc = String(replies[0]!.text);
    const lines = doc.split('\n');
    expect(lines[0]).toBe(`Inzage-overzicht (AVG art. 15) van casus ${stalledGi.ref}, om aan het gezin te geven.`);
    expect(lines[1]).toContain('inzageprocedure van je eigen organisatie');
    expect(doc).toContain('\nHet casusteam\n-------------\n');
    expect(doc).toContain(
      '- Sem Jansen (fictief), uitvoerend professional bij Jeugdbescherming Gelderland (Gecertificeerde Instelling). In het team sinds maandag 1 juni 2026 om 10:00, toegevoegd door Pien Meijer (fictief) (Stichting Wijkteams Arnhem), reden: vast gezicht.',
    );
    expect(doc).toContain(
      '- maandag 1 juni 2026 om 10:00 — Maatregel uitgesproken door de rechter: Ondertoezichtstelling (OTS), voor 12 maanden. Vastgelegd door Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem).',
    );
    expect(doc).toContain('- Raad / rechter → Gecertificeerde Instelling: van Tess de Groot (fictief)');
    expect(doc).toContain('Pien Meijer (fictief) (Stichting Wijkteams Arnhem) opende de casus.');
    expect(doc).not.toMatch(/undefined|null|NaN|\[object|\d{4}-\d{2}-\d{2}|measure_pronounced|case\.opened/);
    expect(replies[1]!.attachments).toMatchObject([
      { contentType: 'application/vnd.microsoft.teams.card.file.consent' },
    ]);
  });

  it('the export is audit-logged as case.exported; the English alias and a pilot coordinator work too', async () => {
    const exported = () =>
      auditOf(t, stalledVt.id)
        .filter((a) => a.action === 'case.exported')
        .map((a) => a.actor);
    expect(exported()).toEqual([]);
    expect(String((await say(t, 'vt-arn', `case ${stalledVt.ref.toLowerCase()} export`))[0]!.text)).toContain(
      'Melding ontvangen bij Veilig Thuis',
    );
    expect(String((await say(t, 'coord-arn', `casus ${stalledVt.ref} export`))[0]!.text)).toContain('Inzage-overzicht');
    expect(exported()).toEqual(['vt-arn', 'coord-arn']);
    expect(auditOf(t, stalledVt.id).at(-1)).toMatchObject({
      action: 'case.exported',
      reason: 'inzageverzoek (AVG art. 15)',
    });
  });

  it('someone outside the case gets exactly "Casus niet gevonden of geen toegang." and nothing is logged', async () => {
    const before = auditOf(t, stalledGi.id).length;
    expect((await say(t, 'lt-doe', `casus ${stalledGi.ref} export`)).map((r) => r.text)).toEqual([
      NOT_FOUND_OR_NO_ACCESS,
    ]);
    expect((await say(t, 'lt-doe', 'casus CG-ARN-2026-9999 export')).map((r) => r.text)).toEqual([
      NOT_FOUND_OR_NO_ACCESS,
    ]);
    expect(NOT_FOUND_OR_NO_ACCESS).toBe('Casus niet gevonden of geen toegang.');
    expect(auditOf(t, stalledGi.id)).toHaveLength(before);
  });

  it('casus <ref> still shows the case card; a bad reference gets the export usage line', async () => {
    expect(allText(cardOf((await say(t, 'lt-arn', `casus ${stalledGi.ref}`))[0]))).toContain(`Casus ${stalledGi.ref}`);
    expect((await say(t, 'lt-arn', 'casus onzin export'))[0]!.text).toMatch(/^Gebruik: casus <ref> export/);
  });

  it('a long history is split over several plain messages, each under the limit, nothing lost', async () => {
    const ctx = t.bot.ctx;
    const busy = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    for (let i = 0; i < 200; i++) recordEvent(ctx, { by: 'lt-arn', caseRef: busy.ref, event: 'activity' });
    const replies = await say(t, 'lt-arn', `casus ${busy.ref} export`);
    // The parts of the document, then the file consent card.
    const parts = replies.filter((r) => !r.attachments);
    expect(replies.at(-1)!.attachments).toBeDefined();
    expect(parts.length).toBeGreaterThan(1);
    for (const r of parts) {
      expect(r.textFormat).toBe('plain');
      expect(String(r.text).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
    expect(String(parts[0]!.text)).toMatch(new RegExp(`^Inzage-overzicht .* \\(in ${parts.length} delen\\)\\.`));
    expect(String(parts[1]!.text)).toMatch(
      new RegExp(`^Inzage-overzicht casus ${busy.ref}, deel 2 van ${parts.length}\\n`),
    );
    const body = parts.map((r) => String(r.text).split('\n\n').slice(1).join('\n\n')).join('\n');
    expect(body.match(/ — Andere activiteit \(overleg, contact\)\. Vastgelegd door Pien Meijer/g)).toHaveLength(200);
  });

  it('splitText keeps lines whole where it can and gives the document back', () => {
    expect(splitText('aaa\nbbb\ncc', 7)).toEqual(['aaa\nbbb', 'cc']);
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const doc = Array.from({ length: 50 }, (_, i) => `regel ${i}`).join('\n');
    const parts = splitText(doc, 40);
    expect(parts.every((p) => p.length <= 40)).toBe(true);
    expect(parts.join('\n')).toBe(doc);
  });

  it('the help text names the new commands', () => {
    for (const cmd of ['casus <ref> export', 'overzicht [gemeente]', 'digest aan | digest uit'])
      expect(HELP_TEXT).toContain(cmd);
  });
});

describe('digest aan|uit and the daily digest card', () => {
  const clock = liveClock('2026-05-13T10:00:00+02:00'); // Wed; Thu 05-14 is Hemelvaartsdag
  const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };
  let t: TestBot;
  let first: string; // T6 due Thu 05-21, remind Wed 05-20 08:30
  let second: string; // T6 due Fri 05-22, remind Thu 05-21 08:30
  const tick = (iso: string) => {
    clock.set(iso);
    const result = runTick(t.bot.ctx);
    t.bot.ctx.onOutbox?.();
    return result;
  };
  /** The digest cards the daily run sent (not the previews the `digest` command answers with). */
  const sentDigests = (p: Person) =>
    cardsTo(t, p, 'Jouw open punten').filter((c) => !allText(c).includes('er is niets verstuurd'));
  const nudgeRowsFor = (member: string) =>
    t.bot.database.sqlite
      .prepare(
        "SELECT json_extract(o.payload, '$.caseRef') AS caseRef, json_extract(o.payload, '$.step') AS step FROM outbox o JOIN deliveries d ON d.outbox_id = o.id WHERE o.kind = 'nudge' AND d.recipient_id = ? ORDER BY o.id",
      )
      .all(member) as Array<{ caseRef: string; step: string }>;
  /** The bot's answers to the message (replies), not the proactive cards the outbox delivers to the same chat meanwhile. */
  const answer = async (text: string) => (await say(t, 'gi-arn', text)).filter((r) => r.attachments === undefined);
  const court = (ref: string) =>
    recordEvent(t.bot.ctx, {
      by: 'rvdk-arn',
      caseRef: ref,
      event: 'measure_pronounced',
      fields: { measure: 'OTS', months: 12 },
    });

  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(t, person(t, 'gi-arn'));
    first = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    court(first);
    clock.set('2026-05-15T10:00:00+02:00');
    second = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    court(second);
    // The two H5 handover cards reach gi-arn's chat first (delivered in the background).
    await t.connector.waitFor((rs) => rs.filter(isCardPost('Warme overdracht H5')).length === 2);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('digest aan: says what it means, is recorded in the audit log, and digest shows the setting', async () => {
    expect((await answer('digest'))[0]!.text).toMatch(/^Je dagoverzicht staat uit \(de standaard van de pilot\)\./);
    const [on] = await answer('digest aan');
    expect(on!.text).toContain(
      'Je krijgt elke werkdag om 08:30 één overzicht; herinneringen komen daarin, verlopen termijnen en escalaties blijven direct komen.',
    );
    expect(on!.textFormat).toBe('plain');
    expect((await answer('Digest'))[0]!.text).toMatch(/^Je dagoverzicht staat aan \(je eigen keuze\)\./);
    const rows = t.bot.database.sqlite
      .prepare("SELECT actor, case_id AS caseId, details FROM audit_log WHERE action = 'member.digest'")
      .all();
    expect(rows).toEqual([
      { actor: 'gi-arn', caseId: null, details: JSON.stringify({ before: false, on: true, source: 'pilot' }) },
    ]);
    expect((await answer('digest misschien'))[0]!.text).toMatch(/^Gebruik: digest aan of digest uit/);
  });

  it('digest shows what today’s digest holds, checklist items by their text, without sending or using it up', async () => {
    clock.set('2026-05-20T08:00:00+02:00'); // before office hours: the daily run has not been
    const viewsOfDigest = () =>
      t.bot.database.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'digest.viewed'").all();
    const viewsBefore = viewsOfDigest().length;
    const replies = await say(t, 'gi-arn', 'digest');
    expect(replies[0]!.text).toMatch(/^Je dagoverzicht staat aan/);
    const preview = allText(cardOf(replies[1]));
    expect(preview).toContain('Jouw open punten, wo 20 mei 2026');
    expect(preview).toContain('• Jeugdbeschermer toegewezen, uiterlijk do 21 mei 2026');
    expect(preview).toMatch(
      /• warme overdracht Raad \/ rechter → Gecertificeerde Instelling: nog \d+ punten af te vinken, waaronder „[A-Z]/,
    );
    expect(preview).not.toMatch(/\b[CH]\d(\.\d)?\b/); // no checklist codes (C1, H5.1) nor moment codes (H5)
    expect(preview).toContain('er is niets verstuurd');
    expect(viewsOfDigest()).toHaveLength(viewsBefore + 1); // each `digest` is a view on record
    expect(viewsOfDigest().at(-1)).toEqual({ actor: 'gi-arn' });
    expect(t.bot.ctx.store.preferences.digestRanOn('2026-05-20')).toBe(false);
  });

  it('a tick at 08:30 on a working day delivers one digest card, per case with a button, and no separate nudge', async () => {
    expect(tick('2026-05-20T08:30:00+02:00').digests).toBe(1);
    const gi = person(t, 'gi-arn');
    await t.connector.waitFor(() => sentDigests(gi).length > 0);
    const cards = sentDigests(gi);
    expect(cards).toHaveLength(1);
    const text = allText(cards[0]);
    expect(text).toContain('Jouw open punten, wo 20 mei 2026');
    expect(text).toContain(`Casus ${first}`);
    expect(text).toContain('• Jeugdbeschermer toegewezen, uiterlijk do 21 mei 2026');
    expect(text).toMatch(
      /• warme overdracht Raad \/ rechter → Gecertificeerde Instelling: nog \d+ punten af te vinken/,
    );
    const buttons = executes(cards[0]).map((a) => [a.title, a.verb, a.data]);
    expect(buttons).toContainEqual(['Casus bekijken', 'case.show', { caseRef: first }]);
    expect(buttons.every(([, verb]) => verb === 'case.show')).toBe(true);
    // The remind step went into the digest: no nudge row and no nudge card for gi-arn.
    expect(nudgeRowsFor('gi-arn')).toEqual([]);
    expect(cardsTo(t, gi, 'timer.ack')).toEqual([]);
    // The same day again: nothing new.
    expect(tick('2026-05-20T09:00:00+02:00').digests).toBe(0);
  });

  it('digest uit stops it: the next working day brings the reminder as its own nudge and no digest', async () => {
    const [off] = await answer('digest off');
    expect(off!.text).toMatch(/^Het dagoverzicht staat uit\./);
    expect(tick('2026-05-21T08:30:00+02:00').digests).toBe(0);
    const gi = person(t, 'gi-arn');
    await t.connector.waitFor((rs) =>
      rs.some((r) => isCardPost('timer.ack')(r) && JSON.stringify(r.body).includes(second)),
    );
    expect(nudgeRowsFor('gi-arn')).toEqual([{ caseRef: second, step: 'remind' }]);
    expect(sentDigests(gi)).toHaveLength(1);
    const rows = t.bot.database.sqlite
      .prepare("SELECT actor, details FROM audit_log WHERE action = 'member.digest' ORDER BY id")
      .all() as Array<{ details: string }>;
    expect(rows.map((r) => JSON.parse(r.details).on)).toEqual([true, false]);
  });
});
