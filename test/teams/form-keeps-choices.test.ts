import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepChoices } from '../../src/adapters/teams/cards/keep-choices.js';
import { adaptiveCard, input, showCard, execute } from '../../src/adapters/teams/cards/card-kit.js';
import { invokeAnswer } from '../support/bot-answer.js';
import type { TestBot } from '../support/start-test-bot.js';
import {
  allText,
  arnhemCase,
  auditOf,
  CARD_TYPE,
  cardOf,
  MESSAGE_TYPE,
  press,
  startCaseBot,
  STRANGER,
} from './case-test-kit.js';

// A form answered with a problem it can correct comes back as the same form, with the person's choices kept and the
// problem on top; nothing is recorded. Refusals of access or state stay the plain refusal.

/** Every input of a card (nested containers and folded-in forms included), by id. */
function inputsOf(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found.set(o.id, o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

describe('keepChoices', () => {
  const form = adaptiveCard(
    [
      input.choice('trigger', 'Aanleiding', [
        ['A', 'a'],
        ['B', 'b'],
      ]),
      input.choice(
        'orgs',
        'Organisaties',
        [
          ['LT', 'lt'],
          ['VT', 'vt'],
        ],
        { multi: true, required: false },
      ),
      input.text('question', 'Vraag'),
      input.date('deadline', 'Deadline'),
    ],
    [showCard('Besluit', [input.text('decision', 'Besluit')], execute('Vastleggen', 'x.decide', { caseRef: 'X' }))],
  );

  it('puts each submitted value back into its own input, folded-in forms included, and the problem on top', () => {
    const card = keepChoices(
      form,
      { trigger: 'B', orgs: 'VT', question: 'Wie beslist?', deadline: '2026-06-10', decision: 'Zo', caseRef: 'X' },
      'Kies een deadline vandaag of later.',
      { keepTyping: true },
    );
    const inputs = inputsOf(card);
    expect(inputs.get('trigger')?.value).toBe('B');
    expect(inputs.get('orgs')?.value).toBe('VT');
    expect(inputs.get('question')?.value).toBe('Wie beslist?');
    expect(inputs.get('deadline')?.value).toBe('2026-06-10');
    expect(inputs.get('decision')?.value).toBe('Zo');
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Kies een deadline vandaag of later.',
      color: 'Attention',
    });
    // The original form is not changed (builders may share parts).
    expect(inputsOf(form).get('trigger')?.value).toBeUndefined();
  });

  it('keeps only values the form offers, and no typed text when the guard refused it', () => {
    const card = keepChoices(form, { trigger: 'Z', orgs: 'VT,XX', question: 'Moeder Jansen' }, 'Geen namen.', {
      keepTyping: false,
    });
    const inputs = inputsOf(card);
    expect(inputs.get('trigger')?.value).toBeUndefined();
    expect(inputs.get('orgs')?.value).toBe('VT');
    expect(inputs.get('question')?.value).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('Jansen');
  });
});

