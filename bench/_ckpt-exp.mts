import { openDatabase } from '../src/adapters/sqlite/open-database.js';
import { createAuditLog } from '../src/adapters/sqlite/audit-log.js';
import { copyFileSync } from 'node:fs';
const mode = process.argv[2] ?? 'default';
const batch = Number(process.argv[3] ?? 1);
copyFileSync('/tmp/chat-bench-8orxTT/bot.sqlite', '/tmp/ckpt.sqlite');
const database = openDatabase('/tmp/ckpt.sqlite');
if (mode === 'off') database.sqlite.pragma('wal_autocheckpoint = 0');
if (mode === 'big') database.sqlite.pragma('wal_autocheckpoint = 10000');
const audit = createAuditLog(database.db);
const N = Number(process.env.N ?? 20000);
const t0 = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < N; i += batch) {
  const ps = [];
  for (let j = 0; j < batch; j++) ps.push(audit.appendSoon({ at: Date.now(), actor: 'lt-arn', action: 'case.viewed', caseId: 1 + ((i + j) * 7919) % 10000, reason: null, details: {} }));
  await Promise.all(ps);
}
const t = performance.now() - t0; const c = process.cpuUsage(c0);
console.log(mode, 'batch', batch, 'wall µs/entry', (1000 * t / N).toFixed(1), 'cpu µs/entry', ((c.user + c.system) / N).toFixed(1), 'sys', (c.system / N).toFixed(1));
database.close();
