import { describe, expect, it } from 'vitest';
import { LruMap } from '../../../src/adapters/teams/lru-map.js';

describe('LruMap', () => {
  it('keeps at most maxEntries and drops the least recently written one first', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.size).toBe(2);
    expect(m.get('a')).toBeUndefined();
    expect([m.get('b'), m.get('c')]).toEqual([2, 3]);
  });

  it('counts a read as a use: the entry read last survives the next write', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(1);
  });

  it('overwrites in place without growing, and forgets a deleted key', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('a', 10);
    expect(m.size).toBe(1);
    expect(m.get('a')).toBe(10);
    m.delete('a');
    expect(m.get('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it('returns a falsy stored value as it is', () => {
    const m = new LruMap<string, number>(1);
    m.set('zero', 0);
    expect(m.get('zero')).toBe(0);
  });
});
