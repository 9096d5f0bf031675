import type { MemberId } from '../domain/types.js';

// Pacing for proactive delivery, pure: what the outbox loop (deliver-outbox.ts) asks before each send. Teams allows
// per conversation 7/1 s, 8/2 s, 60/30 s, 1 800/h and per app 50 requests/s. Pacing is measured from the START of each
// send, in sliding windows: over all sends and per recipient. A recipient still inside a window, or with a send in
// flight, is skipped for now and the next one goes; the loop only sleeps when nothing at all may go.

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

/** The windows of a pacing option: the sliding windows plus a minimum gap as a window of one. */
export function windowsOf(gapMs: number, windows: readonly RateWindow[]): RateWindow[] {
  const all = windows.filter((w) => w.count > 0 && w.ms > 0);
  if (gapMs > 0) all.push({ count: 1, ms: gapMs });
  return all;
}

/** Milliseconds from `now` until one more start fits every window (0: it fits now). `log` is sorted. */
export function waitFor(log: readonly number[], windows: readonly RateWindow[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    if (log.length < w.count) continue;
    wait = Math.max(wait, log[log.length - w.count]! + w.ms - now);
  }
  return wait;
}

/** Drops starts no window can see any more; a clock that went back (starts in the future) clears the log. */
export function trim(log: number[], now: number, windows: readonly RateWindow[]): void {
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

/**
 * The first queued delivery whose recipient is free (no send in flight) and outside their windows at `now`; busy
 * recipients are skipped, not waited on. Without one, `soonest` says how long until the first of them may go
 * (Infinity: every recipient has a send in flight).
 */
export function pickNext(
  queue: ReadonlyArray<{ recipientId: MemberId }>,
  pace: DeliveryPace,
  busy: (recipient: MemberId) => boolean,
  windows: readonly RateWindow[],
  now: number,
): { pick: number; soonest: number } {
  let soonest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < queue.length; i++) {
    const { recipientId } = queue[i]!;
    if (busy(recipientId)) continue;
    const log = pace.startsTo.get(recipientId);
    if (!log) return { pick: i, soonest: 0 };
    trim(log, now, windows);
    const wait = waitFor(log, windows, now);
    if (wait <= 0) return { pick: i, soonest: 0 };
    soonest = Math.min(soonest, wait);
  }
  return { pick: -1, soonest };
}

/** A send starts now: it counts in the global and the recipient's windows. */
export function recordStart(pace: DeliveryPace, recipient: MemberId, at: number): void {
  pace.starts.push(at);
  const log = pace.startsTo.get(recipient);
  if (log) log.push(at);
  else pace.startsTo.set(recipient, [at]);
}

/** Forgets recipients none of whose windows still sees a send (keeps the map small on a long-running worker). */
export function forgetIdle(pace: DeliveryPace, now: number, windows: readonly RateWindow[]): void {
  for (const [id, log] of pace.startsTo) {
    trim(log, now, windows);
    if (log.length === 0) pace.startsTo.delete(id);
  }
}
