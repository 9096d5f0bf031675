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
    expect(sqlite.prepare('SELECT updated_at AS at FROM conversation_refs WHERE key = ?').get('user:x')).toEqual({ at: 2000 });
    close();
  });
});
