import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversationRefStore } from '../../../src/adapters/sqlite/conversation-ref-store.js';
import { openDatabase } from '../../../src/adapters/sqlite/open-database.js';

describe('createConversationRefStore', () => {
  it('saves, reads back and replaces a reference by key', () => {
    const { db, sqlite, close } = openDatabase(':memory:');
    const store = createConversationRefStore(db);
    expect(store.get('user:x')).toBeUndefined();
    store.save('user:x', { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' }, 1000);
    expect(store.get('user:x')).toEqual({ conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' });
    store.save('user:x', { conversation: { id: 'a:2' } }, 2000);
    expect(store.get('user:x')).toEqual({ conversation: { id: 'a:2' } });
    expect(sqlite.prepare('SELECT updated_at AS at FROM conversation_refs WHERE key = ?').get('user:x')).toEqual({
      at: 2000,
    });
    close();
  });

  it('holds: exactly this reference is stored (undefined fields do not count), also as read from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refs-'));
    const file = join(dir, 'r.sqlite');
    const first = openDatabase(file);
    const store = createConversationRefStore(first.db);
    const ref = { conversation: { id: 'a:1', tenantId: undefined }, serviceUrl: 'https://smba.example/' };
    expect(store.holds('user:x', ref)).toBe(false);
    store.save('user:x', ref, 1000);
    expect(store.holds('user:x', ref)).toBe(true);
    expect(store.holds('user:x', { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' })).toBe(true);
    expect(store.holds('user:x', { conversation: { id: 'a:2' }, serviceUrl: 'https://smba.example/' })).toBe(false);
    first.close();
    const second = openDatabase(file); // a new process: nothing cached, the row decides
    expect(createConversationRefStore(second.db).holds('user:x', ref)).toBe(true);
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('never stores a display name, whoever built the reference (a card copy, a new case thread)', () => {
    const { db, sqlite, close } = openDatabase(':memory:');
    const store = createConversationRefStore(db);
    const named = {
      reference: {
        serviceUrl: 'https://smba.example/',
        bot: { id: '28:bot', name: 'Teammodel' },
        user: { id: '29:x', aadObjectId: 'aad-1', name: 'Pien Meijer (fictief)', email: 'pien@example.org' },
        conversation: { id: '19:c@thread.tacv2', name: 'Gezin Jansen - Kerkstraat 12', properties: { a: 1 } },
      },
      activityId: '1',
    };
    store.save('card:handover:1:lt-arn', named, 1000);
    const stored = sqlite.prepare('SELECT reference FROM conversation_refs').pluck().get() as string;
    expect(JSON.parse(stored)).toEqual({
      reference: {
        serviceUrl: 'https://smba.example/',
        bot: { id: '28:bot' },
        user: { id: '29:x', aadObjectId: 'aad-1' },
        conversation: { id: '19:c@thread.tacv2' },
      },
      activityId: '1',
    });
    // The same reference offered again is held: no write on every turn for the names it leaves out.
    expect(store.holds('card:handover:1:lt-arn', named)).toBe(true);
    close();
  });
});
