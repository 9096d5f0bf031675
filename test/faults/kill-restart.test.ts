import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKillRestart } from '../../bench/fault-harness.js';

// kill -9 while the outbox delivers (issue "Faults", the short version of bench/fault-kill9.ts): the real bot
// (`node --import tsx src/main.ts`) drains 100 notices into a recording connector, is killed with SIGKILL three times
// at seeded points of the drain and restarted on the same SQLite file. Nothing may be lost; a message may arrive twice
// only when its send was in flight at a kill (accepted by the connector, row still pending after the kill), so there
// are at most as many duplicates as kills times the sends in flight (the drain sends one at a time today).

describe('kill -9 during outbox delivery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-fault-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses nothing over three kills and restarts; every duplicate was in flight at a kill', async () => {
    // 25 ms connector round trip: a kill often lands while a send is in flight, so the send window is exercised.
    const r = await runKillRestart({
      dir,
      messages: 100,
      recipients: 25,
      kills: 3,
      seed: 20_260_602,
      jitterMs: 150,
      latencyMs: 25,
      capMs: 27_000,
    });

    expect(r.timedOut).toBe(false);
    expect(r.kills).toHaveLength(3);
    expect(r.lost).toEqual([]);
    expect(r.sentNeverAccepted).toEqual([]);
    expect(r.finalStates).toEqual({ sent: 100 });
    expect(r.unattributed).toEqual([]);
    expect(r.duplicateCopies).toBeLessThanOrEqual(r.kills.length * Math.max(1, r.maxMessageInFlight));
    // Every message caught in a send window is re-sent after the restart: it shows up as exactly one duplicate.
    const windows = r.kills.flatMap((k) => k.window);
    expect(r.duplicates.map((d) => d.n).sort((a, b) => a - b)).toEqual([...new Set(windows)].sort((a, b) => a - b));
  }, 30_000);
});
