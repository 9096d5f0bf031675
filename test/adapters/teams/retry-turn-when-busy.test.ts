import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/app/ports.js';
import { retryTurnWhenBusy } from '../../../src/adapters/teams/retry-turn-when-busy.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const noWait = { sleep: async () => {}, random: () => 0 };

/** Just enough of a TurnContext: `send` runs the registered onSendActivities handlers, as botbuilder does. */
function aTurn() {
  const handlers: Array<(c: unknown, a: Partial<Activity>[], next: () => Promise<unknown>) => Promise<unknown>> = [];
  const context = {
    activity: { type: 'message', id: '1' },
    onSendActivities: (h: (typeof handlers)[number]) => void handlers.push(h),
  } as unknown as TurnContext;
  const send = async (type: string) => {
    for (const h of handlers) await h(context, [{ type }], async () => []);
  };
  return { context, send };
}

describe('retryTurnWhenBusy', () => {
  it('runs a handler again after a busy failure when the turn has neither answered nor written', async () => {
    const { context } = aTurn();
    let runs = 0;
    const result = await retryTurnWhenBusy(
      { logger: silentLogger, writesSoFar: () => 0 },
      context,
      async () => {
        if (++runs < 3) throw busy();
        return 'card';
      },
      noWait,
    );
    expect(result).toBe('card');
    expect(runs).toBe(3);
  });

  it('still runs it again after "typing" (teams-ai sends it by itself), but not after a real answer', async () => {
    const typing = aTurn();
    let runs = 0;
    await retryTurnWhenBusy(
      { logger: silentLogger, writesSoFar: () => 0 },
      typing.context,
      async () => {
        await typing.send('typing');
        if (++runs < 2) throw busy();
      },
      noWait,
    );
    expect(runs).toBe(2);

    const answered = aTurn();
    runs = 0;
    const failing = retryTurnWhenBusy(
      { logger: silentLogger, writesSoFar: () => 0 },
      answered.context,
      async () => {
        runs++;
        await answered.send('message');
        throw busy();
      },
      noWait,
    );
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBe(1);
  });

  it('does not run it again once it wrote something (a re-run would repeat the write), nor without a write counter', async () => {
    let writes = 0;
    let runs = 0;
    const wrote = retryTurnWhenBusy(
      { logger: silentLogger, writesSoFar: () => writes },
      aTurn().context,
      async () => {
        runs++;
        writes++; // e.g. the case was opened, then the card's audit line met the busy database
        throw busy();
      },
      noWait,
    );
    await expect(wrote).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    const unknown = retryTurnWhenBusy(
      { logger: silentLogger },
      aTurn().context,
      async () => {
        runs++;
        throw busy();
      },
      noWait,
    );
    await expect(unknown).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBe(2);
  });
});
