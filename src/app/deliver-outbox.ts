import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import type { MessageSender, SendOutcome } from './ports.js';
import { retryWhenBusy } from './retry-when-busy.js';
import type { PendingDelivery } from './store.js';
import {
  createDeliveryPace,
  forgetIdle,
  GLOBAL_WINDOW_MARGIN_MS,
  pickNext,
  recordStart,
  trim,
  waitFor,
  windowsOf,
  type DeliveryPace,
  type RateWindow,
} from './delivery-pace.js';
import { errorFields } from './error-fields.js';
import { MAX_PAUSE_MS, planDeliveryOutcome } from './plan-delivery-outcome.js';
import { tellAboutFailedDelivery } from './tell-about-failed-delivery.js';

// Durable delivery: rows are read from the outbox after commit and marked per recipient as each send
// returns. A crash between a send and its mark re-sends that message at most (the sends in flight); nothing is lost.
//
// This file is the loop; what it decides is pure and tested on its own: whom to send to next and when
// (delivery-pace.ts: sliding windows over all sends and per recipient, measured from the start of each send), what
// a send's answer means for its delivery (plan-delivery-outcome.ts: sent, throttled, retried or given up), and what
// follows a delivery given up (plan-failed-delivery.ts: who is told, and the case thread). Up to
// `maxInFlight` sends run at once, never two to the same person.

const MAX_FETCH = 5_000;

