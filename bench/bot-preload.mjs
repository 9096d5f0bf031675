// Preloaded into the bot process that a bench starts exactly as `npm start` runs it (bench/npm-start.ts), through
// NODE_OPTIONS="--import <this file>", so the command line stays the start script's. Plain JavaScript on purpose: the
// point is a process without tsx (its loader thread alone is ~45 MB RSS).
//
// - BENCH_CLOCK_START_MS=<epoch ms>: the process's Date starts at that instant and runs on in real time (Date.now(),
//   new Date(), Date()). The seeded bench databases are planned around BENCH_DATE (bench/seed-large-database.ts); on
//   the real date every timer of such a file would be overdue and the start-up tick would catch up millions of
//   steps. With the clock at 08:29 on BENCH_DATE nothing is due, and the bot's own cron tick at 08:30 fires exactly the
//   seeded `--due` timers.
// - With an IPC channel (a bench parent), it answers the bench's usage and profile probes (bench/usage-probes.mjs,
//   the same code as any other bench child), and stops the bot (SIGTERM, its own clean shutdown) when the parent
//   goes away.
// Nothing else of the bot is touched.

import { answerUsageProbes } from './usage-probes.mjs';

const start = Number(process.env.BENCH_CLOCK_START_MS ?? '');
if (Number.isFinite(start) && start > 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const offset = start - realNow();
  const now = () => realNow() + offset;
  // A function, not a subclass, so that Date() without `new` keeps working; instances are real Dates.
  function BenchDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  BenchDate.prototype = RealDate.prototype;
  BenchDate.now = now;
  BenchDate.parse = RealDate.parse;
  BenchDate.UTC = RealDate.UTC;
  globalThis.Date = BenchDate;
}

if (process.send) {
  answerUsageProbes();
  // The bot must not outlive its bench.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
