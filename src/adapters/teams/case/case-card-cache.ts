import type { MemberId } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import { LruMap } from '../lru-map.js';

/**
 * Rendered case cards per (case, viewer), each valid for one version of the case on one day. The version is bumped by
 * database triggers on every change to the case or anything its card shows (migrations 0003, 0004), whichever process
 * writes; the day is part of the stamp because the card counts days ("liep af op …", "wacht sinds … (n werkdagen)").
 * So an entry for the current stamp shows exactly what a fresh read would. Need-to-know is part of the entry: it was
 * checked when the card was built, and who may see a case only changes with its team or escalations (which bump the
 * version) or with the roster (fixed while the bot runs). Bounded: the least recently used entry goes first.
 */
export class CaseCardCache {
  private readonly entries: LruMap<string, { version: string; card: AdaptiveCard }>;

  constructor(maxEntries = 2000) {
    this.entries = new LruMap(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  get(caseId: number, viewerId: MemberId, version: string): AdaptiveCard | undefined {
    const key = `${caseId}\u0000${viewerId}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.version === version) return entry.card;
    this.entries.delete(key); // an older version is never asked for again
    return undefined;
  }

  set(caseId: number, viewerId: MemberId, version: string, card: AdaptiveCard): void {
    this.entries.set(`${caseId}\u0000${viewerId}`, { version, card: deepFreeze(card) });
  }
}

/** A cached card is sent again and again: nothing may change it after it was built. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
