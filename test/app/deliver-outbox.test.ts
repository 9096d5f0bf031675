import { afterEach, describe, expect, it } from 'vitest';
import { deliverOutbox, type DeliveryOptions } from '../../src/app/deliver-outbox.js';
import { enqueueNotification } from '../../src/app/enqueue-notification.js';
import type { MessageSender, OutboundMessage, SendOutcome } from '../../src/app/ports.js';
import { aContext, at, type TestContext } from './test-context.js';

const open: TestContext[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** A sender that answers from a script per attempt, then 'sent'; records every attempt with the clock time. */
function scriptedSender(c: TestContext, script: SendOutcome[]): MessageSender & { attempts: Array<{ m: OutboundMessage; at: number }> } {
  const attempts: Array<{ m: OutboundMessage; at: number }> = [];
  return {
    attempts,
    async send(m) {
      attempts.push({ m, at: c.ctx.clock.now() });
      return script.shift() ?? { kind: 'sent' };
    },
  };
}

function options(sender: MessageSender, extra: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return { sender, sleep: async () => {}, perRecipientGapMs: 0, globalGapMs: 0, maxAttempts: 5, random: () => 0.5, ...extra };
}

function states(c: TestContext) {
  return c.database.sqlite.prepare('SELECT recipient_id AS r, state, attempts, next_attempt_at AS next FROM deliveries ORDER BY id').all() as Array<{ r: string; state: string; attempts: number; next: number }>;
}

describe('durable delivery of the outbox', () => {
  it('honours Retry-After on a 429 and delivers once the time has come', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { kind: 'nudge', caseId: null, recipients: ['gi-arn'], payload: {} });
    const sender = scriptedSender(c, [{ kind: 'retry', status: 429, retryAfterMs: 30_000 }]);
    expect(await deliverOutbox(c.ctx, options(sender))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(states(c)[0]!.next).toBe(at('2026-05-13T10:00') + 30_000 + 125);
    c.setNow(at('2026-05-13T10:00') + 29_000);
    expect((await deliverOutbox(c.ctx, options(sender))).sent).toBe(0);
    c.setNow(at('2026-05-13T10:01'));
    expect((await deliverOutbox(c.ctx, options(sender))).sent).toBe(1);
    expect(sender.attempts).toHaveLength(2);
    expect(states(c)[0]!.state).toBe('sent');
  });

  it('backs off with jitter on a 429 without Retry-After and on 502, and gives up after maxAttempts', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { kind: 'nudge', caseId: null, recipients: ['gi-arn'], payload: {} });
    const sender = scriptedSender(c, [{ kind: 'retry', status: 429 }, { kind: 'retry', status: 502 }, { kind: 'retry', status: 502 }]);
    await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    const first = states(c)[0]!;
    expect(first.next - at('2026-05-13T10:00')).toBe(1000); // 1 s × 2^0, jitter factor 1.0 at random 0.5
    c.setNow(first.next);
    await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    expect(states(c)[0]!.next - first.next).toBe(2000);
    c.setNow(states(c)[0]!.next);
    const r = await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    expect(r.failed).toBe(1);
    expect(states(c)[0]!.state).toBe('failed');
  });

  it('treats 403 as final and tells the person\'s team lead', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { kind: 'nudge', caseId: null, recipients: ['gi-arn'], payload: { caseRef: 'CG-ARN-2026-0001' } });
    const sender = scriptedSender(c, [{ kind: 'final', status: 403, reason: 'blocked' }]);
    const r = await deliverOutbox(c.ctx, options(sender));
    expect(r).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(sender.attempts.map((a) => `${a.m.kind}:${a.m.recipientId}`)).toEqual(['nudge:gi-arn', 'notice:lead-gi-1']);
  });

  it('keeps messages outside office hours until the next office-hours start; acute goes at once', async () => {
    const c = aContext({ now: '2026-05-15T20:00' }); // Friday evening
    open.push(c);
    enqueueNotification(c.ctx, { kind: 'nudge', caseId: null, recipients: ['gi-arn'], payload: {} });
    enqueueNotification(c.ctx, { kind: 'acute', caseId: null, recipients: ['lead-gi-1'], payload: {}, urgent: true });
    const sender = scriptedSender(c, []);
    await deliverOutbox(c.ctx, options(sender));
    expect(sender.attempts.map((a) => a.m.kind)).toEqual(['acute']);
    c.setNow('2026-05-18T08:29'); // Monday
    await deliverOutbox(c.ctx, options(sender));
    expect(sender.attempts).toHaveLength(1);
    c.setNow('2026-05-18T08:30');
    await deliverOutbox(c.ctx, options(sender));
    expect(sender.attempts.map((a) => a.m.kind)).toEqual(['acute', 'nudge']);
  });

  it('loses nothing when the process dies in the middle of a drain', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    const recipients = ['lt-arn', 'vt-arn', 'gi-arn', 'rvdk-arn', 'lt-ren', 'vt-ren'];
    for (let i = 0; i < 10; i++) enqueueNotification(c.ctx, { kind: 'nudge', caseId: null, recipients, payload: { n: i } });
    let sends = 0;
    const dying: MessageSender = {
      async send() {
        // The 23rd send never returns: the process is killed while it is on the wire.
        if (++sends === 23) return new Promise<SendOutcome>(() => {});
        return { kind: 'sent' };
      },
    };
    // The drain is abandoned at the crash point: what was marked stays marked, the rest stays pending.
    void deliverOutbox(c.ctx, options(dying));
    await new Promise((r) => setTimeout(r, 50));
    c.close();
    const restarted = c.reopen();
    open.push(restarted);
    const sender = scriptedSender(restarted, []);
    await deliverOutbox(restarted.ctx, options(sender));
    const rows = states(restarted);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    // Only the send in flight at the crash can be repeated (the send window): at most one duplicate.
    expect(22 + sender.attempts.length).toBeGreaterThanOrEqual(60);
    expect(22 + sender.attempts.length).toBeLessThanOrEqual(61);
  });
});
