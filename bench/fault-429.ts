// A throttling connector: `npx tsx bench/fault-429.ts [--messages 2000] [--recipients 100] [--share 0.3]
//                                                      [--retry-after 1] [--latency-ms 0] [--seed S] [--cap-seconds 1800]`
//
// The real bot (child process `node --import tsx src/main.ts`, local mode) drains `--messages` urgent notices for
// `--recipients` demo-roster members into a connector (bench/fault-harness.ts) that
//   - enforces Teams' documented limits (7/1 s, 8/2 s, 60/30 s per conversation, 50/s per app; the windows of
//     bench/teams-limits-connector.ts) with 429 + Retry-After,
//   - answers a further `--share` (30 %) of the sends that pass those limits with 429 + Retry-After: `--retry-after` s,
//   - treats every 429 as binding for its conversation: a request to that conversation before Retry-After has passed
//     is an "early retry" (answered 429 again and counted: the sender did not honour Retry-After).
// Measured: all delivered, lost (never accepted, or rows marked failed), duplicates, failed rows, the achieved rate
// against what Teams' limits allow for this mix (and against an ideal throttle-aware sender), limit violations
// (re-checked on the accepted messages), and whether the drain kept other conversations going during a Retry-After.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmtMs, machineLine, printGoals, summarise, table } from './bench-utils.js';
import { argOf } from './bench-utils.js';
import {
  countPending,
  prepareOutbox,
  readDeliveries,
  seededRandom,
  sleep,
  spawnBot,
  startFaultConnector,
  waitReady,
} from './fault-harness.js';
import { idealDrainSeconds, TEAMS_PER_APP, TEAMS_PER_CONVERSATION } from './teams-limits-connector.js';

