import { afterEach, describe, expect, it } from 'vitest';
import { enqueueNotification } from '../../src/app/enqueue-notification.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

// What an operator alerts on (docs/deploy.md, "Alerts"): GET /readyz reports the outbox backlog and the oldest pending
// and oldest due delivery; a delivery that fails for good is logged at `error`, without recipient or content.

const T = Date.parse('2026-06-02T10:00:00+02:00'); // a Tuesday, in office hours (08:30–17:00)
const SATURDAY = Date.parse('2026-06-06T12:00:00+02:00');

const bots: TestBot[] = [];
afterEach(async () => {
  for (const t of bots.splice(0)) await t.stop();
});

async function botAt(start: number) {
  let now = start;
  const t = await startTestBot({ clock: { now: () => now }, scheduler: false });
  bots.push(t);
  return { t, setNow: (ms: number) => void (now = ms) };
}

describe('GET /readyz: the outbox backlog', () => {
  it('counts pending and due deliveries and says since when the oldest of each waits', async () => {
    const { t, setNow } = await botAt(T);
    const { store } = t.bot.ctx;
    const enqueue = (e: { at: number; notBefore: number; to: string[]; urgent?: boolean }) =>
      store.transaction(() =>
        store.outbox.enqueue({
          kind: 'notice',
          caseId: null,
          payload: { kind: 'notice', notice: 'unreachable', member: 'gi-arn', caseRef: null, about: null },
          recipients: e.to,
          createdAt: e.at,
          notBefore: e.notBefore,
          ignoresOfficeHours: e.urgent ?? false,
        }),
      );
    expect((await t.get('/readyz')).body).toEqual({
      status: 'ready',
      outbox: {
        pending: 0,
        due: 0,
        oldestPendingSince: null,
        oldestPendingAgeSeconds: null,
        oldestDueSince: null,
        oldestDueAgeSeconds: null,
        failed: 0,
      },
    });
    // Written at 09:50 for 09:55 to two people (due now), and at 09:59 for 11:00 (pending, not due yet).
    enqueue({ at: T - 600_000, notBefore: T - 300_000, to: ['lt-arn', 'vt-arn'] });
    enqueue({ at: T - 60_000, notBefore: T + 3_600_000, to: ['gi-arn'] });
    const tuesday = await t.get('/readyz');
    expect(tuesday.status).toBe(200);
    expect(tuesday.body).toEqual({
      status: 'ready',
      outbox: {
        pending: 3,
        due: 2,
        oldestPendingSince: '2026-06-02T07:50:00.000Z',
        oldestPendingAgeSeconds: 600,
        oldestDueSince: '2026-06-02T07:55:00.000Z',
        oldestDueAgeSeconds: 300,
        failed: 0,
      },
    });

    // Saturday noon: the office is closed, so only an acute (urgent) delivery is due; the others wait for Monday.
    setNow(SATURDAY);
    enqueue({ at: SATURDAY - 120_000, notBefore: SATURDAY - 120_000, to: ['rvdk-arn'], urgent: true });
    expect((await t.get('/readyz')).body).toEqual({
      status: 'ready',
      outbox: {
        pending: 4,
        due: 1,
        oldestPendingSince: '2026-06-02T07:50:00.000Z',
        oldestPendingAgeSeconds: 4 * 86_400 + 2 * 3_600 + 600,
        oldestDueSince: '2026-06-06T09:58:00.000Z',
        oldestDueAgeSeconds: 120,
        failed: 0,
      },
    });
  });

  it('leaves the backlog out when not ready', async () => {
    const { t } = await botAt(T);
    t.bot.database.close();
    expect(await t.get('/readyz')).toMatchObject({ status: 503, body: { status: 'not_ready' } });
    expect((await t.get('/readyz')).body).not.toHaveProperty('outbox');
  });
});

describe('a delivery that fails for good', () => {
  it('is logged at error (ids, kind, status, attempts and the reason; no recipient) and counted in /readyz', async () => {
    const { t } = await botAt(T);
    // vt-arn never chatted with the bot and no tenant is known to start a chat: the sender gives up at once.
    enqueueNotification(t.bot.ctx, {
      caseId: null,
      recipients: ['vt-arn'],
      payload: { kind: 'notice', notice: 'unreachable', member: 'gi-arn', caseRef: null, about: null },
    });
    const failed = () =>
      (
        t.bot.database.sqlite.prepare(`SELECT count(*) AS n FROM deliveries WHERE state = 'failed'`).get() as {
          n: number;
        }
      ).n;
    const deadline = Date.now() + 10_000;
    while (failed() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(failed()).toBe(1);

    const lines = t.logger.records.filter((r) => r.msg === 'delivery failed for good');
    expect(lines.map((r) => r.level)).toEqual(['error']);
    expect(lines[0]!.obj).toMatchObject({
      kind: 'notice',
      status: 0,
      attempts: 1,
      reason: expect.stringContaining('geen Teams-gesprek met deze persoon'),
    });
    expect(Object.keys(lines[0]!.obj).sort()).toEqual([
      'attempts',
      'deliveryId',
      'kind',
      'outboxId',
      'reason',
      'status',
    ]);
    expect(JSON.stringify(lines[0]!.obj)).not.toContain('vt-arn');
    expect((await t.get('/readyz')).body).toMatchObject({ outbox: { pending: 0, due: 0, failed: 1 } });
  });
});
