import { createRequire } from 'node:module';

// Drizzle, loaded as its CommonJS build. Node 24's ES module loader reads drizzle-orm's package.json (180 KB, 447
// export paths) again for each of the ~300 modules an import pulls in: about 150 MB of garbage at start, and a heap
// that V8 keeps committed afterwards (some 200 MB more RSS for the whole life of the bot; BENCHMARKS.md, Memory).
// The CommonJS loader reads it once. Every file of the project takes drizzle from here, so one copy is loaded; the
// types are the package's own (the same API in both builds).

const require = createRequire(import.meta.url);

const orm = require('drizzle-orm') as typeof import('drizzle-orm');
const sqliteCore = require('drizzle-orm/sqlite-core') as typeof import('drizzle-orm/sqlite-core');

export const { and, asc, Column, desc, eq, getTableColumns, getTableName, inArray, isNotNull, isNull, like, or, sql } =
  orm;
export const { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } = sqliteCore;
export const { drizzle } = require('drizzle-orm/better-sqlite3') as typeof import('drizzle-orm/better-sqlite3');
export const { migrate } =
  require('drizzle-orm/better-sqlite3/migrator') as typeof import('drizzle-orm/better-sqlite3/migrator');
