import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/sqlite/open-database.js';
import { ETagConflictError, SqliteStorage } from '../../../src/adapters/teams/sqlite-storage.js';

describe('SqliteStorage (botbuilder Storage on bot_state)', () => {
  let dir: string;
  let file: string;
  let opened: OpenDatabase;
  let storage: SqliteStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'teammodel-storage-'));
    file = join(dir, 'state.sqlite');
    opened = openDatabase(file);
    storage = new SqliteStorage(opened.db);
  });
  afterEach(() => {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads nothing for unknown keys and an empty key list', async () => {
    expect(await storage.read(['nope'])).toEqual({});
    expect(await storage.read([])).toEqual({});
  });

  it('writes items and reads them back with an eTag, keeping nested JSON', async () => {
    await storage.write({ a: { step: 'kies-gemeente', list: [1, 2], nested: { x: null } }, b: { n: 1 } });
    const items = await storage.read(['a', 'b', 'c']);
    expect(Object.keys(items).sort()).toEqual(['a', 'b']);
    expect(items.a).toMatchObject({ step: 'kies-gemeente', list: [1, 2], nested: { x: null } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.a.eTag).not.toBe(items.b.eTag);
  });

  it('gives a new eTag on every write and accepts a write with the current eTag', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, v: 2 } });
    const second = (await storage.read(['k'])).k;
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('refuses a write with a stale eTag and leaves the stored item as it was', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, v: 2 } });
    await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('writes a batch all-or-nothing: one conflict and no item of the batch is written', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, v: 2 } });
    await expect(storage.write({ fresh: { v: 'nieuw' }, k: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['fresh'])).toEqual({});
  });

  it('overwrites unconditionally with eTag "*" or without an eTag', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('does not store the eTag inside the value', async () => {
    await storage.write({ k: { v: 1, eTag: '*' } });
    const row = opened.sqlite.prepare('SELECT value FROM bot_state WHERE key = ?').get('k') as { value: string };
    expect(JSON.parse(row.value)).toEqual({ v: 1 });
  });

  it('deletes items; deleting unknown keys is fine', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'unknown']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('refuses values that are not objects', async () => {
    await expect(storage.write({ k: 'tekst' as unknown as object })).rejects.toBeInstanceOf(TypeError);
  });

  it('keeps items and eTags when the file is closed and opened again', async () => {
    await storage.write({ 'msteams/bot/conversations/a:1': { flow: 'overdracht', stap: 2 } });
    const before = (await storage.read(['msteams/bot/conversations/a:1']))['msteams/bot/conversations/a:1'];
    opened.close();
    opened = openDatabase(file);
    storage = new SqliteStorage(opened.db);
    const after = (await storage.read(['msteams/bot/conversations/a:1']))['msteams/bot/conversations/a:1'];
    expect(after).toEqual(before);
    await storage.write({ 'msteams/bot/conversations/a:1': { ...after, stap: 3 } });
    await expect(storage.write({ 'msteams/bot/conversations/a:1': { ...before, stap: 4 } })).rejects.toBeInstanceOf(
      ETagConflictError,
    );
  });
});
