import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/app/record-event.js';
import { CRISIS_ROUTES } from '../../src/app/escalations/report-acute-danger.js';
import { escalationCard } from '../../src/adapters/teams/escalation/escalation-card.js';
import { renderOutbound } from '../../src/adapters/teams/cards/render-outbound.js';
import { escalationViewFor } from '../../src/adapters/teams/escalation/escalation-view-for.js';
import {
  BOT_ACCOUNT_ID,
  CHANNEL_ID,
  cardAction,
  personalConversationId,
  personalMessage,
  TENANT_ID,
  type Person,
} from '../support/teams-activity.js';
import { invokeCard } from '../support/bot-answer.js';
import { startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import {
  cardOf,
  cardText,
  INVOKE_CARD,
  INVOKE_MESSAGE,
  install,
  isCardPost,
  liveClock,
  openArnhemCase,
  P,
} from './workflow-fixtures.js';

// The workflow cards over HTTP, as Teams sends Action.Execute invokes: nudges, handovers, escalations, acute danger.

describe('workflow cards', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00'); // Tuesday, office hours
  let t: TestBot;
  let caseRef: string;
  /** The id of the card the person presses: one card per person here, so later updates can be traced to it. */
  const cardIdOf = (p: Person) => `card-of-${p.aadObjectId.slice(-2)}`;
  const act = (from: Person, verb: string, data: Record<string, unknown>) =>
    t.post(cardAction(verb, { caseRef, ...data }, { from, serviceUrl: t.connector.url, replyToId: cardIdOf(from) }));
  const say = (from: Person, text: string) => t.post(personalMessage(text, { from, serviceUrl: t.connector.url }));
  const lastReplyTo = (p: Person) => t.repliesTo(personalConversationId(p)).at(-1);
  /** Teams shows `value` on the card: a new card (replaces the pressed one) or a short message. */
  const expectCard = (res: PostResult, ...needles: string[]) => {
    expect(res).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: INVOKE_CARD, value: { type: 'AdaptiveCard', version: '1.5' } },
    });
    for (const n of needles) expect(cardText(invokeCard(res))).toContain(n);
  };
  /** A value the person can correct: their form comes back with the problem on top (card-action.ts `refill`). */
  const expectFormProblem = (res: PostResult, text: string) => {
    expect(res).toMatchObject({ status: 200, body: { statusCode: 200, type: INVOKE_CARD } });
    const first = invokeCard(res).body[0];
    expect(first).toMatchObject({ type: 'TextBlock', color: 'Attention', text: expect.stringContaining(text) });
  };
  const expectRefusal = (res: PostResult, text: string) =>
    expect(res).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: INVOKE_MESSAGE, value: expect.stringContaining(text) },
    });

  beforeAll(async () => {
    t = await startTestBot({
      clock,
      scheduler: false,
      outbox: { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 },
    });
    await install(t, P.lt, P.vt, P.gi, P.leadVt);
    caseRef = openArnhemCase(t).ref;
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('a nudge', () => {
    let timer: Record<string, unknown>;
    beforeAll(() => {
      recordEvent(t.bot.ctx, { by: 'vt-arn', caseRef, event: 'melding_received' });
      const open = t.bot.ctx.store.timers.open(t.bot.ctx.store.cases.byRef(caseRef)!.id, 'T1')[0]!;
      timer = { timer: 'T1', timerId: open.id, step: 'remind' };
    });

    it('is picked up by its owner; the due date stands', async () => {
      expectCard(
        await act(P.vt, 'timer.ack', timer),
        'Opgepakt',
        'opgepakt door Roos de Graaf (fictief)',
        'timer.postpone',
      );
    });

    it('is postponed once by the owner; a second time only by the team lead', async () => {
      expectRefusal(await act(P.vt, 'timer.postpone', { ...timer, until: '2026-06-12' }), 'Vul een reden in.');
      expectCard(
        await act(P.vt, 'timer.postpone', { ...timer, until: '2026-06-12', reason: 'Wachten op de school' }),
        'Uitgesteld tot vr 12 jun 2026',
      );
      expectRefusal(
        await act(P.vt, 'timer.postpone', { ...timer, until: '2026-06-15', reason: 'Nog steeds wachten' }),
        'alleen je teamleider',
      );
      expectCard(
        await act(P.leadVt, 'timer.postpone', { ...timer, until: '2026-06-16', reason: 'Afgestemd met VT' }),
        'Uitgesteld tot di 16 jun 2026',
        '2× uitgesteld',
      );
    });

    it('is completed with the event that stops the timer, and no other event', async () => {
      expectRefusal(
        await act(P.vt, 'timer.complete', { ...timer, event: 'measure_ended' }),
        'rondt deze termijn niet af',
      );
      expectCard(
        await act(P.vt, 'timer.complete', { ...timer, event: 'safety_assessment_done' }),
        'Vastgelegd: Veiligheidsbeoordeling afgerond',
        'afgerond',
      );
    });
  });

  describe('a warm handover', () => {
    let handoverId: number;
    const check = (p: Person, item: string, extra: Record<string, unknown> = {}) =>
      act(p, 'handover.check', { handoverId, item, ...extra });

    it('starts from the command card: moment, sender and receiver; the receiver gets the checklist', async () => {
      await say(P.vt, 'overdracht ' + caseRef.toLowerCase());
      const form = cardText(cardOf(lastReplyTo(P.vt)));
      expect(form).toContain('handover.start');
      expect(form).toContain('H2 Veilig Thuis → Lokaal Team');
      expectCard(await act(P.vt, 'handover.form', {}), 'handover.start'); // the same form from a case-card button
      expectFormProblem(
        await act(P.vt, 'handover.start', { moment: 'H2', from: 'vt-arn' }),
        'Kies wie de casus ontvangt.',
      );
      const res = await act(P.vt, 'handover.start', { moment: 'H2', from: 'vt-arn', to: 'lt-arn' });
      expectCard(res, 'Warme overdracht H2', 'Pien Meijer (fictief) krijgt de checklist', '0/6 verplichte punten');
      handoverId = t.bot.ctx.store.handovers.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id)[0]!.id;
      await t.connector.waitFor((rs) =>
        rs.some((r) => r.conversationId === personalConversationId(P.lt) && isCardPost('handover.check')(r)),
      );
    });

    it('posts the checklist in the case thread when the case has one, and updates it there after each change', async () => {
      const caseId = t.bot.ctx.store.cases.byRef(caseRef)!.id;
      const thread = `${CHANNEL_ID};messageid=1780000000001`;
      const reference = {
        serviceUrl: t.connector.url,
        channelId: 'msteams',
        bot: { id: BOT_ACCOUNT_ID },
        conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      };
      t.bot.ctx.conversations.save(`case:${caseId}`, reference, clock.now());
      expectCard(await check(P.vt, 'H2.1'));
      await t.connector.waitFor((rs) => rs.some((r) => r.conversationId === thread && r.method === 'POST'));
      const posted = t.connector.requests.find((r) => r.conversationId === thread && r.method === 'POST')!;
      expect(cardText(cardOf(posted.body))).toContain('Warme overdracht H2');
      expectCard(await check(P.vt, 'H2.2'));
      await t.connector.waitFor((rs) => rs.some((r) => r.conversationId === thread && r.method === 'PUT'));
      expect(t.connector.requests.filter((r) => r.conversationId === thread).map((r) => r.method)).toEqual([
        'POST',
        'PUT',
      ]);
    });

    it('refuses the receiver ticking a sender item, C3 without a basis, and an incomplete accept', async () => {
      expectRefusal(await check(P.lt, 'C2'), 'Dit punt vinkt de verzender af.');
      expectRefusal(await check(P.vt, 'C3'), 'Kies de grondslag');
      expectRefusal(await act(P.lt, 'handover.accept', { handoverId }), 'Nog niet alle verplichte punten');
      expectRefusal(await act(P.vt, 'handover.accept', { handoverId }), 'Alleen de ontvanger');
    });

    it('shows who ticked what, and updates the other party’s copy of the checklist', async () => {
      expectCard(await check(P.vt, 'C1'), 'Afgevinkt: C1', 'Afgevinkt door Roos de Graaf (fictief), di 2 jun 2026 10:');
      expectCard(
        await check(P.vt, 'C3', { basis: 'statutory_task' }),
        'Grondslag',
        'wettelijke taak',
        '2/6 verplichte punten',
      );
      t.connector.reset();
      expectCard(await check(P.lt, 'C5'), 'Afgevinkt door Pien Meijer (fictief)', '3/6');
      await t.connector.waitFor((rs) => rs.some((r) => r.method === 'PUT' && r.activityId === cardIdOf(P.vt)));
      const put = t.connector.requests.find((r) => r.method === 'PUT' && r.activityId === cardIdOf(P.vt))!;
      expect(put.conversationId).toBe(personalConversationId(P.vt));
      expect(cardText(cardOf(put.body))).toContain('Afgevinkt door Pien Meijer (fictief)');
    });

    it('is accepted by the receiver once every required item is ticked', async () => {
      for (const item of ['C2', 'C4']) expectCard(await check(P.vt, item));
      expectCard(await check(P.lt, 'C7'), '6/6', 'handover.accept');
      expectCard(await act(P.lt, 'handover.accept', { handoverId }), 'Overdracht geaccepteerd');
      expectRefusal(await check(P.vt, 'C6'), 'al afgerond');
    });
  });

  describe('an escalation', () => {
    const seq = 1;
    it('starts from the command card, with the question through the personal-data guard', async () => {
      await say(P.lt, 'escaleer ' + caseRef);
      expect(cardText(cardOf(lastReplyTo(P.lt)))).toContain('escalation.start');
      expectCard(await act(P.lt, 'escalation.form', {}), 'escalation.start'); // the same form from a case-card button
      const start = { trigger: 'PROFESSIONAL_DILEMMA', orgs: 'LT,VT' };
      expectFormProblem(await act(P.lt, 'escalation.start', { ...start, question: '' }), 'Vul de vraag in');
      expectFormProblem(
        await act(P.lt, 'escalation.start', { ...start, question: 'Kind, BSN 111222333, geboren 12-03-2015' }),
        'Ik heb dit niet opgeslagen',
      );
      const res = await act(P.lt, 'escalation.start', {
        ...start,
        question: 'Wie houdt de regie op de veiligheidsafspraken?',
      });
      expectCard(res, 'L0 casusoverleg', 'Roos de Graaf (fictief) krijgen de escalatiekaart', 'escalation.decide');
    });

    it('is decided only by a participant of its level, and then asks for a reflection', async () => {
      const decision = {
        escalation: seq,
        decision: 'VT houdt de regie tot de evaluatie',
        owner: 'vt-arn',
        deadline: '2026-06-19',
        familyInformed: 'no',
      };
      expectRefusal(await act(P.gi, 'escalation.decide', decision), 'Alleen de deelnemers van dit escalatieniveau');
      expectFormProblem(
        await act(P.vt, 'escalation.decide', { ...decision, familyInformed: '' }),
        'Kies of het gezin is geïnformeerd',
      );
      expectFormProblem(
        await act(P.vt, 'escalation.decide', { ...decision, owner: '' }),
        'Kies wie het besluit uitvoert.',
      );
      expectCard(
        await act(P.vt, 'escalation.decide', decision),
        'Besluit vastgelegd',
        'Wat leren we hiervan?',
        'escalation.reflect',
      );
      expectCard(
        await act(P.lt, 'escalation.reflect', { escalation: seq, reflection: 'Eerder samen om tafel.' }),
        'Reflectie opgeslagen',
        'Eerder samen om tafel.',
      );
    });

    it('reaches its participants only; a non-participant reads it without buttons; the reminder is the same card', async () => {
      const res = await act(P.lt, 'escalation.start', {
        trigger: 'AGREEMENTS_NOT_FOLLOWED',
        question: 'Wie belt de school?',
        orgs: 'LT,VT',
      });
      expectCard(res, 'escalation.decide');
      const ctx = t.bot.ctx;
      const e = ctx.store.escalations.ofCase(ctx.store.cases.byRef(caseRef)!.id).at(-1)!;
      const rendered = (kind: string, recipientId: string) =>
        renderOutbound(
          ctx,
          {
            outboxId: 0,
            deliveryId: 0,
            kind,
            recipientId,
            payload: { kind, caseId: e.caseId, caseRef, escalationId: e.id },
          },
          ctx.roster.member(recipientId)!,
        ) as { card?: unknown; obsolete?: string };
      const render = (kind: string, recipientId: string) => cardText(rendered(kind, recipientId).card);
      // gi-arn is no participant (LT and VT only): a message for them is not delivered …
      expect(rendered('escalation', 'gi-arn').obsolete).toBeDefined();
      // … and if they open the escalation it is read-only.
      const readOnly = cardText(escalationCard(escalationViewFor(ctx, e, ctx.roster.member('gi-arn')!)));
      expect(readOnly).toContain('alleen ter informatie');
      expect(readOnly).not.toContain('escalation.decide');
      const reminder = render('escalation_reminder', 'vt-arn');
      expect(reminder).toContain('De reactietermijn van dit niveau is verstreken');
      expect(reminder).toContain('escalation.decide');
      expectCard(
        await act(P.lt, 'escalation.withdraw', { escalation: e.seq, reason: 'Al opgelost in het casusoverleg' }),
        'Escalatie ingetrokken',
      );
    });
  });

  describe('acute danger', () => {
    it('asks one confirmation naming who will be told, with the crisis routes at once, and sends nothing before it', async () => {
      clock.set('2026-06-02T23:30:00+02:00');
      t.connector.reset();
      await say(P.gi, `acuut ${caseRef}`);
      const confirm = cardText(cardOf(lastReplyTo(P.gi)));
      for (const route of CRISIS_ROUTES) expect(confirm).toContain(route);
      expect(confirm).toContain('Carla Dekker (fictief)'); // a team lead of the case
      expect(confirm).toContain('acute.confirm');
      await new Promise((r) => setTimeout(r, 200));
      expect(t.connector.requests.filter(isCardPost('ACUUT'))).toHaveLength(0);
      expect(t.bot.ctx.store.acute.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id)).toHaveLength(0);
      // "Annuleren" goes back to the case card without checking any input.
      const cancel = (cardOf(lastReplyTo(P.gi))!.actions as Array<Record<string, unknown>>).find(
        (a) => a.title === 'Annuleren',
      );
      expect(cancel).toMatchObject({ verb: 'case.show', associatedInputs: 'none' });
    });

    it('after the confirmation reaches every case professional and team lead at once, also at night', async () => {
      t.connector.reset();
      const res = await act(P.gi, 'acute.confirm', {});
      expectCard(res, 'Acute onveiligheid gemeld', 'bel 112', 'Carla Dekker (fictief)');
      // The case professionals (LT, VT, Raad; the reporter is GI) and the team leads of all four: 7 people.
      await t.connector.waitFor((rs) => rs.filter(isCardPost('ACUUT')).length === 7);
      const leadCard = cardText(cardOf(t.connector.requests.find(isCardPost('ACUUT'))!.body));
      expect(leadCard).toContain('Sem Jansen (fictief) (Jeugdbescherming Gelderland)');
      expect(leadCard).toContain('bel 112');
      expect(leadCard).toContain('acute.pickUp');
      expect(leadCard).not.toContain('Wie houdt de regie'); // no case content beyond the reference
    });

    it('"Ik pak dit op": the first lead takes it on, the reporter sees who, a second is told who did', async () => {
      const report = t.bot.ctx.store.acute.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id).at(-1)!;
      t.connector.reset();
      expectCard(await act(P.lt, 'acute.pickUp', { acuteId: report.id }), 'Opgepakt door', 'Pien Meijer (fictief)');
      await t.connector.waitFor((rs) => rs.some(isCardPost('pakt de acute melding')));
      const toReporter = t.connector.requests.find(isCardPost('pakt de acute melding'))!;
      expect(toReporter.conversationId).toBe(personalConversationId(P.gi));
      expectRefusal(await act(P.vt, 'acute.pickUp', { acuteId: report.id }), 'heeft deze melding al opgepakt');
    });

    it('is also reported with the card button acute.report (after its confirmation)', async () => {
      expectCard(await act(P.lt, 'acute.report', {}), 'Acute onveiligheid melden', 'acute.confirm');
      expectCard(await act(P.lt, 'acute.confirm', {}), 'Acute onveiligheid gemeld', 'Veilig Thuis (dag en nacht)');
    });

    it('explains the command when the case reference is missing', async () => {
      await say(P.lt, 'acuut');
      expect(lastReplyTo(P.lt)?.text).toContain('Gebruik: acuut <casusnummer>');
    });
  });
});
