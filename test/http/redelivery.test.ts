import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardAction, personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';
import { openCase } from '../../src/app/open-case.js';

// Teams delivers an activity again when the bot answered too late. The second delivery of the same activity id in
// the same conversation does nothing: no second case, no second alarm; an invoke still gets an answer.

describe('a redelivered activity is a no-op', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ scheduler: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const casesIn = (municipality: string) =>
    (
      t.bot.database.sqlite.prepare('SELECT count(*) AS n FROM cases WHERE municipality = ?').get(municipality) as {
        n: number;
      }
    ).n;

  it('a message delivered twice opens one case and is answered once', async () => {
    const a = personalMessage('casus nieuw Renkum', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
    const before = t.repliesTo(personalConversationId(DEMO.ltArnhem)).length;
    expect((await t.post(a)).status).toBe(200);
    expect((await t.post(a)).status).toBe(200);
    expect(casesIn('Renkum')).toBe(1);
    expect(t.repliesTo(personalConversationId(DEMO.ltArnhem)).length - before).toBe(1);
    // The same text as a new activity (another id) is a new request.
    await t.post(personalMessage('casus nieuw Renkum', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    expect(casesIn('Renkum')).toBe(2);
  });

  it('a button press delivered twice takes effect once; the second gets "Dit is al verwerkt."', async () => {
    const ref = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const press = cardAction('acute.confirm', { caseRef: ref }, { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
    const acuteCount = () =>
      (
        t.bot.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'acute.%'").get() as {
          n: number;
        }
      ).n;
    const first = await t.post(press);
    expect(first.status).toBe(200);
    const after = acuteCount();
    expect(after).toBeGreaterThan(0);
    const second = await t.post(press);
    expect(second.status).toBe(200);
    expect(JSON.stringify(second.body)).toContain('Dit is al verwerkt.');
    expect(acuteCount()).toBe(after);
  });

  it('a delivery whose turn failed is tried again when it comes again: the failed turn wrote nothing', async () => {
    const a = personalMessage('casus nieuw Overbetuwe', { from: DEMO.ltArnhem, serviceUrl: t.connector.url });
    const insert = vi.spyOn(t.bot.ctx.store.cases, 'insert').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    try {
      expect((await t.post(a)).status).toBe(200);
      expect(casesIn('Overbetuwe')).toBe(0);
      expect(JSON.stringify(t.repliesTo(personalConversationId(DEMO.ltArnhem)).at(-1))).toContain('Er ging iets mis');
      expect((await t.post(a)).status).toBe(200);
      expect(casesIn('Overbetuwe')).toBe(1);
      // and once it took effect, a third delivery is a no-op again
      expect((await t.post(a)).status).toBe(200);
      expect(casesIn('Overbetuwe')).toBe(1);
    } finally {
      insert.mockRestore();
    }
  });
});
