import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invokeCard, invokeMessage } from '../support/bot-answer.js';
import type { PostResult, TestBot } from '../support/start-test-bot.js';
import {
  answerText,
  arnhemCase,
  auditOf,
  CARD_TYPE,
  MESSAGE_TYPE,
  press,
  problemOf,
  startCaseBot,
} from './case-test-kit.js';

const Action = z.object({
  type: z.string(),
  title: z.string(),
  verb: z.string().optional(),
  data: z.unknown(),
  card: z
    .object({
      body: z.array(z.object({ id: z.string().optional(), type: z.string() })),
      actions: z.array(z.object({ verb: z.string() })),
    })
    .optional(),
});
/** A form opened from the case card: its inputs and its buttons. */
const Form = z.object({
  body: z.array(z.object({ id: z.string().optional(), value: z.unknown() })),
  actions: z.array(Action),
});
const actionsOf = (res: PostResult) => invokeCard(res, z.object({ actions: z.array(Action).optional() })).actions ?? [];

describe('the case card: events, stage, closing', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('offers every action to whoever may see the case: members, their team leads, the pilot coordinator', async () => {
    const c = arnhemCase(t);
    const member = actionsOf(await press(t, 'lt-arn', 'case.show', { caseRef: c.ref }));
    expect(member.map((a) => [a.title, a.verb])).toEqual([
      ['Team', 'team.show'],
      ['Gebeurtenis vastleggen', 'case.eventForm'],
      ['Fase wijzigen', 'case.stageForm'],
      ['Casus sluiten', 'case.close'],
      ['Acuut onveilig', 'acute.report'],
    ]);
    // A lead (of a member, and of a fixed face) and the pilot's coordinator act on the case as its members do.
    for (const viewer of ['lead-lt-arn', 'coord-arn'])
      expect(actionsOf(await press(t, viewer, 'case.show', { caseRef: c.ref })).map((a) => a.title)).toEqual(
        member.map((a) => a.title),
      );
    // Another municipality's coordinator sees nothing.
    expect(answerText(await press(t, 'coord-doe', 'case.show', { caseRef: c.ref }))).toBe(
      'Casus niet gevonden of geen toegang.',
    );
  });

  it('the forms open on demand, for whoever may act on an open case, and their view is on record', async () => {
    const c = arnhemCase(t);
    const viewsBefore = auditOf(t, c.id).filter((e) => e.action === 'case.viewed').length;
    // "Gebeurtenis vastleggen" first asks which event (test/teams/event-forms.test.ts has the chooser and each form).
    const event = await press(t, 'lt-arn', 'case.eventForm', { caseRef: c.ref });
    expect(event.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    const eventCard = invokeCard(event, Form);
    expect(eventCard.body.filter((i) => i.id)).toEqual([]);
    expect(eventCard.actions.map((a) => [a.verb, a.data])).toEqual([['case.show', { caseRef: c.ref }]]);
    expect(answerText(event)).toContain('Jeugdbeschermer toegewezen');
    const stage = await press(t, 'lt-arn', 'case.stageForm', { caseRef: c.ref });
    const stageCard = invokeCard(stage, Form);
    expect(stageCard.body.find((i) => i.id === 'stage')?.value).toBe(t.bot.ctx.store.cases.byId(c.id)!.stage);
    expect(stageCard.actions.map((a) => a.verb)).toEqual(['case.setStage', 'case.show']);
    expect(auditOf(t, c.id).filter((e) => e.action === 'case.viewed').length).toBe(viewsBefore + 2);
    const assign = await press(t, 'lt-arn', 'case.eventForm', { caseRef: c.ref, event: 'jeugdbeschermer_assigned' });
    const assignCard = invokeCard(assign, Form);
    expect(assignCard.body.filter((i) => i.id).map((i) => i.id)).toEqual(['member']);
    expect(answerText(assign)).toContain('Sem Jansen (fictief) (Jeugdbescherming Gelderland)');

    for (const verb of ['case.eventForm', 'case.stageForm']) {
      // The team lead of a member sees the case and may act on it; someone of another municipality sees nothing.
      expect((await press(t, 'lead-lt-arn', verb, { caseRef: c.ref })).body).toMatchObject({
        statusCode: 200,
        type: CARD_TYPE,
      });
      expect(invokeMessage(await press(t, 'lt-doe', verb, { caseRef: c.ref }))).toBe(
        'Casus niet gevonden of geen toegang.',
      );
    }
  });

  it('case.recordEvent: a measure starts its timers; the card shows them with Dutch due dates and owners, and the H5 handover', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'rvdk-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'measure_pronounced',
      measure: 'OTS',
      months: '12',
      outcome: '',
      reportBackBy: '',
      member: '',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    const text = answerText(res);
    expect(text).toContain('Vastgelegd: Maatregel uitgesproken door de rechter.');
    expect(text).toMatch(
      /Jeugdbeschermer toegewezen: uiterlijk (ma|di|wo|do|vr) \d{1,2} [a-z]{3} \d{4}, eigenaar Sem Jansen \(fictief\)/,
    );
    expect(text).toContain('Einde maatregel: uiterlijk');
    expect(text).toContain('Ondertoezichtstelling (OTS) tot');
    expect(text).toMatch(/H5 [^:]+: Tess de Groot \(fictief\) → Sem Jansen \(fictief\), 0\/\d+ afgevinkt, loopt/);
    expect(
      t.bot.ctx.store.timers
        .open(c.id)
        .map((x) => x.timer)
        .sort(),
    ).toEqual(['T12', 'T13', 'T6', 'T7', 'T8', 'T9']);
  });

  // Without a known event there is no form to show again: a message. With one, its form comes back, the problem on top.
  it.each([
    ['no event', {}, 'Kies wat er is gebeurd.', 'message'],
    ['an unknown event', { event: 'verhuisd' }, 'Kies wat er is gebeurd.', 'message'],
    [
      'a measure without its kind',
      { event: 'measure_pronounced' },
      'Kies de maatregel (OTS, voorlopige OTS, MUHP of voogdij).',
      'form',
    ],
    [
      'months that are not a number',
      { event: 'measure_extended', months: 'twaalf' },
      'Vul het aantal maanden in als getal.',
      'form',
    ],
    ['too many months', { event: 'measure_extended', months: '36' }, 'Vul hoogstens 24 maanden in.', 'form'],
  ])('case.recordEvent with %s is refused in Dutch', async (_label, fields, message, shownAs) => {
    const c = arnhemCase(t);
    const res = await press(t, 'lt-arn', 'case.recordEvent', { caseRef: c.ref, ...fields });
    expect(problemOf(res)).toEqual({ shownAs, text: message });
    expect(t.bot.ctx.store.cases.events(c.id)).toEqual([]);
  });

  it('case.setStage moves the case and answers with the refreshed card', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'lt-arn', 'case.setStage', { caseRef: c.ref, stage: 'LT_VOLUNTARY' });
    expect(answerText(res)).toContain('Fase gewijzigd: Vrijwillig kader (Lokaal Team).');
    expect(t.bot.ctx.store.cases.byId(c.id)!.stage).toBe('LT_VOLUNTARY');
    const closed = await press(t, 'lt-arn', 'case.setStage', { caseRef: c.ref, stage: 'CLOSED' });
    expect(invokeMessage(closed)).toMatch(/^Sluit een casus met/);
  });

  it('closing takes two steps: a confirmation card with a required reason, then the close itself', async () => {
    const c = arnhemCase(t);
    const confirm = await press(t, 'lt-arn', 'case.close', { caseRef: c.ref });
    expect(confirm.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(answerText(confirm)).toContain('Dit kan niet ongedaan worden gemaakt.');
    expect(actionsOf(confirm).map((a) => [a.title, a.verb])).toEqual([
      ['Ja, casus sluiten', 'case.closeConfirm'],
      ['Annuleren', 'case.show'],
    ]);
    expect(t.bot.ctx.store.cases.byId(c.id)!.closedAt).toBeNull();
    const noReason = await press(t, 'lt-arn', 'case.closeConfirm', { caseRef: c.ref, closeReason: ' ' });
    expect(problemOf(noReason)).toEqual({ shownAs: 'form', text: 'Vul een reden in.' });
    expect(answerText(noReason)).toContain('Dit kan niet ongedaan worden gemaakt.');
    const closed = await press(t, 'lt-arn', 'case.closeConfirm', { caseRef: c.ref, closeReason: 'hulp afgerond' });
    expect(answerText(closed)).toContain('Casus gesloten. Alle termijnen zijn gestopt.');
    expect(answerText(closed)).toContain('Geen lopende termijnen.');
    expect(actionsOf(closed).map((a) => a.title)).toEqual(['Team']);
    expect(t.bot.ctx.store.cases.byId(c.id)!.closedAt).not.toBeNull();
    expect(auditOf(t, c.id).find((a) => a.action === 'case.closed')).toMatchObject({
      actor: 'lt-arn',
      reason: 'hulp afgerond',
    });
    const again = await press(t, 'lt-arn', 'case.close', { caseRef: c.ref });
    expect(again.body).toMatchObject({ type: MESSAGE_TYPE, value: 'Deze casus is al gesloten.' });
  });
});
