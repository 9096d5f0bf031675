// Our bot in a process of its own for benches: `startBot` from src/main.ts, exactly as `npm start` builds it, with
// two differences, both overrides startBot offers:
// - no cron scheduler: a seeded database's timers are planned around the bench day (2026-03-10), so on any later
//   real date every one of them would be due and the ticks would fire them during the load. Tick cost has its own
//   bench (bench/tick.bench.ts).
// - it binds BENCH_PORT (default 0: any free port; PORT must be 1..65535 for the config, so it is not used).
// Everything else comes from the environment like in production (DATABASE_PATH, LOG_LEVEL, …), local mode (no
// credentials). Prints `LISTENING <port>`, answers usage probes over IPC, and stops cleanly on SIGTERM (so
// `node --cpu-prof` writes its profile).
//
//   DATABASE_PATH=/tmp/big.sqlite LOG_LEVEL=silent BENCH_PORT=3978 npx tsx bench/teammodel-bot-process.ts

import { startBot } from '../src/main.js';
import { applyExperiments, parseExperiments } from './chat-experiments.js';
import { answerUsageProbes } from './process-probe.js';

const bot = await startBot(process.env, { port: Number(process.env.BENCH_PORT ?? 0), scheduler: false });
// BENCH_EXPERIMENTS=refs,view-audit: in-memory what-if patches (bench/chat-experiments.ts); none by default.
applyExperiments(bot, parseExperiments(process.env.BENCH_EXPERIMENTS));
console.log(`LISTENING ${bot.port}`);
process.send?.({ type: 'listening', port: bot.port });
answerUsageProbes();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void bot.stop().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
