// Another process (a backup, `npm run purge`, a second writer) may hold SQLite's write lock. better-sqlite3 waits
// for it synchronously, which blocks the whole event loop, so the bot's busy timeout is short (open-database.ts) and
// the longer wait happens here instead: between attempts, asynchronously, with backoff and jitter.

/** The old busy timeout: a write may wait this long in all before it fails as it did then. */
export const BUSY_DEADLINE_MS = 15_000;

/** SQLITE_BUSY and its extended codes (…_SNAPSHOT, …_RECOVERY, …_TIMEOUT), also when wrapped in an error's `cause`. */
export function isBusyError(err: unknown): boolean {
  let e = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    if (typeof message === 'string' && /database is locked/i.test(message)) return true;
    e = cause;
  }
  return false;
}

export interface BusyRetryOptions {
  /** Time allowed from the first attempt's start; no attempt starts later (default BUSY_DEADLINE_MS). */
  deadlineMs?: number;
  /** The first wait; it doubles up to `maxDelayMs` (defaults 25 and 500 ms). Each wait is jittered down to half. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Asked after each busy failure: may the work run again? (A turn that already answered, or wrote, may not.) */
  mayRetry?: (error: unknown) => boolean;
  /** Called before each wait (e.g. to log or count); `attempt` counts from 1. */
  onBusy?: (attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait after the `attempt`-th busy failure (from 0): doubling from `first` up to `max`, then jittered to 50–100 %. */
export function busyBackoffMs(attempt: number, random: () => number, first = 25, max = 500): number {
  const base = Math.min(max, first * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.5 + 0.5 * random())); // jitter, so that waiting turns do not retry in lockstep
}

/**
 * Runs `work`; when it fails because the database is busy, waits (without blocking the event loop) and runs it again,
 * until it succeeds, fails otherwise, `mayRetry` says no, or the deadline has passed: then the last error is thrown.
 * `work` must leave nothing behind when it fails busy (one transaction that did not start, or `mayRetry` guards it).
 */
export async function retryWhenBusy<T>(work: () => T | Promise<T>, o: BusyRetryOptions = {}): Promise<T> {
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? realSleep;
  const random = o.random ?? Math.random;
  const deadline = now() + (o.deadlineMs ?? BUSY_DEADLINE_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isBusyError(err) || (o.mayRetry && !o.mayRetry(err))) throw err;
      const delay = busyBackoffMs(attempt, random, o.firstDelayMs, o.maxDelayMs);
      if (now() + delay > deadline) throw err;
      o.onBusy?.(attempt + 1, delay);
      await sleep(delay);
    }
  }
}
