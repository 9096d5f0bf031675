import { describe, expect, it } from 'vitest';
import { waitAfterCommit } from '../../../src/adapters/sqlite/wait-after-commit.js';
import type { ConversationRefStore } from '../../../src/app/ports.js';
import type { Store } from '../../../src/app/store.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** A store whose top-level transactions fail busy while `held` says so; the clock moves 100 ms per busy failure. */
function fakeStore() {
  const s = { held: 0, begins: 0, clock: 0 };
  let depth = 0;
  const store = {
    transaction<T>(fn: () => T): T {
      if (depth === 0) {
        s.begins++;
        if (s.held > 0) {
          s.held--;
          s.clock += 100; // SQLite's busy handler waited out the short timeout
          throw busy();
        }
      }
      depth++;
      try {
        return fn();
      } finally {
        depth--;
      }
    },
  } as unknown as Store;
  const saved: string[] = [];
  const conversations: ConversationRefStore = {
    save: (key) => {
      if (s.held > 0) {
        s.held--;
        s.clock += 100;
        throw busy();
      }
      saved.push(key);
    },
    get: () => undefined,
    holds: () => false,
  };
  return { s, saved, ...waitAfterCommit(store, conversations, () => s.clock) };
}

describe('waitAfterCommit', () => {
  it('lets the first write of a synchronous run fail fast, so its turn can wait asynchronously and run again', () => {
    const f = fakeStore();
    f.s.held = 1;
    expect(() => f.store.transaction(() => 1)).toThrow('database is locked');
    expect(f.s.begins).toBe(1);
  });

  it('makes a write that follows a commit in the same synchronous run wait in place instead (a re-run would repeat the commit)', () => {
    const f = fakeStore();
    expect(f.store.transaction(() => 'case opened')).toBe('case opened');
    f.s.held = 5; // another process takes the lock between the two transactions
    expect(f.store.transaction(() => 'case viewed')).toBe('case viewed');
    expect(f.s.begins).toBe(1 + 6);
  });

  it('counts only top-level commits: a savepoint inside a transaction neither waits nor counts', () => {
    const f = fakeStore();
    f.store.transaction(() => f.store.transaction(() => 'savepoint'));
    expect(f.s.begins).toBe(1);
    f.s.held = 1;
    f.store.transaction(() => 2); // follows the commit above: waits
    expect(f.s.begins).toBe(3);
  });

  it('fails fast again after an await: other work may have run in between', async () => {
    const f = fakeStore();
    f.store.transaction(() => 1);
    await Promise.resolve();
    f.s.held = 1;
    expect(() => f.store.transaction(() => 2)).toThrow('database is locked');
  });

  it('gives up after 15 s of waiting, as the old busy timeout did', () => {
    const f = fakeStore();
    f.store.transaction(() => 1);
    f.s.held = 1_000;
    expect(() => f.store.transaction(() => 2)).toThrow('database is locked');
    expect(f.s.clock).toBe(15_000);
  });

  it('applies the same rule to conversation references saved right after a commit', () => {
    const f = fakeStore();
    f.s.held = 1;
    expect(() => f.conversations.save('user:a', {}, 0)).toThrow('database is locked');
    f.store.transaction(() => 1);
    f.s.held = 3;
    f.conversations.save('card:handover:1:a', {}, 0);
    expect(f.saved).toEqual(['card:handover:1:a']);
    expect(f.s.held).toBe(0);
  });
});
