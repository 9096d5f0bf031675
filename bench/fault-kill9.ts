// kill -9 during delivery: `npx tsx bench/fault-kill9.ts [--messages 2000] [--recipients 100] [--kills 20] [--seed S]
//                                                      [--jitter-ms 250] [--latency-ms 100] [--cap-seconds 1800]`
//
// The real bot runs as a child process (`node --import tsx src/main.ts`, local mode, LOG_LEVEL=warn) on a SQLite file
// whose outbox holds `--messages` urgent notices (enqueued through enqueueNotification) for `--recipients` members of
// the demo roster, each with a stored 1:1 conversation reference pointing at a recording connector in this process.
// The bench kills the bot with SIGKILL `--kills` times at random points spread over the drain (see runKillRestart in
// bench/fault-harness.ts), restarts it each time on the same file, and lets the last incarnation finish.
//
// Then it counts, per outbox message (the card carries `bench-msg-<n>`):
//   lost        enqueued, never accepted by the connector (must be 0)
//   duplicates  accepted more than once; each must be in a send window: accepted by the connector while its row was
//               still `pending` right after a kill (the send was in flight, or answered but not yet marked)
// Seeded: the kill points and delays come from --seed (printed), so a run can be repeated.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine, printGoals, summarise, table } from './bench-utils.js';
import { argOf } from './bench-utils.js';
import { runKillRestart } from './fault-harness.js';

const MESSAGES = Number(argOf('--messages') ?? 2_000);
const RECIPIENTS = Number(argOf('--recipients') ?? 100);
const KILLS = Number(argOf('--kills') ?? 20);
const SEED = Number(argOf('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const JITTER_MS = Number(argOf('--jitter-ms') ?? 250);
const LATENCY_MS = Number(argOf('--latency-ms') ?? 100);
const fmtS = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const CAP_SECONDS = Number(argOf('--cap-seconds') ?? 1_800);

async function main(): Promise<void> {
  console.log(
    `fault-kill9: ${MESSAGES} messages to ${RECIPIENTS} recipients, ${KILLS} × kill -9, connector round trip ${LATENCY_MS} ms, seed ${SEED} (repeat with --seed ${SEED}); ${machineLine()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-fault-kill9-'));
  try {
    const r = await runKillRestart({
      dir,
      messages: MESSAGES,
      recipients: RECIPIENTS,
      kills: KILLS,
      seed: SEED,
      jitterMs: JITTER_MS,
      latencyMs: LATENCY_MS,
      capMs: CAP_SECONDS * 1000,
      log: (l) => console.log('  ' + l),
    });
    console.log(
      '\n' +
        table(
          [
            'kill',
            'target',
            'delivered at kill',
            'uptime',
            'jitter',
            'POSTs open',
            'send window (accepted, still pending)',
            'next start → ready / first send',
          ],
          r.kills.map((k, i) => [
            k.kill,
            k.target,
            k.deliveredAtKill,
            `${(k.uptimeMs / 1000).toFixed(2)} s`,
            `${k.jitterMs} ms`,
            k.inFlightAtKill,
            k.window.length === 0 ? '—' : k.window.map((n) => `#${n}`).join(' '),
            `${fmtS(r.readyMs[i + 1])} / ${fmtS(r.firstSendMs[i + 1])}`,
          ]),
        ),
    );
    const restart = summarise(r.firstSendMs.slice(1).filter((x): x is number => x !== undefined));
    const windowTotal = r.kills.reduce((a, k) => a + k.window.length, 0);
    console.log(
      '\n' +
        table(
          [
            'messages',
            'kills',
            'took',
            'delivered (distinct)',
            'lost',
            'duplicate copies',
            'dupes in a send window',
            'dupes NOT in a window',
            'send windows (sum)',
            'max POSTs in flight',
            'final row states',
            'sent but never accepted',
            'restart → first send median / max',
          ],
          [
            [
              r.messages,
              r.kills.length,
              `${(r.elapsedMs / 1000).toFixed(1)} s${r.timedOut ? ' (cap!)' : ''}`,
              r.messages - r.lost.length,
              r.lost.length,
              r.duplicateCopies,
              r.duplicates.length - r.unattributed.length,
              r.unattributed.length,
              windowTotal,
              r.maxMessageInFlight,
              JSON.stringify(r.finalStates),
              r.sentNeverAccepted.length,
              `${(restart.median / 1000).toFixed(2)} s / ${(restart.max / 1000).toFixed(2)} s`,
            ],
          ],
        ),
    );
    if (r.lost.length > 0)
      console.log(
        `lost: ${r.lost
          .slice(0, 50)
          .map((n) => `#${n}`)
          .join(' ')}${r.lost.length > 50 ? ' …' : ''}`,
      );
    if (r.duplicates.length > 0) console.log(`duplicates: ${r.duplicates.map((d) => `#${d.n}×${d.copies}`).join(' ')}`);
    if (r.unattributed.length > 0)
      console.log(`NOT attributable to a send window: ${r.unattributed.map((d) => `#${d.n}×${d.copies}`).join(' ')}`);
    if (r.botErrors.length > 0) console.log(`bot errors logged:\n  ${r.botErrors.slice(0, 20).join('\n  ')}`);
    console.log('\ngoals:');
    printGoals([
      {
        goal: 'zero messages lost',
        measured: `lost ${r.lost.length}, sent-but-never-accepted ${r.sentNeverAccepted.length}, rows ${JSON.stringify(r.finalStates)}${r.timedOut ? ', hit the cap' : ''}`,
        pass: r.lost.length === 0 && r.sentNeverAccepted.length === 0 && !r.timedOut,
      },
      {
        goal: 'duplicates only inside the send window, counted',
        measured: `${r.duplicateCopies} duplicate copies over ${r.kills.length} kills; ${r.unattributed.length} outside a send window`,
        pass: r.unattributed.length === 0,
      },
      {
        goal: 'at most one duplicate per kill per send in flight',
        measured: `${r.duplicateCopies} ≤ ${r.kills.length} × ${r.maxMessageInFlight}`,
        pass: r.duplicateCopies <= r.kills.length * Math.max(1, r.maxMessageInFlight),
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
