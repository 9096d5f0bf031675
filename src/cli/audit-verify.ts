import Database from 'better-sqlite3';
import { drizzle } from '../adapters/sqlite/orm.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkpointFileFor, CheckpointFileError, readCheckpointFile } from '../adapters/sqlite/audit-checkpoint.js';
import { createAuditLog } from '../adapters/sqlite/audit-log.js';
import * as schema from '../adapters/sqlite/schema.js';
import { ConfigError, loadConfig, loadDotEnvFile } from '../config.js';
import type { AuditChainResult, AuditCheckpoint } from '../domain/audit-chain.js';
import { AUDIT_MAC_KEY_MIN_LENGTH } from '../domain/audit-mac.js';
import { isEntryPoint } from '../is-entry-point.js';

// `npm run audit:verify`: checks the audit log's hash chain; with the key (AUDIT_MAC_KEY or --key-file) every row's
// MAC, so a row rewritten with the chain recomputed is found; with a checkpoint (--checkpoint, or the bot's
// `<database>-audit-checkpoint.json` beside the database) that its row is still there unchanged, so rows cut off the
// end are found. Each check it could not make is said in the output. Exit codes: 0 intact, 1 broken, 2 could not check
// (no database, bad configuration, key or checkpoint, not a teammodel database), so a cron job or monitoring can tell
// them apart.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE =
  'Gebruik: npm run audit:verify [-- [<pad naar database>] [--checkpoint <bestand>] [--key-file <bestand of - voor stdin>]]\n' +
  '  database: standaard DATABASE_PATH, anders ./data/teammodel.sqlite\n' +
  '  --checkpoint: standaard <database>-audit-checkpoint.json als dat bestand er is\n' +
  '  --key-file: de MAC-sleutel; standaard AUDIT_MAC_KEY uit de omgeving';

interface Args {
  path?: string;
  checkpoint?: string;
  keyFile?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--checkpoint' || arg === '--key-file') {
      const value = argv[++i];
      if (value === undefined || value === '') return `${arg} heeft een bestand nodig.`;
      if (arg === '--checkpoint') args.checkpoint = value;
      else args.keyFile = value;
    } else if (arg.startsWith('--')) {
      return `Onbekende optie ${arg}.`;
    } else if (args.path !== undefined) {
      return 'Geef één database.';
    } else {
      args.path = arg;
    }
  }
  return args;
}

/** The key from --key-file (whitespace around it ignored) or AUDIT_MAC_KEY; a problem is never shown with the key. */
function readKey(args: Args, env: Record<string, string | undefined>): { key?: string; source?: string } | string {
  let key: string | undefined;
  let source: string;
  if (args.keyFile !== undefined) {
    source = args.keyFile === '-' ? '--key-file (stdin)' : `--key-file ${args.keyFile}`;
    try {
      key = readFileSync(args.keyFile === '-' ? 0 : args.keyFile, 'utf8').trim();
    } catch (error) {
      return `Kon de sleutel niet lezen uit ${args.keyFile} (${(error as NodeJS.ErrnoException).code ?? 'fout'}).`;
    }
    if (key === '') return `${args.keyFile} bevat geen sleutel.`;
  } else {
    source = 'AUDIT_MAC_KEY';
    key = env.AUDIT_MAC_KEY?.trim() === '' ? undefined : env.AUDIT_MAC_KEY;
    if (key === undefined) return {};
  }
  if (key.length < AUDIT_MAC_KEY_MIN_LENGTH)
    return `De sleutel uit ${source} is te kort: minstens ${AUDIT_MAC_KEY_MIN_LENGTH} tekens (de waarde wordt niet getoond).`;
  return { key, source };
}

function macLine(result: AuditChainResult & { ok: true }, keySource: string | undefined): string {
  const first = result.macs?.firstMacId ?? null;
  if (keySource === undefined)
    return (
      "MAC's NIET gecontroleerd: geen sleutel (zet AUDIT_MAC_KEY of geef --key-file <bestand>), dus een herschreven " +
      'regel met herberekende keten valt zo niet op' +
      (first === null ? "; de auditlog heeft geen MAC's." : `; de auditlog heeft MAC's vanaf regel ${first}.`)
    );
  if (result.count === 0) return `Geen MAC's: de auditlog is nog leeg (sleutel uit ${keySource}).`;
  if (first === null)
    return `Geen MAC's: alle regels zijn van vóór de sleutel en alleen door de keten beschermd (sleutel uit ${keySource}).`;
  if (first === 1) return `MAC's kloppen: elke regel is ondertekend met de sleutel uit ${keySource}.`;
  return `MAC's kloppen vanaf regel ${first} (sleutel uit ${keySource}); de regels daarvoor zijn van vóór de sleutel en alleen door de keten beschermd.`;
}

export function main(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  let path: string;
  try {
    path = args.path ?? loadConfig(env).databasePath;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 2;
  }
  if (!existsSync(path)) {
    io.err(`Database niet gevonden: ${resolve(path)}. Zet DATABASE_PATH op het SQLite-bestand van de bot.`);
    return 2;
  }
  const key = readKey(args, env);
  if (typeof key === 'string') {
    io.err(key);
    return 2;
  }
  // Read before the database: the bot may write a newer checkpoint meanwhile, never one the database lacks.
  const besideDatabase = checkpointFileFor(path);
  const checkpointFile = args.checkpoint ?? (existsSync(besideDatabase) ? besideDatabase : undefined);
  let checkpoint: AuditCheckpoint | undefined;
  try {
    if (checkpointFile !== undefined) checkpoint = readCheckpointFile(checkpointFile);
  } catch (error) {
    if (!(error instanceof CheckpointFileError)) throw error;
    io.err(error.message);
    return 2;
  }
  const checkpointName =
    checkpointFile === undefined
      ? ''
      : `${resolve(checkpointFile)}${args.checkpoint === undefined ? ' (naast de database gevonden)' : ''}`;

  // Read-only: checking the log must never change it, and must not run migrations on a production file.
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    const result = createAuditLog(drizzle(sqlite, { schema })).verify({
      ...(key.key !== undefined ? { macKey: key.key } : {}),
      ...(checkpoint ? { checkpoint } : {}),
    });
    if (result.ok) {
      io.out(`Auditlog in orde: ${result.count} regels, keten klopt.`);
      io.out(macLine(result, key.source));
      io.out(
        checkpoint
          ? `Controlepunt ${checkpointName} klopt: regel ${checkpoint.id} van ${checkpoint.at} staat er ongewijzigd in, dus tot daar is niets weggehaald of herschreven.`
          : `Geen controlepunt: regels die aan het eind zijn weggehaald vallen zo niet op (geef --checkpoint <bestand>; de bot schrijft ${checkpointFileFor(resolve(path))}).`,
      );
      return 0;
    }
    io.err(`Auditlog GEBROKEN bij regel ${result.firstBrokenId}: ${result.problem}`);
    io.err(
      result.by === 'checkpoint'
        ? `De keten zelf klopt tot daar (${result.count} regels), maar niet met het controlepunt ${checkpointName}.`
        : `${result.count} regels daarvoor zijn in orde.`,
    );
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
