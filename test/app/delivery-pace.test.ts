import { describe, expect, it } from 'vitest';
import {
  createDeliveryPace,
  pickNext,
  recordStart,
  TEAMS_CONVERSATION_WINDOWS,
  trim,
  waitFor,
  windowsOf,
} from '../../src/app/delivery-pace.js';
import { backoffMs, MAX_PAUSE_MS, planDeliveryOutcome } from '../../src/app/plan-delivery-outcome.js';

// The pure half of delivery (src/app/deliver-outbox.ts is the loop): pacing windows, whom to send to next, and what a
// send's answer means. Hand-computed cases, no clock and no database.

describe('pacing windows', () => {
  it('waitFor: how long until one more start fits every window', () => {
    const w = [{ count: 2, ms: 1000 }];
    expect(waitFor([], w, 0)).toBe(0);
    expect(waitFor([100], w, 200)).toBe(0);
    expect(waitFor([100, 300], w, 400)).toBe(700); // the 3rd start must wait until 100 + 1000
    expect(waitFor([100, 300], w, 1100)).toBe(0);
    // The strictest window wins.
    expect(waitFor([0, 10, 20], [...w, { count: 1, ms: 50 }], 30)).toBe(980); // 10 + 1000 − 30; the gap needs only 40
  });

  it('windowsOf adds a minimum gap as a window of one and drops empty windows', () => {
    expect(
      windowsOf(5, [
        { count: 0, ms: 10 },
        { count: 3, ms: 0 },
        { count: 2, ms: 100 },
      ]),
    ).toEqual([
      { count: 2, ms: 100 },
      { count: 1, ms: 5 },
    ]);
    expect(windowsOf(0, [])).toEqual([]);
  });

  it('trim keeps what a window can still see, and clears a log whose clock went back', () => {
    const log = [0, 100, 200, 900];
    trim(log, 1150, [{ count: 10, ms: 1000 }]);
    expect(log).toEqual([200, 900]);
    const future = [5000];
    trim(future, 1000, [{ count: 10, ms: 1000 }]);
    expect(future).toEqual([]);
  });

  it("Teams' per-conversation windows stay under its limits (7/1 s, 8/2 s, 60/30 s, 1 800/h)", () => {
    const limits = [7, 8, 60, 1800];
    TEAMS_CONVERSATION_WINDOWS.forEach((w, i) => expect(w.count).toBeLessThan(limits[i]!));
  });
});

describe('pickNext: the first free recipient outside their windows', () => {
  const windows = [{ count: 1, ms: 1000 }];
  it('skips a recipient with a send in flight and one inside a window; says how long until the first may go', () => {
    const pace = createDeliveryPace();
    recordStart(pace, 'b', 500);
    const queue = [{ recipientId: 'a' }, { recipientId: 'b' }, { recipientId: 'c' }];
    expect(pickNext(queue, pace, (r) => r === 'a', windows, 600)).toEqual({ pick: 2, soonest: 0 });
    expect(pickNext(queue.slice(0, 2), pace, (r) => r === 'a', windows, 600)).toEqual({ pick: -1, soonest: 900 });
    expect(pickNext(queue.slice(0, 2), pace, (r) => r === 'a', windows, 1600)).toEqual({ pick: 1, soonest: 0 });
    expect(pickNext([{ recipientId: 'a' }], pace, () => true, windows, 0)).toEqual({
      pick: -1,
      soonest: Number.POSITIVE_INFINITY,
    });
  });

  it('recordStart counts a start globally and for the recipient', () => {
    const pace = createDeliveryPace();
    recordStart(pace, 'a', 1);
    recordStart(pace, 'a', 2);
    recordStart(pace, 'b', 3);
    expect(pace.starts).toEqual([1, 2, 3]);
    expect(pace.startsTo.get('a')).toEqual([1, 2]);
  });
});

describe("planDeliveryOutcome: what a send's answer means", () => {
  const random = () => 0.5; // no jitter: 0.8 + 0.4 * 0.5 = 1
  const o = { maxAttempts: 3, random, at: 10_000 };

  it('sent: clears the throttle streaks', () => {
    const pace = createDeliveryPace();
    pace.throttleStreak = 2;
    pace.throttledTo.set('a', 3);
    expect(planDeliveryOutcome({ kind: 'sent' }, { recipientId: 'a', attempts: 0 }, o, pace)).toEqual({ mark: 'sent' });
    expect(pace.throttleStreak).toBe(0);
    expect(pace.throttledTo.has('a')).toBe(false);
  });

  it('429 is throttling: not an attempt, tried again after Retry-After, and the whole drain pauses', () => {
    const pace = createDeliveryPace();
    const plan = planDeliveryOutcome(
      { kind: 'retry', status: 429, retryAfterMs: 2000 },
      { recipientId: 'a', attempts: 99 },
      o,
      pace,
    );
    expect(plan).toEqual({ mark: 'throttled', nextAttemptAt: 10_000 + 2000 + 125, note: 'status 429', pauseMs: 2000 });
    expect(pace.pausedUntil).toBe(12_000);
    expect(pace.throttledTo.get('a')).toBe(1);
    // A Retry-After of an hour is a clock that jumped: the pause is cut.
    planDeliveryOutcome(
      { kind: 'retry', status: 429, retryAfterMs: 3_600_000 },
      { recipientId: 'a', attempts: 0 },
      o,
      pace,
    );
    expect(pace.pausedUntil).toBe(10_000 + MAX_PAUSE_MS);
  });

  it('412 is throttling without a pause of the drain', () => {
    const pace = createDeliveryPace();
    const plan = planDeliveryOutcome({ kind: 'retry', status: 412 }, { recipientId: 'a', attempts: 5 }, o, pace);
    expect(plan).toEqual({ mark: 'throttled', nextAttemptAt: 10_000 + 1000, note: 'status 412' });
    expect(pace.pausedUntil).toBe(Number.NEGATIVE_INFINITY);
  });

  it('5xx counts: retried with exponential backoff while attempts are left, then given up', () => {
    const pace = createDeliveryPace();
    const retry = (attempts: number) =>
      planDeliveryOutcome({ kind: 'retry', status: 502 }, { recipientId: 'a', attempts }, o, pace);
    expect(retry(0)).toEqual({ mark: 'retry', nextAttemptAt: 11_000, note: 'status 502' });
    expect(retry(1)).toEqual({ mark: 'retry', nextAttemptAt: 12_000, note: 'status 502' });
    expect(retry(2)).toEqual({ mark: 'failed', reason: 'gaf op na 3 pogingen (status 502)' });
  });

  it('a final answer (403, 404) is given up at once, with its reason', () => {
    const plan = planDeliveryOutcome(
      { kind: 'final', status: 403, reason: 'geblokkeerd' },
      { recipientId: 'a', attempts: 0 },
      o,
      createDeliveryPace(),
    );
    expect(plan).toEqual({ mark: 'failed', reason: 'geblokkeerd' });
  });

  it('backoffMs: doubles per attempt up to five minutes, ±20 % jitter; Retry-After wins', () => {
    expect(backoffMs(0, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(8000);
    expect(backoffMs(20, () => 0.5)).toBe(300_000);
    expect(backoffMs(0, () => 0)).toBe(800);
    expect(backoffMs(0, () => 0.999)).toBe(1199);
    expect(backoffMs(5, () => 0, 1500)).toBe(1500);
  });
});