export interface DeliveryOptions {
  sender: MessageSender;
  /** Waits between sends; the replayer passes one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** Minimum gap between the starts of two sends to the same person (0: none). */
  perRecipientGapMs: number;
  /** Minimum gap between the starts of any two sends (0: none). */
  globalGapMs: number;
  /** Attempts that failed with 5xx or a network error before a delivery is given up; throttling does not count. */
  maxAttempts: number;
  random: () => number;
  /** How many pending rows to read at a time (default 100). */
  batchSize?: number;
  /** At most this many send starts in any second (plus GLOBAL_WINDOW_MARGIN_MS), over all recipients; 0 or absent: no cap. */
  globalPerSecond?: number;
  /** Sliding windows per recipient, e.g. TEAMS_CONVERSATION_WINDOWS; absent: none. */
  perRecipientWindows?: readonly RateWindow[];
  /** Sends in flight at once, never two to the same person (default 1: one after the other). */
  maxInFlight?: number;
  /** Pacing and throttling state that outlives a drain (the worker keeps one); default: a fresh one per drain. */
  pace?: DeliveryPace;
  /** When aborted, no new send starts; those in flight finish and are marked. */
  signal?: AbortSignal;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * How long a send's mark may wait for a database held by another process. Longer than a turn's wait (the message is
 * out: an unwritten mark sends it again), shorter than the bot's 25 s shutdown grace (stop() waits for the marks).
 */
const MARK_BUSY_DEADLINE_MS = 20_000;

export async function deliverOutbox(ctx: AppContext, o: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const pace = o.pace ?? createDeliveryPace();
  const maxInFlight = Math.max(1, Math.floor(o.maxInFlight ?? 1));
  const globalWindows = windowsOf(
    o.globalGapMs,
    o.globalPerSecond ? [{ count: o.globalPerSecond, ms: 1_000 + GLOBAL_WINDOW_MARGIN_MS }] : [],
  );
  const recipientWindows = windowsOf(o.perRecipientGapMs, o.perRecipientWindows ?? []);
  const batchSize = Math.max(1, o.batchSize ?? 100);

  const inFlight = new Map<MemberId, Promise<void>>(); // by recipient: never two to the same person
  const inFlightIds = new Set<number>();
  let failure: { error: unknown } | undefined; // marking a delivery failed (e.g. the database went away)
  // Pacing counts a sleep as elapsed even when the clock stands still (the replayer keeps simulated time still).
  let slept = Number.NEGATIVE_INFINITY;
  const now = () => Math.max(ctx.clock.now(), slept);
  const rest = async (ms: number, orFirstDone: boolean) => {
    const until = now() + ms;
    const sleeping = o.sleep(ms).then(() => {
      slept = Math.max(slept, until);
    });
    await (orFirstDone && inFlight.size > 0 ? Promise.race([sleeping, ...inFlight.values()]) : sleeping);
  };

  let queue: PendingDelivery[] = [];
  let fetchLimit = batchSize;
  let fresh = false; // the queue was read after the last wait
  const refill = () => {
    const at = ctx.clock.now();
    queue = ctx.store.outbox
      .pending(at, ctx.calendar.isOfficeTime(at), fetchLimit + inFlightIds.size)
      .filter((d) => !inFlightIds.has(d.deliveryId));
    fresh = true;
  };

  const settle = (d: PendingDelivery, outcome: SendOutcome) => {
    const at = ctx.clock.now();
    const plan = planDeliveryOutcome(outcome, d, { maxAttempts: o.maxAttempts, random: o.random, at }, pace);
    switch (plan.mark) {
      case 'sent':
        ctx.store.outbox.markSent(d.deliveryId, at);
        report.sent++;
        return;
      case 'throttled':
        // Throttled: later, as often as it takes; it is not an attempt that failed.
        ctx.store.outbox.markThrottled(d.deliveryId, plan.nextAttemptAt, plan.note);
        if (plan.pauseMs !== undefined)
          ctx.logger.info({ deliveryId: d.deliveryId, pauseMs: plan.pauseMs }, 'throttled by Teams: delivery paused');
        report.retried++;
        return;
      case 'retry':
        ctx.store.outbox.markRetry(d.deliveryId, plan.nextAttemptAt, plan.note);
        report.retried++;
        return;
      case 'failed':
        ctx.store.transaction(() => {
          ctx.store.outbox.markFailed(d.deliveryId, plan.reason);
          tellAboutFailedDelivery(ctx, { ...d, urgent: d.ignoresOfficeHours });
        });
        // `error`: someone was not told, for good. The line to alert on (docs/deploy.md); no recipient, no content.
        ctx.logger.error(
          {
            deliveryId: d.deliveryId,
            outboxId: d.outboxId,
            kind: d.kind,
            status: outcome.kind === 'sent' ? undefined : outcome.status,
            attempts: d.attempts + 1,
            reason: plan.reason,
          },
          'delivery failed for good',
        );
        report.failed++;
    }
  };

  const dispatch = (d: PendingDelivery, startedAt: number) => {
    recordStart(pace, d.recipientId, startedAt);
    inFlightIds.add(d.deliveryId);
    const task = (async () => {
      let outcome: SendOutcome;
      try {
        outcome = await o.sender.send({
          outboxId: d.outboxId,
          deliveryId: d.deliveryId,
          kind: d.kind,
          recipientId: d.recipientId,
          payload: d.payload,
        });
      } catch (err) {
        outcome = { kind: 'retry', status: 0 };
        ctx.logger.debug({ deliveryId: d.deliveryId, err: errorFields(err) }, 'send threw');
      }
      // The message is out: its mark must be written, or it goes out again. Another writer holding the database
      // (SQLITE_BUSY past the busy timeout) is waited out here, without blocking the event loop, and with real
      // timers: a stopping worker's sleep returns at once, and the mark must still wait for the lock.
      try {
        await retryWhenBusy(() => settle(d, outcome), { random: o.random, deadlineMs: MARK_BUSY_DEADLINE_MS });
      } catch (error) {
        failure ??= { error };
      }
    })().finally(() => {
      inFlight.delete(d.recipientId);
      inFlightIds.delete(d.deliveryId);
    });
    inFlight.set(d.recipientId, task);
  };

  for (;;) {
    if (failure || o.signal?.aborted) break;
    if (queue.length === 0) refill();
    if (queue.length === 0) {
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
      fresh = false;
      continue;
    }
    const t = now();
    if (pace.pausedUntil > t + MAX_PAUSE_MS) pace.pausedUntil = t + MAX_PAUSE_MS;
    if (pace.pausedUntil > t) {
      await rest(pace.pausedUntil - t, false);
      fresh = false;
      continue;
    }
    if (inFlight.size >= maxInFlight) {
      await Promise.race(inFlight.values());
      fresh = false;
      continue;
    }
    trim(pace.starts, t, globalWindows);
    const globalWait = waitFor(pace.starts, globalWindows, t);
    if (globalWait > 0) {
      await rest(globalWait, false);
      fresh = false;
      continue;
    }
    // The first row whose recipient is free and outside their windows; busy recipients are skipped, not waited on.
    const { pick, soonest } = pickNext(queue, pace, (r) => inFlight.has(r), recipientWindows, t);
    if (pick < 0) {
      if (!fresh) {
        refill(); // rows may have come in (or fallen due) while we waited
      } else if (queue.length >= fetchLimit && fetchLimit < MAX_FETCH) {
        fetchLimit = Math.min(MAX_FETCH, fetchLimit * 4); // a full page of busy recipients: look further down the queue
        refill();
      } else {
        if (Number.isFinite(soonest)) await rest(soonest, true);
        else await Promise.race(inFlight.values());
        fresh = false;
      }
      continue;
    }
    const d = queue.splice(pick, 1)[0]!;
    if (!d.ignoresOfficeHours && !ctx.calendar.isOfficeTime(ctx.clock.now())) continue; // office hours ended: it stays pending
    dispatch(d, t);
    if (pace.startsTo.size > 10_000) forgetIdle(pace, t, recipientWindows);
  }
  await Promise.allSettled(inFlight.values());
  if (failure) throw failure.error;
  return report;
}
