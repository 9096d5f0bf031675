import type { ConversationRefStore } from '../../app/ports.js';
import type { Db } from './open-database.js';

const CACHE_LIMIT = 20_000;

/**
 * What a conversation reference may not keep, at any depth: display names (of people, the bot, a group chat, a channel
 * or a team: Teams sends them all as `name`, and a chat's or channel's name is typed by people and may name a family,
 * "Gezin Jansen - Kerkstraat 12"), the other person fields Teams can send, and free-form `properties`. A proactive
 * message needs ids, the tenant, the service URL and the kind of conversation only.
 */
const NOT_KEPT: ReadonlySet<string> = new Set([
  'name',
  'givenName',
  'surname',
  'userPrincipalName',
  'email',
  'properties',
]);

/** The JSON of `value` without the fields of NOT_KEPT, whoever built it (a turn, a card copy, a new case thread). */
const storedJson = (value: object): string =>
  JSON.stringify(value, (key, v: unknown) => (NOT_KEPT.has(key) ? undefined : v));

/**
 * Conversation references as JSON rows, one per key (`user:<aadObjectId>`, `team:<teamId>`, `case:<caseId>`,
 * `card:handover:<id>:<holder>`), ids only (NOT_KEPT is left out of what is stored, and of what `holds` compares).
 * Every turn checks the sender's reference, so the last known JSON per key is kept in memory: an unchanged reference
 * costs no database read. The bot process is the only writer of these rows.
 */
export function createConversationRefStore(db: Db): ConversationRefStore {
  const upsert = db.$client.prepare(
    'INSERT INTO conversation_refs (key, reference, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at',
  );
  const select = db.$client.prepare('SELECT reference FROM conversation_refs WHERE key = ?');
  const cache = new Map<string, string | null>();
  const remember = (key: string, json: string | null) => {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, json);
  };
  const stored = (key: string): string | null => {
    let json = cache.get(key);
    if (json === undefined) {
      json = (select.get(key) as { reference: string } | undefined)?.reference ?? null;
      remember(key, json);
    }
    return json;
  };
  return {
    save(key, reference, at) {
      const json = storedJson(reference);
      upsert.run(key, json, at);
      remember(key, json);
    },
    get(key) {
      const json = stored(key);
      return json === null ? undefined : (JSON.parse(json) as object);
    },
    holds(key, reference) {
      return stored(key) === storedJson(reference);
    },
  };
}
