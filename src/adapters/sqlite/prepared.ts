import type Database from 'better-sqlite3';
import { Column, getTableColumns, getTableName, sql } from './orm.js';
import type { Placeholder } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './open-database.js';

// Statements built once and reused. drizzle builds the SQL text and better-sqlite3 prepares it on every call of a
// query builder; on the scheduler's hot path that was half the time. The helpers here prepare raw better-sqlite3
// statements from the drizzle schema (column names, and each column's own conversions, e.g. booleans, exactly as
// drizzle applies them); elsewhere a drizzle query is prepared once with `sql.placeholder`.

/** Placeholders named after the keys: `{ a: sql.placeholder('a'), … }`. */
export function placeholders(keys: readonly string[]): Record<string, Placeholder> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)]));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TableCodec<Row> {
  /** `"due_date" AS "dueDate", …` in the schema's column order (the order drizzle's `select()` returns). */
  readonly list: string;
  /** Applies the columns' conversions to a row selected with `list` (in place). */
  decode(row: Record<string, unknown>): Row;
}

/** The select list and row decoder of a table, for raw statements. */
export function codecOf<T extends SQLiteTable>(table: T): TableCodec<T['$inferSelect']> {
  const columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
  const list = columns.map(([key, column]) => `${quote(column.name)} AS ${quote(key)}`).join(', ');
  const converting = columns.filter(([, column]) => column.mapFromDriverValue !== Column.prototype.mapFromDriverValue);
  return {
    list,
    decode(row) {
      for (const [key, column] of converting) {
        const value = row[key];
        if (value !== null && value !== undefined) row[key] = column.mapFromDriverValue(value);
      }
      return row as T['$inferSelect'];
    },
  };
}

/** The table's columns among the keys of `values` whose value is defined, in the schema's column order. */
function definedColumns(
  columns: ReadonlyArray<[string, SQLiteColumn]>,
  values: Record<string, unknown>,
): Array<[string, SQLiteColumn]> {
  return columns.filter(([key]) => values[key] !== undefined);
}

/** As drizzle binds a value: NULL stays NULL, anything else goes through the column's encoder. */
const encode = (column: SQLiteColumn, value: unknown) => (value === null ? null : column.mapToDriverValue(value));

/** A statement per distinct set of columns, built on first use (a handful per table). */
function perSignature<S>(
  build: (columns: Array<[string, SQLiteColumn]>) => S,
): (columns: Array<[string, SQLiteColumn]>) => S {
  const cache = new Map<string, S>();
  return (columns) => {
    const signature = columns.map(([key]) => key).join(',');
    let statement = cache.get(signature);
    if (statement === undefined) {
      statement = build(columns);
      cache.set(signature, statement);
    }
    return statement;
  };
}

/**
 * `UPDATE table SET <patch's columns> WHERE id = ?`. Keys that are not columns and undefined values are left out, as
 * drizzle's `set` does; a patch with nothing left does nothing.
 */
export function preparedUpdateById(
  db: Db,
  table: SQLiteTable,
  id: SQLiteColumn,
): (idValue: number, patch: object) => void {
  const columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
  const statementFor = perSignature((cols) =>
    db.$client.prepare(
      `UPDATE ${quote(getTableName(table))} SET ${cols.map(([, c]) => `${quote(c.name)} = ?`).join(', ')} WHERE ${quote(id.name)} = ?`,
    ),
  );
  return (idValue, patch) => {
    const values = patch as Record<string, unknown>;
    const cols = definedColumns(columns, values);
    if (cols.length === 0) return;
    statementFor(cols).run(...cols.map(([key, column]) => encode(column, values[key])), idValue);
  };
}

/**
 * `INSERT INTO table (<defined columns>) VALUES (…)`, optionally `RETURNING` the new id or the whole row (decoded).
 * Undefined values are left out (the column default applies), as drizzle's `values` does.
 */
export function preparedInsert<T extends SQLiteTable>(db: Db, table: T, returning: 'id'): (values: object) => number;
export function preparedInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  returning: 'row',
): (values: object) => T['$inferSelect'];
export function preparedInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  returning: 'nothing',
): (values: object) => Database.RunResult;
export function preparedInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  returning: 'id' | 'row' | 'nothing',
): (values: object) => unknown {
  const columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
  const codec = codecOf(table);
  const tail = returning === 'id' ? ' RETURNING id' : returning === 'row' ? ` RETURNING ${codec.list}` : '';
  const statementFor = perSignature((cols) => {
    const statement = db.$client.prepare(
      `INSERT INTO ${quote(getTableName(table))} (${cols.map(([, c]) => quote(c.name)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${tail}`,
    );
    return returning === 'id' ? statement.pluck() : statement;
  });
  return (input) => {
    const values = input as Record<string, unknown>;
    const cols = definedColumns(columns, values);
    const statement = statementFor(cols);
    const args = cols.map(([key, column]) => encode(column, values[key]));
    if (returning === 'id') return statement.get(...args) as number;
    if (returning === 'row') return codec.decode(statement.get(...args) as Record<string, unknown>);
    return statement.run(...args);
  };
}

/** A statement per distinct literal LIMIT (callers use one or two): a bound LIMIT makes SQLite re-plan on every run. */
export function perLimit<S>(build: (limit: number) => S): (limit: number) => S {
  const cache = new Map<number, S>();
  return (limit) => {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`bad limit: ${limit}`);
    let statement = cache.get(limit);
    if (statement === undefined) {
      statement = build(limit);
      cache.set(limit, statement);
    }
    return statement;
  };
}
