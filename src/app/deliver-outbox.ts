import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { enqueueNotification } from './enqueue-notification.js';
import type { MessageSender, SendOutcome } from './ports.js';
import { retryWhenBusy } from './retry-when-busy.js';
import type { PendingDelivery } from './store.js';

// Durable delivery: rows are read from the outbox after commit and marked per recipient as each send
// returns. A crash between a send and its mark re-sends that message at most (the sends in flight); nothing is lost.
//
// Pacing (Teams: per conversation 7/1 s, 8/2 s, 60/30 s, 1 800/h; per app 50 requests/s) is measured from the START of
// each send, in sliding windows: over all sends (`globalPerSecond`, `globalGapMs`) and per recipient
// (`perRecipientWindows`, `perRecipientGapMs`). A row whose recipient is still inside a window, or has a send in
// flight, is skipped for now and the next row goes; the drain only sleeps when nothing at all may go. Up to
// `maxInFlight` sends run at once, never two to the same person. Throttling (429, 412) is tried again later without
// counting as an attempt, and a 429 pauses the whole drain until its Retry-After (or a backoff): the per-app limit is
// shared by everyone. 5xx and network errors count towards `maxAttempts`; 403/404 are final.

/** At most `count` send starts within any `ms` milliseconds. */
export interface RateWindow {
  count: number;
  ms: number;
}

/** Teams' per-conversation limits (7/1 s, 8/2 s, 60/30 s, 1 800/h), each with a margin. */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { count: 6, ms: 1_000 },
  { count: 7, ms: 2_000 },
  { count: 55, ms: 30_000 },
  { count: 1_700, ms: 3_600_000 },
];

/** `globalPerSecond` counts sends in a window this much longer than a second: room for network jitter. */
export const GLOBAL_WINDOW_MARGIN_MS = 20;

/** Answers that mean "slow down", not "broken": tried again without counting as an attempt. */
const THROTTLING: ReadonlySet<number> = new Set([429, 412]);

/** A pause longer than this is a clock that jumped back, not a Retry-After: it is cut to this. */
const MAX_PAUSE_MS = 300_000;
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

/** What pacing remembers between sends (and, kept by the worker, between drains). */
export interface DeliveryPace {
  /** Start times of recent sends, oldest first. */
  starts: number[];
  /** Start times of recent sends per recipient, oldest first. */
  startsTo: Map<MemberId, number[]>;
  /** No send starts before this instant (after a 429). */
  pausedUntil: number;
  /** 429s since the last successful send: the backoff of a 429 without Retry-After. */
  throttleStreak: number;
  /** Per recipient, throttled answers since their last successful send: the backoff of their retries. */
  throttledTo: Map<MemberId, number>;
}

export function createDeliveryPace(): DeliveryPace {
  return {
    starts: [],
    startsTo: new Map(),
    pausedUntil: Number.NEGATIVE_INFINITY,
    throttleStreak: 0,
    throttledTo: new Map(),
  };
}

/**
 * How long a send's mark may wait for a database held by another process. Longer than a turn's wait (the message is
 * out: an unwritten mark sends it again), shorter than the bot's 25 s shutdown grace (stop() waits for the marks).
 */
const MARK_BUSY_DEADLINE_MS = 20_000;

export function backoffMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs + Math.floor(random() * 250);
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.floor(base * (0.8 + 0.4 * random())); // ±20 % jitter so retries of many messages spread out
}

/** Milliseconds from `now` until one more start fits every window (0: it fits now). `log` is sorted. */
function waitFor(log: readonly number[], windows: readonly RateWindow[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    if (log.length < w.count) continue;
    wait = Math.max(wait, log[log.length - w.count]! + w.ms - now);
  }
  return wait;
}

/** Drops starts no window can see any more; a clock that went back (starts in the future) clears the log. */
function trim(log: number[], now: number, windows: readonly RateWindow[]): void {
  if (log.length > 0 && log[log.length - 1]! > now) log.length = 0;
  let keepMs = 0;
  let keepCount = 0;
  for (const w of windows) {
    keepMs = Math.max(keepMs, w.ms);
    keepCount = Math.max(keepCount, w.count);
  }
  let drop = Math.max(0, log.length - keepCount);
  while (drop < log.length && log[drop]! <= now - keepMs) drop++;
  if (drop > 0) log.splice(0, drop);
}

