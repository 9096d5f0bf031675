import { eq } from 'drizzle-orm';
import type { ConversationRefStore } from '../../app/ports.js';
import type { Db } from './open-database.js';
import { conversationRefs } from './schema.js';

/** Conversation references as JSON rows, one per key (`user:<aadObjectId>`, `team:<teamId>`, `case:<caseId>`). */
export function createConversationRefStore(db: Db): ConversationRefStore {
  return {
    save(key, reference, at) {
      const json = JSON.stringify(reference);
      db.insert(conversationRefs)
        .values({ key, reference: json, updatedAt: at })
        .onConflictDoUpdate({ target: conversationRefs.key, set: { reference: json, updatedAt: at } })
        .run();
    },
    get(key) {
      const row = db.select({ reference: conversationRefs.reference }).from(conversationRefs).where(eq(conversationRefs.key, key)).get();
      return row ? (JSON.parse(row.reference) as object) : undefined;
    },
  };
}
