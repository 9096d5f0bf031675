import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkpointFileFor, readCheckpointText, writeFileAtomically } from '../adapters/sqlite/audit-checkpoint.js';
import { loadConfig } from '../config.js';
import { processIo, runAsScript, type Io } from './open-cli-context.js';

// npm run backup -- <file>: a consistent copy while the bot runs (SQLite online backup API; WAL readers never block).
// The copy is one self-contained file: its directory is created, it is written under a temporary name and renamed
// only once it is complete and checked (a backup that was cut off never looks like a finished one), and it is switched
// from WAL to a rollback journal, so no `-wal`/`-shm` files are left beside it. The bot sets WAL again when it opens a
// restored copy.

/** The files SQLite may keep beside a database. */
const SIDECARS = ['-wal', '-shm', '-journal'];

export async function main(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const target = argv[0];
  if (!target || argv.length > 1) {
    io.err('Gebruik: npm run backup -- <bestand>');
    return 2;
  }
  if (existsSync(target)) {
    io.err(`${target} bestaat al; kies een nieuw bestand, zodat er nooit een back-up overschreven wordt.`);
    return 2;
  }
  const config = loadConfig(env);
  if (!existsSync(config.databasePath)) {
    io.err(`Database niet gevonden: ${config.databasePath}`);
    return 2;
  }
  // The bot's audit checkpoint goes beside the copy (audit:verify finds it there). Read before the copy is taken, so it
  // never names a row the copy lacks.
  const checkpoint = readCheckpointText(config.databasePath);
  mkdirSync(dirname(resolve(target)), { recursive: true, mode: 0o700 });
  const partial = join(dirname(resolve(target)), `.${basename(target)}.${process.pid}.partial`);
  const removePartial = () => {
    for (const suffix of ['', ...SIDECARS]) rmSync(`${partial}${suffix}`, { force: true });
  };
  try {
    const source = new Database(config.databasePath, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(partial);
    } finally {
      source.close();
    }
    const copy = new Database(partial);
    let ok: boolean;
    let cases: number;
    try {
      // The copy keeps the source's WAL flag; a rollback journal makes it a single file again.
      copy.pragma('journal_mode = DELETE');
      ok = (copy.pragma('integrity_check', { simple: true }) as string) === 'ok';
      cases = (copy.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    } finally {
      copy.close();
    }
    if (!ok) {
      io.err(`Back-up NIET geschreven: de kopie is niet in orde (PRAGMA integrity_check); ${target} is niet gemaakt.`);
      return 1;
    }
    chmodSync(partial, 0o600); // as private as the database itself
    renameSync(partial, target);
    io.out(`Back-up geschreven naar ${target}: ${cases} casussen, integriteit in orde.`);
    if (checkpoint !== undefined) {
      writeFileAtomically(checkpointFileFor(target), checkpoint);
      io.out(`Auditcontrolepunt ernaast: ${checkpointFileFor(target)}.`);
    }
    return 0;
  } finally {
    removePartial();
  }
}

runAsScript(import.meta.url, () => main(process.argv.slice(2), process.env, processIo));
