import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAuditLog } from '../adapters/sqlite/audit-log.js';
import * as schema from '../adapters/sqlite/schema.js';
import { ConfigError, loadConfig, loadDotEnvFile } from '../config.js';
import { isEntryPoint } from '../is-entry-point.js';

// `npm run audit:verify`: checks the hash chain of the audit log. Exit codes: 0 intact, 1 broken, 2 could not check
// (no database, bad configuration, not a teammodel database), so a cron job or monitoring can tell them apart.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE =
  'Gebruik: npm run audit:verify [-- <pad naar database>]  (standaard DATABASE_PATH, anders ./data/teammodel.sqlite)';

export function main(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  let path: string;
  try {
    path = argv[0] ?? loadConfig(env).databasePath;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 2;
  }
  if (!existsSync(path)) {
    io.err(`Database niet gevonden: ${resolve(path)}. Zet DATABASE_PATH op het SQLite-bestand van de bot.`);
    return 2;
  }
  // Read-only: checking the log must never change it, and must not run migrations on a production file.
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    const result = createAuditLog(drizzle(sqlite, { schema })).verify();
    if (result.ok) {
      io.out(`Auditlog in orde: ${result.count} regels, keten klopt.`);
      return 0;
    }
    io.err(`Auditlog GEBROKEN bij regel ${result.firstBrokenId}: ${result.problem}`);
    io.err(`${result.count} regels daarvoor zijn in orde.`);
    return 1;
  } catch (error) {
    io.err(`Kon de auditlog in ${resolve(path)} niet lezen: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    sqlite?.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  loadDotEnvFile(process.env); // ./.env as the bot reads it; variables already set win
  process.exitCode = main(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