describe('forms answered with a problem keep the choices (over HTTP)', () => {
  let t: TestBot;
  let caseRef: string;
  let caseId: number;
  beforeAll(async () => {
    t = await startCaseBot();
    const c = arnhemCase(t);
    caseRef = c.ref;
    caseId = c.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const cardAnswer = (res: { status: number; body: unknown }) => {
    expect(res.status).toBe(200);
    expect(invokeAnswer(res).type).toBe(CARD_TYPE);
    return cardOf(res.body)!;
  };

  it('escalation: a question with a name comes back as the form with trigger and organisations kept, the text not', async () => {
    const before = t.bot.ctx.store.escalations.ofCase(caseId).length;
    const res = await press(t, 'lt-arn', 'escalation.start', {
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      orgs: 'LT,VT',
      question: 'Moeder Fatima el Amrani wil niet meewerken',
    });
    const card = cardAnswer(res);
    const inputs = inputsOf(card);
    expect(inputs.get('trigger')?.value).toBe('PROFESSIONAL_DILEMMA');
    expect(inputs.get('orgs')?.value).toBe('LT,VT');
    expect(inputs.get('question')?.value).toBeUndefined();
    expect(allText(card)).not.toContain('Amrani');
    expect(allText(card)).toMatch(/naam/i);
    expect(t.bot.ctx.store.escalations.ofCase(caseId)).toHaveLength(before);
  });

  it('handover: the same person twice comes back with the moment and both people kept', async () => {
    const res = await press(t, 'lt-arn', 'handover.start', { caseRef, moment: 'H4', from: 'lt-arn', to: 'lt-arn' });
    const inputs = inputsOf(cardAnswer(res));
    expect(inputs.get('moment')?.value).toBe('H4');
    expect(inputs.get('from')?.value).toBe('lt-arn');
    expect(inputs.get('to')?.value).toBe('lt-arn');
    expect(t.bot.ctx.store.handovers.ofCase(caseId).filter((h) => h.state === 'open')).toHaveLength(0);
  });

  it('event: a date in the past comes back as that event’s form with the other fields kept', async () => {
    const res = await press(t, 'lt-arn', 'case.recordEvent', {
      caseRef,
      event: 'bridging_agreed',
      member: 'lt-arn',
      until: '2020-01-01',
    });
    const card = cardAnswer(res);
    const inputs = inputsOf(card);
    expect(inputs.get('member')?.value).toBe('lt-arn');
    expect(inputs.get('until')?.value).toBe('2020-01-01');
    expect(allText(card)).toMatch(/einddatum/i);
  });

  it('close: a reason with a name comes back as the confirmation; the case stays open', async () => {
    const res = await press(t, 'lt-arn', 'case.closeConfirm', { caseRef, closeReason: 'Gezin Jansen is verhuisd' });
    const card = cardAnswer(res);
    expect(allText(card)).toContain('sluiten?');
    expect(allText(card)).not.toContain('Jansen');
    expect(t.bot.ctx.store.cases.byId(caseId)!.closedAt).toBeNull();
  });

  it('decision: a deadline in the past comes back as the escalation card with the decision form filled in', async () => {
    const started = await press(t, 'lt-arn', 'escalation.start', {
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      orgs: 'LT,VT',
      question: 'Wie neemt de regie bij het veiligheidsplan?',
    });
    expect(allText(cardAnswer(started))).toContain('Escalatie gestart');
    const seq = t.bot.ctx.store.escalations.ofCase(caseId).at(-1)!.seq;
    const res = await press(t, 'lt-arn', 'escalation.decide', {
      caseRef,
      escalation: String(seq),
      decision: 'LT houdt de regie',
      owner: 'lt-arn',
      deadline: '2020-01-01',
      familyInformed: 'no',
    });
    const card = cardAnswer(res);
    const inputs = inputsOf(card);
    expect(inputs.get('decision')?.value).toBe('LT houdt de regie');
    expect(inputs.get('owner')?.value).toBe('lt-arn');
    expect(inputs.get('familyInformed')?.value).toBe('no');
    expect(allText(card)).toContain('Kies een deadline vandaag of later.');
    expect(t.bot.ctx.store.escalations.ofCase(caseId).at(-1)!.state).toBe('open');
  });

  it('someone without access gets the plain refusal, never the form', async () => {
    const before = t.bot.ctx.store.escalations.ofCase(caseId).length;
    const res = await press(t, STRANGER, 'escalation.start', {
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Moeder Fatima el Amrani',
    });
    expect(res.status).toBe(200);
    expect(invokeAnswer(res).type).toBe(MESSAGE_TYPE);
    expect(allText(res.body)).not.toContain(caseRef);
    const other = await press(t, 'lt-doe', 'escalation.start', {
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Moeder Fatima el Amrani',
    });
    expect(invokeAnswer(other).type).toBe(MESSAGE_TYPE);
    expect(allText(other.body)).toContain('Casus niet gevonden of geen toegang.');
    expect(t.bot.ctx.store.escalations.ofCase(caseId)).toHaveLength(before);
    expect(auditOf(t, caseId).filter((r) => r.actor === 'lt-doe')).toHaveLength(0);
  });
});