const MESSAGES = Number(argOf('--messages') ?? 2_000);
const RECIPIENTS = Number(argOf('--recipients') ?? 100);
const SHARE = Number(argOf('--share') ?? 0.3);
const RETRY_AFTER = Number(argOf('--retry-after') ?? 1);
const LATENCY_MS = Number(argOf('--latency-ms') ?? 0);
const SEED = Number(argOf('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const CAP_SECONDS = Number(argOf('--cap-seconds') ?? 1_800);

/**
 * The drain time of an ideal throttle-aware sender for this mix (simulated in 1 ms steps): it sends whenever the
 * per-app window and the conversation's windows allow, to the conversation with the most left, never to a
 * conversation inside its Retry-After; each send is refused with probability `share` (then the conversation waits
 * `retryAfter` s). Every request counts toward the app's 50/s, accepted ones toward their conversation. A reference point for
 * "paced but not slower than it must be": the per-conversation pause, not a drain-wide one.
 */
function simulateIdealSender(
  counts: readonly number[],
  share: number,
  retryAfter: number,
  random: () => number,
): number {
  const left = [...counts];
  const blocked = counts.map(() => 0);
  const logs: number[][] = counts.map(() => []);
  const app: number[] = [];
  const fits = (log: number[], windows: typeof TEAMS_PER_CONVERSATION, t: number) =>
    windows.every((w) => log.length < w.count || log[log.length - w.count]! + w.ms <= t);
  let remaining = left.reduce((a, b) => a + b, 0);
  let t = 0;
  let lastAccepted = 0;
  while (remaining > 0) {
    let best = -1;
    if (fits(app, TEAMS_PER_APP, t)) {
      for (let c = 0; c < left.length; c++)
        if (
          left[c]! > 0 &&
          blocked[c]! <= t &&
          fits(logs[c]!, TEAMS_PER_CONVERSATION, t) &&
          (best < 0 || left[c]! > left[best]!)
        )
          best = c;
    }
    if (best < 0) {
      t++;
      continue;
    }
    app.push(t); // every request, refused or not, counts toward the 50/s of the app: the ideal sender spends no more
    if (random() < share) {
      blocked[best] = t + retryAfter * 1000;
      continue;
    }
    left[best]!--;
    remaining--;
    logs[best]!.push(t);
    lastAccepted = t;
  }
  return Math.max(lastAccepted / 1000, 1 / TEAMS_PER_APP[0]!.count);
}

async function main(): Promise<void> {
  console.log(
    `fault-429: ${MESSAGES} messages to ${RECIPIENTS} recipients; ${SHARE * 100} % of sends answered 429 + Retry-After ${RETRY_AFTER} s on top of Teams' limits; latency ${LATENCY_MS} ms; seed ${SEED}; ${machineLine()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-fault-429-'));
  const dbPath = join(dir, 'fault-429.sqlite');
  const connector = await startFaultConnector({
    throttleShare: SHARE,
    retryAfterSeconds: RETRY_AFTER,
    enforceTeamsLimits: true,
    enforceRetryAfter: true,
    latencyMs: LATENCY_MS,
    random: seededRandom(SEED),
  });
  try {
    const prepared = prepareOutbox({ dbPath, connectorUrl: connector.url, messages: MESSAGES, recipients: RECIPIENTS });
    const bot = await spawnBot({ dbPath });
    const readyMs = await waitReady(bot);
    let timedOut = false;
    let lastProgress = '';
    for (;;) {
      await sleep(500);
      const rows = readDeliveries(dbPath);
      const pending = rows.filter((r) => r.state === 'pending').length;
      if (pending === 0) break;
      const line = `  ${Math.round(performance.now() / 1000)} s: ${connector.uniqueMarkers}/${MESSAGES} delivered, ${connector.counts.random429 + connector.counts.limit429 + connector.counts.earlyRetry} × 429, ${pending} pending`;
      if (line.slice(line.indexOf(':')) !== lastProgress && Math.round(performance.now() / 1000) % 30 === 0)
        console.log(line);
      lastProgress = line.slice(line.indexOf(':'));
      if (
        bot.child.exitCode !== null ||
        performance.now() - (connector.records[0]?.at ?? performance.now()) > CAP_SECONDS * 1000
      ) {
        timedOut = true;
        break;
      }
    }
    await sleep(300);
    await bot.terminate();
    const botErrors = bot.output.filter((l) => /"level":(50|60)|Error/.test(l));
    const rows = readDeliveries(dbPath);
    const states: Record<string, number> = {};
    for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
    const maxAttempts = Math.max(0, ...rows.map((r) => r.attempts));
    // Rows whose last answer was a 429 that reached deliverOutbox (botbuilder's own retries were used up); for the
    // others botbuilder retried inside the send, after the Retry-After, and the worker only saw the success.
    const throttledAtWorker = rows.filter((r) => (r.lastError ?? '').includes('429')).length;

    const accepted = connector.accepted().filter((a) => a.marker !== undefined);
    const copies = new Map<number, number>();
    for (const a of accepted) copies.set(a.marker!, (copies.get(a.marker!) ?? 0) + 1);
    const lost = prepared.messages.filter((m) => !copies.has(m.n)).length;
    const duplicates = [...copies.values()].reduce((a, c) => a + c - 1, 0);
    const messagePosts = connector.records.filter((r) => r.marker !== undefined);
    const first = messagePosts[0]?.at ?? 0;
    const last = accepted.reduce((m, a) => Math.max(m, a.at), first);
    const elapsed = (last - first) / 1000;
    const perConversation = new Map<string, number>();
    for (const m of prepared.messages)
      perConversation.set(m.recipientId, (perConversation.get(m.recipientId) ?? 0) + 1);
    const ideal = idealDrainSeconds([...perConversation.values()]);
    const allowedRate = MESSAGES / ideal.seconds;
    const throttleAwareSeconds = simulateIdealSender(
      [...perConversation.values()],
      SHARE,
      RETRY_AFTER,
      seededRandom(SEED + 1),
    );
    const achieved = (MESSAGES - lost) / elapsed;

    // How the sender reacted to each 429: the gap to its next request to that conversation, and whether it sent to
    // other conversations meanwhile (a per-conversation pause) or nothing at all (a drain-wide pause).
    const gaps: number[] = [];
    let othersDuring = 0;
    let throttledWithFollowUp = 0;
    const posts = connector.records.filter((r) => r.method === 'POST');
    posts.forEach((r, i) => {
      if (r.status !== 429) return;
      const next = posts.slice(i + 1).find((x) => x.conversationId === r.conversationId);
      if (!next) return;
      throttledWithFollowUp++;
      gaps.push(next.at - r.at);
      if (posts.slice(i + 1).some((x) => x.at < r.at + RETRY_AFTER * 1000 && x.conversationId !== r.conversationId))
        othersDuring++;
    });
    const gap = summarise(gaps);
    const violations = connector.verifyTeamsLimits();

    console.log(
      '\n' +
        table(
          [
            'messages',
            'recipients',
            'took (first send → last accepted)',
            'achieved',
            'allowed by Teams limits',
            '% of allowed',
            `ideal sender with ${SHARE * 100} % 429`,
            'requests',
            'random 429',
            'limit 429',
            'early retries',
            'lost',
            'dupes',
            'failed rows',
            'max attempts on a row',
            'rows with a 429 at the worker',
            'limit violations',
            'bot ready after',
          ],
          [
            [
              MESSAGES,
              RECIPIENTS,
              `${elapsed.toFixed(1)} s${timedOut ? ' (cap!)' : ''}`,
              `${achieved.toFixed(2)}/s`,
              `${allowedRate.toFixed(1)}/s (${ideal.seconds.toFixed(1)} s)`,
              `${((achieved / allowedRate) * 100).toFixed(1)} %`,
              `${(MESSAGES / throttleAwareSeconds).toFixed(1)}/s (${throttleAwareSeconds.toFixed(1)} s)`,
              connector.counts.requests,
              connector.counts.random429,
              connector.counts.limit429,
              connector.counts.earlyRetry,
              lost,
              duplicates,
              states.failed ?? 0,
              maxAttempts,
              throttledAtWorker,
              violations.length,
              readyMs === undefined ? 'n/a' : fmtMs(readyMs),
            ],
          ],
        ),
    );
    console.log('\nafter a 429: gap to the next request to the same conversation');
    console.log(
      table(
        ['429s followed up', 'min', 'median', 'p95', 'max', 'other conversations served during the Retry-After'],
        [
          [
            throttledWithFollowUp,
            fmtMs(gap.min),
            fmtMs(gap.median),
            fmtMs(gap.p95),
            fmtMs(gap.max),
            `${othersDuring} of ${throttledWithFollowUp}`,
          ],
        ],
      ),
    );
    if (violations.length > 0) console.log(`violations: ${violations.slice(0, 10).join('; ')}`);
    if (botErrors.length > 0)
      console.log(
        `bot errors logged:\n  ${botErrors
          .slice(0, 10)
          .map((l) => l.slice(0, 300))
          .join('\n  ')}`,
      );
    if (states.failed)
      console.log(
        `failed rows: ${rows
          .filter((r) => r.state === 'failed')
          .slice(0, 5)
          .map((r) => `#${r.n} (${r.lastError})`)
          .join(', ')}`,
      );
    console.log(
      '  achieved = distinct messages accepted / (last accepted − first message POST). Allowed = the fastest drain of this mix under',
    );
    console.log(
      "  Teams' windows without a 429 (idealDrainSeconds). Early retry = a request to a conversation more than 10 ms before its Retry-After had passed.",
    );

    console.log('\ngoals:');
    printGoals([
      {
        goal: 'everything delivered, none lost',
        measured: `lost ${lost}, failed rows ${states.failed ?? 0}, pending ${countPending(dbPath)}${timedOut ? ', hit the cap' : ''}`,
        pass: lost === 0 && !timedOut && (states.failed ?? 0) === 0,
      },
      { goal: 'no duplicates', measured: `${duplicates}`, pass: duplicates === 0 },
      {
        goal: 'paced: Retry-After honoured (no early retry)',
        measured: `${connector.counts.earlyRetry} early retries; min gap after a 429 ${fmtMs(gap.min)}`,
        pass: connector.counts.earlyRetry === 0,
      },
      {
        goal: "paced: no conversation or the app over Teams' limits",
        measured: `${violations.length} violations; ${connector.counts.limit429} limit 429s`,
        pass: violations.length === 0,
      },
      {
        goal: 'rate: ≥ 50 % of the throttle-aware ideal',
        measured: `${achieved.toFixed(2)}/s of ${(MESSAGES / throttleAwareSeconds).toFixed(1)}/s`,
        pass: achieved >= 0.5 * (MESSAGES / throttleAwareSeconds),
      },
    ]);
  } finally {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
