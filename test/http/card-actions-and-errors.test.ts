import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_ROSTER_TEXT, TURN_ERROR_TEXT, UNKNOWN_CARD_ACTION_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { commandSelector } from '../../src/adapters/teams/command-selector.js';
import { DomainError } from '../../src/domain/domain-error.js';
import { cardAction, personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

describe('card actions and the one error handler', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      registerRoutes: (app) => {
        app.message(commandSelector(/^kapot$/i), async () => {
          throw new Error('boom');
        });
        app.message(commandSelector(/^geweigerd$/i), async () => {
          throw new DomainError('TEST_REFUSED', 'Dat mag niet: test.');
        });
        app.adaptiveCards.actionExecute(
          'test.echo',
          async (_context, _state, data) => `ontvangen: ${JSON.stringify(data)}`,
        );
        app.adaptiveCards.actionExecute('test.boom', async () => {
          throw new Error('kaart kapot');
        });
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const act = (verb: string, from = DEMO.ltArnhem, data: Record<string, unknown> = { caseRef: 'CG-ARN-2026-0001' }) =>
    t.post(cardAction(verb, data, { from, serviceUrl: t.connector.url }));

  it('runs an Action.Execute handler for a roster member and returns its answer in the invoke response', async () => {
    const res = await act('test.echo');
    expect(res).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: MESSAGE_TYPE, value: 'ontvangen: {"caseRef":"CG-ARN-2026-0001"}' },
    });
  });

  it('answers a card action from someone not in the roster with the "not in the roster" text, without running the handler', async () => {
    const res = await act('test.echo', DEMO.stranger);
    expect(res).toMatchObject({ status: 200, body: { type: MESSAGE_TYPE, value: NOT_IN_ROSTER_TEXT } });
  });

  it('answers a card action no handler knows with a short text instead of a 501', async () => {
    const res = await act('nobody.knows');
    expect(res).toMatchObject({ status: 200, body: { type: MESSAGE_TYPE, value: UNKNOWN_CARD_ACTION_TEXT } });
  });

  it('answers a failing card action with the Dutch error sentence on the card and logs the failure', async () => {
    const res = await act('test.boom');
    expect(res).toMatchObject({ status: 200, body: { type: MESSAGE_TYPE, value: TURN_ERROR_TEXT } });
    expect(t.logger.records.some((r) => r.level === 'error' && r.msg === 'turn failed')).toBe(true);
  });

  it('answers a failing chat command once with the Dutch error sentence; the HTTP request still succeeds', async () => {
    const conv = personalConversationId(DEMO.ltArnhem);
    const before = t.repliesTo(conv).length;
    const res = await t.post(personalMessage('kapot', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    expect(
      t
        .repliesTo(conv)
        .slice(before)
        .map((a) => a.text),
    ).toEqual([TURN_ERROR_TEXT]);
  });

  it('answers a DomainError with its own sentence and logs its code', async () => {
    const conv = personalConversationId(DEMO.ltArnhem);
    const before = t.repliesTo(conv).length;
    await t.post(personalMessage('geweigerd', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(
      t
        .repliesTo(conv)
        .slice(before)
        .map((a) => a.text),
    ).toEqual(['Dat mag niet: test.']);
    expect(
      t.logger.records.some((r) => typeof r.obj === 'object' && (r.obj as { code?: string }).code === 'TEST_REFUSED'),
    ).toBe(true);
  });

  it('still answers 200 when the error sentence itself cannot be delivered (connector down)', async () => {
    t.connector.failConversation(personalConversationId(DEMO.ltArnhem), { status: 403 });
    try {
      const res = await t.post(personalMessage('kapot', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
      expect(res.status).toBe(200);
      expect(t.logger.records.some((r) => r.msg === 'could not tell the person about the error')).toBe(true);
    } finally {
      t.connector.failConversation(personalConversationId(DEMO.ltArnhem), undefined);
    }
  });
});
