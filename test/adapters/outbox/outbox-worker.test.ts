import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/adapters/outbox/create-outbox-worker.js';
import { enqueueNotification } from '../../../src/app/enqueue-notification.js';
import type { MessageSender, SendOutcome } from '../../../src/app/ports.js';
import { aContext, aNudge, at, type TestContext } from '../../app/test-context.js';

const open: TestContext[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function states(c: TestContext) {
  return c.database.sqlite.prepare('SELECT recipient_id AS r, state, attempts FROM deliveries ORDER BY id').all();
}

describe('the outbox worker', () => {
  it("keeps its pacing across drains: a second kick does not reset a person's window", async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    const t0 = at('2026-05-13T10:00');
    const starts: Array<[string, number]> = [];
    const sender: MessageSender = {
      async send(m) {
        starts.push([m.recipientId, c.ctx.clock.now() - t0]);
        return { kind: 'sent' };
      },
    };
    const worker = createOutboxWorker({
      ctx: c.ctx,
      sender,
      perRecipientGapMs: 550,
      globalGapMs: 0,
      sleep: async (ms) => c.setNow(c.ctx.clock.now() + ms),
    });
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge() });
    worker.kick();
    await worker.idle();
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn', 'lt-arn'], payload: aNudge() });
    worker.kick();
    await worker.idle();
    await worker.stop();
    expect(starts).toEqual([
      ['gi-arn', 0],
      ['lt-arn', 0],
      ['gi-arn', 550],
    ]);
  });

  it('stops at once during a 429 pause, and what was not sent stays pending', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    for (const r of ['gi-arn', 'lt-arn'])
      enqueueNotification(c.ctx, { caseId: null, recipients: [r], payload: aNudge() });
    const sender: MessageSender = {
      async send(m): Promise<SendOutcome> {
        return m.recipientId === 'gi-arn' ? { kind: 'retry', status: 429, retryAfterMs: 60_000 } : { kind: 'sent' };
      },
    };
    const worker = createOutboxWorker({ ctx: c.ctx, sender, maxInFlight: 1 }); // the real (interruptible) sleep
    worker.kick();
    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    await worker.stop();
    expect(Date.now() - before).toBeLessThan(1000);
    expect(states(c)).toEqual([
      { r: 'gi-arn', state: 'pending', attempts: 0 },
      { r: 'lt-arn', state: 'pending', attempts: 0 },
    ]);
  });
});
