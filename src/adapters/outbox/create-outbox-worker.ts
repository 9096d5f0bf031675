import type { AppContext } from '../../app/app-context.js';
import { deliverOutbox, type DeliveryReport } from '../../app/deliver-outbox.js';
import type { MessageSender } from '../../app/ports.js';

export interface OutboxWorkerOptions {
  ctx: AppContext;
  sender: MessageSender;
  perRecipientGapMs?: number;
  globalGapMs?: number;
  maxAttempts?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OutboxWorker {
  /** Starts a drain now, or right after the running one: never two at once. */
  kick(): void;
  /** Resolves when no drain is running (used by SIGTERM and tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly totals: DeliveryReport;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Delivers outbox rows after commit. Paces sends (about one per second per person, ~25 per second in all, well under
 * Teams' 50 per second per app) and wakes itself for retries whose time has come.
 */
export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let wake: NodeJS.Timeout | undefined;
  const totals: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const options = {
    sender: o.sender,
    sleep: o.sleep ?? realSleep,
    perRecipientGapMs: o.perRecipientGapMs ?? 1000,
    globalGapMs: o.globalGapMs ?? 40,
    maxAttempts: o.maxAttempts ?? 8,
    random: o.random ?? Math.random,
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
        o.ctx.logger.error({ err: String(err) }, 'outbox drain failed; will retry');
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
      clearTimeout(wake);
      await worker.idle();
    },
    totals,
  };
  return worker;
}
