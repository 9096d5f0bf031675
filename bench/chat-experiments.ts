// What-if patches for bench/chat-throughput.bench.ts --experiment LIST: applied in memory to a third bot process
// (bench/teammodel-bot-process.ts with BENCH_EXPERIMENTS=LIST) after startBot, so one run measures the bot as it is
// and the bot with the change side by side. Nothing here changes src/; each patch stands for a suggested change.
//
//   refs        conversation references (src/adapters/sqlite/conversation-ref-store.ts): prepared statements and a
//               per-key cache of the stored JSON, so an unchanged reference (every turn of a known person) costs no
//               database read. The suggested change to src/adapters/sqlite/conversation-ref-store.ts and
//               src/adapters/teams/save-conversation-refs.ts.
//   view-audit  drops the `case.viewed` audit entry of `casus <ref>`. NOT a proposal (every read is on record,
//               domain.md §7): it bounds what making that append cheaper (e.g. batching) could save at most.

import type { RunningBot } from '../src/main.js';

export const EXPERIMENTS = ['refs', 'view-audit'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

export function parseExperiments(list: string | undefined): Experiment[] {
  const names = (list ?? '').split(',').filter(Boolean);
  for (const n of names) if (!(EXPERIMENTS as readonly string[]).includes(n)) throw new Error(`unknown experiment ${n}; known: ${EXPERIMENTS.join(', ')}`);
  return names as Experiment[];
}

export function applyExperiments(bot: RunningBot, experiments: readonly Experiment[]): void {
  if (experiments.includes('refs')) {
    const sqlite = bot.database.sqlite;
    const getStmt = sqlite.prepare('SELECT reference FROM conversation_refs WHERE key = ?').pluck();
    const saveStmt = sqlite.prepare(
      'INSERT INTO conversation_refs (key, reference, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at',
    );
    const cache = new Map<string, string>();
    const remember = (key: string, json: string) => {
      if (cache.size >= 10_000) cache.delete(cache.keys().next().value!);
      cache.set(key, json);
    };
    bot.ctx.conversations = {
      get(key) {
        let json = cache.get(key);
        if (json === undefined) {
          json = getStmt.get(key) as string | undefined;
          if (json === undefined) return undefined;
          remember(key, json);
        }
        return JSON.parse(json) as object;
      },
      save(key, reference, at) {
        const json = JSON.stringify(reference);
        saveStmt.run(key, json, at);
        remember(key, json);
      },
      holds(key, reference) {
        return (cache.get(key) ?? (getStmt.get(key) as string | undefined)) === JSON.stringify(reference);
      },
    };
  }
  if (experiments.includes('view-audit')) {
    const audit = bot.ctx.store.audit;
    const append = audit.append.bind(audit);
    audit.append = (entry) => {
      if (entry.action !== 'case.viewed') append(entry);
    };
  }
}
