import { existsSync } from 'node:fs';
import { openDatabase } from '../adapters/sqlite/open-database.js';
import { loadConfig } from '../config.js';
import { processIo, runAsScript, type Io } from './open-cli-context.js';

// npm run db:init: the explicit first start of a deployment. In credentials mode the bot refuses to start on a
// database file that is not there (docs/deploy.md, "First start"); this creates it at DATABASE_PATH (0600, in a 0700
// directory) with every migration applied. On an existing database it changes nothing but pending migrations, which
// the bot applies at start anyway, and says so.

export function main(argv: string[], env: Record<string, string | undefined>, io: Io): number {
  if (argv.length > 0) {
    io.err('Gebruik: npm run db:init (de database staat in DATABASE_PATH)');
    return 2;
  }
  const path = loadConfig(env).databasePath;
  if (path === ':memory:') {
    io.err('DATABASE_PATH is :memory:; een database in het geheugen hoeft niet aangemaakt te worden.');
    return 2;
  }
  const existed = existsSync(path);
  openDatabase(path).close();
  io.out(
    existed
      ? `Database ${path} bestond al; niets veranderd (openstaande migraties zijn toegepast).`
      : `Database ${path} aangemaakt, met alle migraties. De bot kan nu starten.`,
  );
  return 0;
}

runAsScript(import.meta.url, () => main(process.argv.slice(2), process.env, processIo));
