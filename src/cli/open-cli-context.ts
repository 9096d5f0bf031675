import type { AppContext } from '../app/app-context.js';
import { loadNormsFile } from '../adapters/files/load-norms-file.js';
import { loadRosterFile } from '../adapters/files/load-roster-file.js';
import { signAuditRowsWith } from '../adapters/sqlite/audit-log.js';
import { ADMIN_BUSY_TIMEOUT_MS, openDatabase, type OpenDatabase } from '../adapters/sqlite/open-database.js';
import { loadConfig, loadDotEnvFile } from '../config.js';
import { isEntryPoint } from '../is-entry-point.js';
import { createAppContext } from '../create-app-context.js';

/** The admin scripts (kpi, purge) use the bot's own configuration, database and use cases. */
export function openCliContext(env: Record<string, string | undefined> = process.env): {
  ctx: AppContext;
  database: OpenDatabase;
} {
  const config = loadConfig(env);
  // A script may wait for the bot's (short) transactions in SQLite's busy handler: it has no event loop to keep free.
  const database = openDatabase(config.databasePath, { busyTimeoutMs: ADMIN_BUSY_TIMEOUT_MS });
  signAuditRowsWith(database.sqlite, config.auditMacKey); // purge writes audit rows too: signed like the bot's
  const ctx = createAppContext({
    database,
    roster: loadRosterFile(config.rosterFile),
    norms: loadNormsFile(config.normsFile),
    timezone: config.timezone,
    clock: { now: () => Date.now() },
  });
  return { ctx, database };
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

export function runAsScript(url: string, main: () => Promise<number> | number): void {
  if (!isEntryPoint(url)) return;
  loadDotEnvFile(process.env); // ./.env as the bot reads it; variables already set win
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (err) => {
        process.stderr.write(`${(err as Error).message}\n`);
        process.exit(1);
      },
    );
}
