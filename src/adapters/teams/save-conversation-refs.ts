import type { Activity } from 'botbuilder';
import type { ConversationRefStore } from '../../app/ports.js';
import { conversationRefKeys } from './conversation-ref-keys.js';

/** Stores the activity's conversation references (see conversationRefKeys); skips unchanged ones. Returns the keys written. */
export function saveConversationRefs(activity: Partial<Activity>, store: ConversationRefStore, now: number): string[] {
  const written: string[] = [];
  for (const [key, reference] of conversationRefKeys(activity)) {
    // Compared and stored as JSON, so undefined fields do not count.
    if (store.holds(key, reference)) continue;
    store.save(key, reference, now);
    written.push(key);
  }
  return written;
}
