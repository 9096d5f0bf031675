import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { processIo, runAsScript, type Io } from './open-cli-context.js';

// npm run backup -- <file>: a consistent copy while the bot runs (SQLite online backup API; WAL readers never block).

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
  const source = new Database(config.databasePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target);
  } finally {
    source.close();
  }
  const check = new Database(target, { readonly: true });
  try {
    const ok = (check.pragma('integrity_check', { simple: true }) as string) === 'ok';
    const cases = (check.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    io.out(`Back-up geschreven naar ${target}: ${cases} casussen, integriteit ${ok ? 'in orde' : 'NIET in orde'}.`);
    return ok ? 0 : 1;
  } finally {
    check.close();
  }
}

runAsScript(import.meta.url, () => main(process.argv.slice(2), process.env, processIo));
