import type { Activity } from 'botbuilder';
import type { ConversationRefStore } from '../../app/ports.js';
import { conversationRefKeys } from './conversation-ref-keys.js';

/** Stores the activity's conversation references (see conversationRefKeys); skips unchanged ones. Returns the keys written. */
export function saveConversationRefs(activity: Partial<Activity>, store: ConversationRefStore, now: number): string[] {
  const written: string[] = [];
  for (const [key, reference] of conversationRefKeys(activity)) {
    const json = JSON.parse(JSON.stringify(reference)) as object; // drops undefined fields
    const current = store.get(key);
    if (current && JSON.stringify(current) === JSON.stringify(json)) continue;
    store.save(key, json, now);
    written.push(key);
  }
  return written;
}