function windowsOf(gapMs: number, windows: readonly RateWindow[]): RateWindow[] {
  const all = windows.filter((w) => w.count > 0 && w.ms > 0);
  if (gapMs > 0) all.push({ count: 1, ms: gapMs });
  return all;
}

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
    if (outcome.kind === 'sent') {
      ctx.store.outbox.markSent(d.deliveryId, at);
      pace.throttleStreak = 0;
      pace.throttledTo.delete(d.recipientId);
      report.sent++;
    } else if (outcome.kind === 'retry' && THROTTLING.has(outcome.status)) {
      // Throttled: later, as often as it takes; it is not an attempt that failed.
      const times = pace.throttledTo.get(d.recipientId) ?? 0;
      pace.throttledTo.set(d.recipientId, times + 1);
      ctx.store.outbox.markThrottled(
        d.deliveryId,
        at + backoffMs(times, o.random, outcome.retryAfterMs),
        `status ${outcome.status}`,
      );
      if (outcome.status === 429) {
        const pauseMs =
          outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0
            ? outcome.retryAfterMs
            : backoffMs(pace.throttleStreak, o.random);
        pace.throttleStreak++;
        pace.pausedUntil = Math.max(pace.pausedUntil, at + Math.min(pauseMs, MAX_PAUSE_MS));
        ctx.logger.info({ deliveryId: d.deliveryId, pauseMs }, 'throttled by Teams: delivery paused');
      }
      report.retried++;
    } else if (outcome.kind === 'retry' && d.attempts + 1 < o.maxAttempts) {
      ctx.store.outbox.markRetry(
        d.deliveryId,
        at + backoffMs(d.attempts, o.random, outcome.retryAfterMs),
        `status ${outcome.status}`,
      );
      report.retried++;
    } else {
      const reason =
        outcome.kind === 'final' ? outcome.reason : `gaf op na ${o.maxAttempts} pogingen (status ${outcome.status})`;
      ctx.store.transaction(() => {
        ctx.store.outbox.markFailed(d.deliveryId, reason);
        if (d.kind !== 'notice') tellLead(ctx, d.recipientId, d.caseId, d.payload);
      });
      // `error`: someone was not told, for good. This is the line to alert on (docs/deploy.md); no recipient, no content.
      ctx.logger.error(
        {
          deliveryId: d.deliveryId,
          outboxId: d.outboxId,
          kind: d.kind,
          status: outcome.status,
          attempts: d.attempts + 1,
          reason,
        },
        'delivery failed for good',
      );
      report.failed++;
    }
  };

  const dispatch = (d: PendingDelivery, startedAt: number) => {
    pace.starts.push(startedAt);
    const log = pace.startsTo.get(d.recipientId);
    if (log) log.push(startedAt);
    else pace.startsTo.set(d.recipientId, [startedAt]);
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
        ctx.logger.debug({ deliveryId: d.deliveryId, err: String(err) }, 'send threw');
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
    let pick = -1;
    let soonest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < queue.length; i++) {
      const d = queue[i]!;
      if (inFlight.has(d.recipientId)) continue;
      const log = pace.startsTo.get(d.recipientId);
      if (!log) {
        pick = i;
        break;
      }
      trim(log, t, recipientWindows);
      const wait = waitFor(log, recipientWindows, t);
      if (wait <= 0) {
        pick = i;
        break;
      }
      soonest = Math.min(soonest, wait);
    }
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

/** Forgets recipients none of whose windows still sees a send (keeps the map small on a long-running worker). */
function forgetIdle(pace: DeliveryPace, now: number, windows: readonly RateWindow[]): void {
  for (const [id, log] of pace.startsTo) {
    trim(log, now, windows);
    if (log.length === 0) pace.startsTo.delete(id);
  }
}

/**
 * When the bot cannot reach someone for good (they blocked or removed it: 403), their team lead hears so, without case
 * content. For an acute alert the reporter hears it at once too, at any hour: they depend on it.
 */
function tellLead(ctx: AppContext, recipientId: string, caseId: number | null, payload: Record<string, unknown>): void {
  const about = typeof payload.kind === 'string' ? payload.kind : null;
  const notice = {
    kind: 'notice' as const,
    notice: 'unreachable' as const,
    member: recipientId,
    caseRef: typeof payload.caseRef === 'string' ? payload.caseRef : null,
    about,
  };
  enqueueNotification(ctx, { caseId, recipients: [ctx.roster.leadOf(recipientId)?.id], payload: notice });
  if (about === 'acute' && typeof payload.raisedBy === 'string' && payload.raisedBy !== recipientId) {
    enqueueNotification(ctx, { caseId, recipients: [payload.raisedBy], payload: notice, urgent: true });
  }
}
