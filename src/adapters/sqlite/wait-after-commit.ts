import type { ConversationRefStore } from '../../app/ports.js';
import { BUSY_DEADLINE_MS, isBusyError } from '../../app/retry-when-busy.js';
import type { Store } from '../../app/store.js';

/**
 * The store's writes with one rule for a busy database. A write normally fails fast (the short busy timeout), so that
 * its turn or tick can wait asynchronously and run again (retryWhenBusy). That is not possible for a write that
 * follows a commit in the same synchronous run — the case card's audit line right after `casus nieuw` opened the
 * case, a pressed checklist card remembered after the tick — because running the work again would repeat the commit.
 * Such a write waits in place, as every write did before (SQLite's busy handler, up to BUSY_DEADLINE_MS in all).
 * "The same synchronous run" ends at the next microtask, i.e. at the first `await`: after it, other work may have run.
 */
export function waitAfterCommit(
  store: Store,
  conversations: ConversationRefStore,
  now: () => number = () => performance.now(),
): { store: Store; conversations: ConversationRefStore } {
  let committedInThisRun = false;
  let depth = 0;
  const noteCommit = () => {
    if (committedInThisRun) return;
    committedInThisRun = true;
    queueMicrotask(() => (committedInThisRun = false));
  };
  const write = <T>(fn: () => T): T => {
    if (depth > 0) return fn(); // inside one of our transactions already: a savepoint, no lock to wait for
    const until = committedInThisRun ? now() + BUSY_DEADLINE_MS : Number.NEGATIVE_INFINITY;
    for (;;) {
      depth++;
      try {
        const result = fn();
        noteCommit();
        return result;
      } catch (err) {
        // Busy means BEGIN IMMEDIATE (or the single statement) did not start: running it again repeats nothing.
        if (!isBusyError(err) || now() >= until) throw err;
      } finally {
        depth--;
      }
    }
  };
  return {
    store: { ...store, transaction: (fn) => write(() => store.transaction(fn)) },
    conversations: {
      ...conversations,
      save: (key, reference, at) => write(() => conversations.save(key, reference, at)),
    },
  };
}
