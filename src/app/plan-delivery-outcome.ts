import type { MemberId } from '../domain/types.js';
import type { DeliveryPace } from './delivery-pace.js';
import type { SendOutcome } from './ports.js';

// What a send's answer means for its delivery, pure: marked sent, tried again later (throttled, or a 5xx/network
// error with attempts left), or given up for good. Throttling (429, 412) is "slow down", not "broken": it does not
// count as an attempt, and a 429 pauses the whole drain until its Retry-After (or a backoff), because the per-app
// limit is shared by everyone. 5xx and network errors count towards `maxAttempts`; 403/404 are final.

/** Answers that mean "slow down", not "broken": tried again without counting as an attempt. */
const THROTTLING: ReadonlySet<number> = new Set([429, 412]);

/** A pause longer than this is a clock that jumped back, not a Retry-After: it is cut to this. */
export const MAX_PAUSE_MS = 300_000;

export type DeliveryOutcomePlan =
  | { mark: 'sent' }
  | { mark: 'throttled'; nextAttemptAt: number; note: string; pauseMs?: number }
  | { mark: 'retry'; nextAttemptAt: number; note: string }
  | { mark: 'failed'; reason: string };

export function backoffMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs + Math.floor(random() * 250);
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.floor(base * (0.8 + 0.4 * random())); // ±20 % jitter so retries of many messages spread out
}

/**
 * Plans the mark of one delivery and updates the pacing state it depends on (the throttle streaks and the pause).
 * `attempts` is how many attempts failed before this one.
 */
export function planDeliveryOutcome(
  outcome: SendOutcome,
  d: { recipientId: MemberId; attempts: number },
  o: { maxAttempts: number; random: () => number; at: number },
  pace: DeliveryPace,
): DeliveryOutcomePlan {
  if (outcome.kind === 'sent') {
    pace.throttleStreak = 0;
    pace.throttledTo.delete(d.recipientId);
    return { mark: 'sent' };
  }
  if (outcome.kind === 'retry' && THROTTLING.has(outcome.status)) {
    const times = pace.throttledTo.get(d.recipientId) ?? 0;
    pace.throttledTo.set(d.recipientId, times + 1);
    const plan: DeliveryOutcomePlan = {
      mark: 'throttled',
      nextAttemptAt: o.at + backoffMs(times, o.random, outcome.retryAfterMs),
      note: `status ${outcome.status}`,
    };
    if (outcome.status === 429) {
      const pauseMs =
        outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0
          ? outcome.retryAfterMs
          : backoffMs(pace.throttleStreak, o.random);
      pace.throttleStreak++;
      pace.pausedUntil = Math.max(pace.pausedUntil, o.at + Math.min(pauseMs, MAX_PAUSE_MS));
      plan.pauseMs = pauseMs;
    }
    return plan;
  }
  if (outcome.kind === 'retry' && d.attempts + 1 < o.maxAttempts)
    return {
      mark: 'retry',
      nextAttemptAt: o.at + backoffMs(d.attempts, o.random, outcome.retryAfterMs),
      note: `status ${outcome.status}`,
    };
  return {
    mark: 'failed',
    reason:
      outcome.kind === 'final' ? outcome.reason : `gaf op na ${o.maxAttempts} pogingen (status ${outcome.status})`,
  };
}
