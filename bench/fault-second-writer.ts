// A second process writing to the bot's SQLite file, for the contention fault (bench/fault-contention.ts,
// test/faults/sqlite-contention.test.ts). Run: node --import tsx bench/fault-second-writer.ts --db FILE
//   [--hold-min 50] [--hold-max 500] [--gap-min 5] [--gap-max 50] [--seed S]
//
// Repeats: BEGIN IMMEDIATE (the write lock; waits up to its own busy timeout), insert a row into its own scratch
// table, hold the lock for a random hold-min..hold-max ms, COMMIT, pause gap-min..gap-max ms. Like a CLI (purge,
// KPI export, backup bookkeeping) or a second bot instance during a rolling deploy holding write transactions.
// Prints `holding` once it has held the lock the first time, and one JSON line of statistics when it gets SIGTERM.

import Database from 'better-sqlite3';
import { argOf } from './bench-utils.js';
import { seededRandom } from './seeded-random.js';

// Kept free of src/ imports so the process starts fast.
// SIGTERM ends the current hold or pause at once (a held lock is committed first), so a long --gap does not delay exit.
let stopping = false;
let wake: (() => void) | undefined;
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    if (stopping) return resolve();
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

const path = argOf('--db');
if (!path) throw new Error('--db FILE is required');
const holdMin = Number(argOf('--hold-min') ?? 50);
const holdMax = Number(argOf('--hold-max') ?? 500);
const gapMin = Number(argOf('--gap-min') ?? 5);
const gapMax = Number(argOf('--gap-max') ?? 50);
const random = seededRandom(Number(argOf('--seed') ?? 1));

const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.exec('CREATE TABLE IF NOT EXISTS fault_scratch (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, pad TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO fault_scratch (at, pad) VALUES (?, ?)');

const stats = { transactions: 0, heldMs: 0, waitedForLockMs: 0, maxWaitForLockMs: 0, errors: 0, runMs: 0 };
const stop = () => {
  stopping = true;
  wake?.();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const started = performance.now();
let announced = false;
while (!stopping) {
  const hold = holdMin + random() * (holdMax - holdMin);
  const gap = gapMin + random() * (gapMax - gapMin);
  const t0 = performance.now();
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    stats.errors++;
    console.error(`second writer: BEGIN IMMEDIATE failed: ${String(err)}`);
    await sleep(gap);
    continue;
  }
  const t1 = performance.now();
  stats.waitedForLockMs += t1 - t0;
  stats.maxWaitForLockMs = Math.max(stats.maxWaitForLockMs, t1 - t0);
  insert.run(Date.now(), 'x'.repeat(200));
  if (!announced) {
    announced = true;
    console.log('holding');
  }
  await sleep(hold);
  db.exec('COMMIT');
  stats.transactions++;
  stats.heldMs += performance.now() - t1;
  await sleep(gap);
}
stats.runMs = performance.now() - started;
db.close();
console.log(JSON.stringify(stats));
