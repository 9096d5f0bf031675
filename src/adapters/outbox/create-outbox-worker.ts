import type { AppContext } from '../../app/app-context.js';
import { deliverOutbox, type DeliveryReport } from '../../app/deliver-outbox.js';
import { createDeliveryPace, TEAMS_CONVERSATION_WINDOWS, type RateWindow } from '../../app/delivery-pace.js';
import type { MessageSender } from '../../app/ports.js';
import { errorFields } from '../../app/error-fields.js';
import { isBusyError } from '../../app/retry-when-busy.js';

export interface OutboxWorkerOptions {
  ctx: AppContext;
  sender: MessageSender;
  /** Minimum gap between the starts of two sends to one person (default 0: the windows below pace them). */
  perRecipientGapMs?: number;
  /** Minimum gap between the starts of any two sends (default 2 ms). */
  globalGapMs?: number;
  /** Sends started per second at most, over everyone (default 48: Teams allows 50 per app). 0: no cap. */
  globalPerSecond?: number;
  /** Sliding windows per person (default: Teams' per-conversation limits with a margin). [] for none. */
  perRecipientWindows?: readonly RateWindow[];
  /** Sends in flight at once, never two to one person (default 8). */
  maxInFlight?: number;
  /** Failed attempts (5xx, network) before a delivery is given up (default 8); throttling does not count. */
  maxAttempts?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OutboxWorker {
  /** Starts a drain now, or right after the running one: never two at once. */
  kick(): void;
  /** Resolves when no drain is running (used by SIGTERM and tests). */
  idle(): Promise<void>;
  /** Stops: the running drain starts no new send, and the sends in flight are marked before this resolves. */
  stop(): Promise<void>;
  readonly totals: DeliveryReport;
}

/** A sleep that ends early when the worker stops. */
function sleepUnless(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
}

/**
 * Delivers outbox rows after commit. Paces sends from their start: at most 48 per second in all (Teams allows 50 per
 * app) and within Teams' per-conversation windows per person, with up to 8 in flight. A 429 pauses delivery until its
 * Retry-After. Wakes itself for retries whose time has come. The pacing state lives as long as the worker, so it
 * holds across drains.
 */
export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let wake: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  const totals: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const options = {
    sender: o.sender,
    sleep: o.sleep ?? sleepUnless(stopping.signal),
    perRecipientGapMs: o.perRecipientGapMs ?? 0,
    globalGapMs: o.globalGapMs ?? 2,
    globalPerSecond: o.globalPerSecond ?? 48,
    perRecipientWindows: o.perRecipientWindows ?? TEAMS_CONVERSATION_WINDOWS,
    maxInFlight: o.maxInFlight ?? 8,
    maxAttempts: o.maxAttempts ?? 8,
    random: o.random ?? Math.random,
    pace: createDeliveryPace(),
    signal: stopping.signal,
  };

  const scheduleWake = () => {
    if (stopped) return;
    const next = o.ctx.store.outbox.nextAttemptAt();
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - o.ctx.clock.now(), 50), 60_000);
    clearTimeout(wake);
    wake = setTimeout(() => worker.kick(), delay);
    wake.unref();
  };

  const run = async () => {
    do {
      again = false;
      try {
        const r = await deliverOutbox(o.ctx, options);
        totals.sent += r.sent;
        totals.retried += r.retried;
        totals.failed += r.failed;
      } catch (err) {
        // Rows stay pending and are read again at the next kick or wake; a busy database is a wait, not a fault.
        if (isBusyError(err)) o.ctx.logger.warn({ err: errorFields(err) }, 'outbox drain: database busy; will retry');
        else o.ctx.logger.error({ err: errorFields(err) }, 'outbox drain failed; will retry');
      }
    } while (again && !stopped);
    running = undefined;
    scheduleWake();
  };

  const worker: OutboxWorker = {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = run();
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(wake);
      await worker.idle();
    },
    totals,
  };
  return worker;
}
