import { afterEach, describe, expect, it } from 'vitest';
import { deliverOutbox, type DeliveryOptions } from '../../src/app/deliver-outbox.js';
import { createDeliveryPace } from '../../src/app/delivery-pace.js';
import { enqueueNotification } from '../../src/app/enqueue-notification.js';
import type { MessageSender, OutboundMessage, SendOutcome } from '../../src/app/ports.js';
import { aContext, aNudge, anAcute, at, type TestContext } from './test-context.js';

const open: TestContext[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** A sender that answers from a script per attempt, then 'sent'; records every attempt with the clock time. */
function scriptedSender(
  c: TestContext,
  script: SendOutcome[],
): MessageSender & { attempts: Array<{ m: OutboundMessage; at: number }> } {
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
  return {
    sender,
    sleep: async () => {},
    perRecipientGapMs: 0,
    globalGapMs: 0,
    maxAttempts: 5,
    random: () => 0.5,
    ...extra,
  };
}

function states(c: TestContext) {
  return c.database.sqlite
    .prepare('SELECT recipient_id AS r, state, attempts, next_attempt_at AS next FROM deliveries ORDER BY id')
    .all() as Array<{ r: string; state: string; attempts: number; next: number }>;
}

describe('durable delivery of the outbox', () => {
  it('honours Retry-After on a 429 and delivers once the time has come', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge() });
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

  it('backs off with jitter on 502 and 504 and gives up after maxAttempts; a 429 in between is not counted', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge() });
    const sender = scriptedSender(c, [
      { kind: 'retry', status: 429 },
      { kind: 'retry', status: 502 },
      { kind: 'retry', status: 504 },
      { kind: 'retry', status: 502 },
    ]);
    await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    const first = states(c)[0]!;
    expect(first.next - at('2026-05-13T10:00')).toBe(1000); // 429 without Retry-After: 1 s × 2^0, jitter factor 1.0 at random 0.5
    expect(first.attempts).toBe(0); // throttling is not an attempt
    c.setNow(first.next);
    await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    const second = states(c)[0]!;
    expect([second.attempts, second.next - first.next]).toEqual([1, 1000]); // the first failed attempt: 1 s
    c.setNow(second.next);
    await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    const third = states(c)[0]!;
    expect([third.attempts, third.next - second.next]).toEqual([2, 2000]); // then 2 s
    c.setNow(third.next);
    const r = await deliverOutbox(c.ctx, options(sender, { maxAttempts: 3 }));
    expect(r.failed).toBe(1);
    expect(states(c)[0]!.state).toBe('failed');
    // Four tries, then the team lead hears the person could not be reached.
    expect(sender.attempts.map((a) => `${a.m.kind}:${a.m.recipientId}`)).toEqual([
      ...Array(4).fill('nudge:gi-arn'),
      'notice:lead-gi-1',
    ]);
  });

  it('never gives up on throttling: 429s and 412s do not use up maxAttempts', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge() });
    const throttled: SendOutcome[] = Array.from({ length: 12 }, (_, i) => ({
      kind: 'retry',
      status: i % 3 === 2 ? 412 : 429,
    }));
    const sender = scriptedSender(c, throttled);
    const pace = createDeliveryPace(); // kept across drains, as the worker does: the backoff keeps growing
    const gaps: number[] = [];
    for (let i = 0; i < 13; i++) {
      const before = states(c)[0]!;
      if (before.state !== 'pending') break;
      c.setNow(Math.max(before.next, c.ctx.clock.now()));
      await deliverOutbox(c.ctx, options(sender, { maxAttempts: 2, pace }));
      const after = states(c)[0]!;
      if (after.state === 'pending') gaps.push(after.next - c.ctx.clock.now());
    }
    expect(states(c)[0]).toMatchObject({ state: 'sent', attempts: 0 });
    expect(sender.attempts).toHaveLength(13);
    expect(gaps.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000]); // exponential backoff with (here: neutral) jitter
  });

  it('pauses the whole drain until Retry-After on a 429, then goes on with the others', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    const t0 = at('2026-05-13T10:00');
    for (const r of ['gi-arn', 'lt-arn', 'vt-arn'])
      enqueueNotification(c.ctx, { caseId: null, recipients: [r], payload: aNudge() });
    const sender = scriptedSender(c, [{ kind: 'retry', status: 429, retryAfterMs: 2000 }]);
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      c.setNow(c.ctx.clock.now() + ms); // simulated time: a sleep moves the clock
    };
    const r = await deliverOutbox(c.ctx, options(sender, { sleep }));
    expect(r).toEqual({ sent: 2, retried: 1, failed: 0 });
    expect(sender.attempts.map((a) => [a.m.recipientId, a.at - t0])).toEqual([
      ['gi-arn', 0],
      ['lt-arn', 2000], // nothing went out during the pause
      ['vt-arn', 2000],
    ]);
    expect(sleeps).toEqual([2000]);
    expect(states(c)[0]).toMatchObject({ r: 'gi-arn', state: 'pending', attempts: 0, next: t0 + 2000 + 125 });
  });

  it('paces from the start of each send at the global rate, whatever a send takes', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    const t0 = at('2026-05-13T10:00');
    const recipients = [
      'gi-arn',
      'lt-arn',
      'vt-arn',
      'rvdk-arn',
      'lt-ren',
      'vt-ren',
      'gi-ren',
      'lead-gi-1',
      'lead-lt-1',
      'lead-vt-1',
    ];
    for (let i = 0; i < 3; i++)
      for (const r of recipients) enqueueNotification(c.ctx, { caseId: null, recipients: [r], payload: aNudge(i) });
    const starts: number[] = [];
    const sender: MessageSender = {
      async send() {
        starts.push(c.ctx.clock.now());
        c.setNow(c.ctx.clock.now() + 30); // every send takes 30 ms
        return { kind: 'sent' };
      },
    };
    const sleep = async (ms: number) => c.setNow(c.ctx.clock.now() + ms);
    const r = await deliverOutbox(c.ctx, options(sender, { sleep, globalPerSecond: 8, globalGapMs: 50 }));
    expect(r.sent).toBe(30);
    const rel = starts.map((s) => s - t0);
    // Starts 50 ms apart (not 50 + 30), at most 8 in any 1 s (+ margin) window: 8 per 1 020 ms.
    expect(rel.slice(0, 9)).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 1020]);
    for (let i = 8; i < rel.length; i++) expect(rel[i]! - rel[i - 8]!).toBeGreaterThanOrEqual(1020);
    for (let i = 1; i < rel.length; i++) expect(rel[i]! - rel[i - 1]!).toBeGreaterThanOrEqual(50);
    expect(rel[29]).toBe(3 * 1020 + 5 * 50); // 30 = 8 + 8 + 8 + 6: as fast as the windows allow
  });

  it('skips a recipient still inside their window instead of holding up everyone behind them', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    const t0 = at('2026-05-13T10:00');
    for (let i = 0; i < 3; i++)
      enqueueNotification(c.ctx, { caseId: null, recipients: ['lead-gi-1'], payload: aNudge(i) });
    for (const r of ['gi-arn', 'lt-arn', 'vt-arn'])
      enqueueNotification(c.ctx, { caseId: null, recipients: [r], payload: aNudge() });
    const sender = scriptedSender(c, []);
    const sleep = async (ms: number) => c.setNow(c.ctx.clock.now() + ms);
    await deliverOutbox(
      c.ctx,
      options(sender, { sleep, perRecipientGapMs: 550, perRecipientWindows: [{ count: 2, ms: 2000 }] }),
    );
    expect(sender.attempts.map((a) => [a.m.recipientId, a.at - t0])).toEqual([
      ['lead-gi-1', 0],
      ['gi-arn', 0],
      ['lt-arn', 0],
      ['vt-arn', 0],
      ['lead-gi-1', 550],
      ['lead-gi-1', 2000], // the 2-per-2-s window
    ]);
  });

  it('keeps several sends in flight, never two to the same person, and marks each as it returns', async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    for (const r of ['gi-arn', 'gi-arn', 'lt-arn', 'vt-arn', 'rvdk-arn', 'lt-ren'])
      enqueueNotification(c.ctx, { caseId: null, recipients: [r], payload: aNudge() });
    const waiting: Array<{ m: OutboundMessage; done: (o: SendOutcome) => void }> = [];
    let maxConcurrent = 0;
    const sender: MessageSender = {
      send: (m) =>
        new Promise<SendOutcome>((done) => {
          expect(waiting.some((w) => w.m.recipientId === m.recipientId)).toBe(false);
          waiting.push({ m, done });
          maxConcurrent = Math.max(maxConcurrent, waiting.length);
        }),
    };
    const drain = deliverOutbox(c.ctx, options(sender, { maxInFlight: 3 }));
    const settle = async () => new Promise((r) => setTimeout(r, 5));
    await settle();
    expect(waiting.map((w) => w.m.recipientId)).toEqual(['gi-arn', 'lt-arn', 'vt-arn']); // the second gi-arn waits its turn
    // The middle one returns first: it alone is marked; the others are still pending.
    waiting.splice(1, 1)[0]!.done({ kind: 'sent' });
    await settle();
    expect(states(c).map((s) => s.state)).toEqual(['pending', 'pending', 'sent', 'pending', 'pending', 'pending']);
    while (waiting.length > 0) {
      waiting.shift()!.done({ kind: 'sent' });
      await settle();
    }
    expect(await drain).toEqual({ sent: 6, retried: 0, failed: 0 });
    expect(maxConcurrent).toBe(3);
  });

  it("treats 403 as final and tells the person's team lead", async () => {
    const c = aContext({ now: '2026-05-13T10:00' });
    open.push(c);
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge(1, 'CG-ARN-2026-0001') });
    const sender = scriptedSender(c, [{ kind: 'final', status: 403, reason: 'blocked' }]);
    const r = await deliverOutbox(c.ctx, options(sender));
    expect(r).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(sender.attempts.map((a) => `${a.m.kind}:${a.m.recipientId}`)).toEqual(['nudge:gi-arn', 'notice:lead-gi-1']);
  });

  it('keeps messages outside office hours until the next office-hours start; acute goes at once', async () => {
    const c = aContext({ now: '2026-05-15T20:00' }); // Friday evening
    open.push(c);
    enqueueNotification(c.ctx, { caseId: null, recipients: ['gi-arn'], payload: aNudge() });
    enqueueNotification(c.ctx, { caseId: null, recipients: ['lead-gi-1'], payload: anAcute(), urgent: true });
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
    for (let i = 0; i < 10; i++) enqueueNotification(c.ctx, { caseId: null, recipients, payload: aNudge(i) });
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
