import { LruMap } from './lru-map.js';

// Teams delivers an activity again when the bot did not answer in time (a slow turn, a restart of the connection).
// The same message or button press must not take effect twice: a second escalation, a second acute alarm. Activity
// ids are unique within a conversation, so the pair is remembered, from the moment the turn starts, for a while.
// A turn that failed (not a refusal, which was answered) is forgotten again: it wrote nothing (every use case is one
// transaction), so a redelivery after the failure is a genuine second try, not a duplicate. In memory only: redeliveries come within seconds to minutes,
// and nothing about a person is kept; after a restart a redelivery is served again (README, "Decisions").

const MAX_REMEMBERED = 20_000;
const REMEMBER_MS = 30 * 60_000;

export interface SeenActivities {
  /** True when this activity was seen before (within the window); otherwise remembers it and returns false. */
  seenBefore(conversationId: string | undefined, activityId: string | undefined, now: number): boolean;
  /** Forgets the activity, after its turn failed: a redelivery then runs it again. */
  forget(conversationId: string | undefined, activityId: string | undefined): void;
}

const keyOf = (conversationId: string, activityId: string) => `${conversationId}\u0000${activityId}`;

export function createSeenActivities(): SeenActivities {
  const seen = new LruMap<string, number>(MAX_REMEMBERED);
  return {
    seenBefore(conversationId, activityId, now) {
      if (!conversationId || !activityId) return false;
      const key = keyOf(conversationId, activityId);
      const at = seen.get(key);
      if (at !== undefined && now - at < REMEMBER_MS) return true;
      seen.set(key, now);
      return false;
    },
    forget(conversationId, activityId) {
      if (conversationId && activityId) seen.delete(keyOf(conversationId, activityId));
    },
  };
}
