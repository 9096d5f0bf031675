import { describe, expect, it } from 'vitest';
import { busyBackoffMs, isBusyError, retryWhenBusy } from '../../src/app/retry-when-busy.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** A clock that only moves when the code under test sleeps, and a record of every sleep. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe('retryWhenBusy', () => {
  it('runs the work again after a busy failure, with doubling waits, until it succeeds', async () => {
    const time = fakeTime();
    let calls = 0;
    const result = await retryWhenBusy(
      () => {
        calls++;
        if (calls <= 3) throw busy();
        return 'done';
      },
      { ...time, random: () => 1 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(time.sleeps).toEqual([25, 50, 100]);
  });

  it('jitters each wait down to half, and caps it at 500 ms', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => busyBackoffMs(n, () => 1))).toEqual([25, 50, 100, 200, 400, 500, 500]);
    expect(busyBackoffMs(4, () => 0)).toBe(200);
    expect(busyBackoffMs(4, () => 0.5)).toBe(300);
  });

  it('gives up with the busy error once the next wait would pass the deadline', async () => {
    const time = fakeTime();
    let calls = 0;
    const failing = retryWhenBusy(
      () => {
        calls++;
        throw busy();
      },
      { ...time, random: () => 1, deadlineMs: 2_000 },
    );
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    // 25 + 50 + 100 + 200 + 400 + 500 = 1275 ms; one more 500 ms wait would end at 1775, the next at 2275 > 2000.
    expect(time.sleeps).toEqual([25, 50, 100, 200, 400, 500, 500]);
    expect(calls).toBe(8);
    expect(time.now()).toBeLessThanOrEqual(2_000);
  });

  it('does not retry other errors, nor when mayRetry says no (e.g. the turn already answered)', async () => {
    const time = fakeTime();
    let calls = 0;
    await expect(
      retryWhenBusy(() => {
        calls++;
        throw new Error('something else');
      }, time),
    ).rejects.toThrow('something else');
    await expect(
      retryWhenBusy(
        () => {
          calls++;
          throw busy();
        },
        { ...time, mayRetry: () => false },
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(calls).toBe(2);
    expect(time.sleeps).toEqual([]);
  });

  it('waits for async work too, and runs the first attempt synchronously', async () => {
    const time = fakeTime();
    const seen: string[] = [];
    const done = retryWhenBusy(async () => {
      seen.push('attempt');
      if (seen.length === 1) throw busy();
      return 7;
    }, time);
    expect(seen).toEqual(['attempt']); // before any await of the caller
    await expect(done).resolves.toBe(7);
    expect(seen).toEqual(['attempt', 'attempt']);
  });
});

describe('isBusyError', () => {
  it('knows SQLITE_BUSY, its extended codes, the message, and a wrapped cause', () => {
    expect(isBusyError(busy())).toBe(true);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isBusyError(new Error('database is locked'))).toBe(true);
    expect(isBusyError(new Error('Failed query: insert …', { cause: busy() }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
    expect(isBusyError(undefined)).toBe(false);
    expect(isBusyError('database is locked')).toBe(false);
  });
});
