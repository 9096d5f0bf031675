import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  hashPayload,
  parseAuditCheckpoint,
  sealAuditEntry,
  verifyAuditChain,
  type AuditCheckpoint,
  type AuditEntry,
  type StoredAuditEntry,
} from '../../src/domain/audit-chain.js';
import { auditMac, auditMacMatches } from '../../src/domain/audit-mac.js';

const KEY = 'k'.repeat(16) + 'sleutel-van-de-test-0123456789';
const OTHER_KEY = 'x'.repeat(48);

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: Date.UTC(2026, 2, 2, 9, i),
  actor: i % 2 ? 'ivo.gi' : 'sanne.wt',
  action: 'case.viewed',
  caseId: 1,
  reason: null,
  details: { n: i },
  ...over,
});

/** n rows chained from the genesis hash; rows from `signedFrom` on (1-based) carry a MAC under `key`. */
function chain(n: number, signedFrom = 1, key = KEY): StoredAuditEntry[] {
  const rows: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const e = entry(id);
    const { hash, mac } = sealAuditEntry(prevHash, e, id >= signedFrom ? key : undefined);
    rows.push({ ...e, id, prevHash, hash, mac });
    prevHash = hash;
  }
  return rows;
}

/** What someone with write access but without the key can do: change row `id` and recompute every hash after it. */
function rewrite(rows: StoredAuditEntry[], id: number, change: Partial<AuditEntry>): StoredAuditEntry[] {
  let prevHash = id === 1 ? GENESIS_HASH : rows[id - 2]!.hash;
  return rows.map((row) => {
    if (row.id < id) return row;
    const e: AuditEntry = row.id === id ? { ...row, ...change } : row;
    const { hash } = sealAuditEntry(prevHash, e, undefined);
    const next = { ...row, ...e, prevHash, hash }; // the old MAC stays: a new one needs the key
    prevHash = hash;
    return next;
  });
}

const checkpointOf = (rows: StoredAuditEntry[], id: number, macFrom: number | null = null): AuditCheckpoint => ({
  id,
  hash: rows[id - 1]!.hash,
  at: '2026-03-02T10:00:00.000Z',
  count: id,
  macFrom,
});

describe('auditMac', () => {
  const payload = hashPayload(GENESIS_HASH, entry(1));
  const hash = sealAuditEntry(GENESIS_HASH, entry(1), undefined).hash;

  it('is an HMAC-SHA256 (hex) that depends on the key, the payload and the hash', () => {
    const mac = auditMac(KEY, payload, hash);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(auditMac(KEY, payload, hash)).toBe(mac);
    expect(auditMac(OTHER_KEY, payload, hash)).not.toBe(mac);
    expect(auditMac(KEY, payload.replace('ivo.gi', 'iemand'), hash)).not.toBe(mac);
    expect(auditMac(KEY, payload, '0'.repeat(64))).not.toBe(mac);
  });

  it('matches only the right MAC under the right key', () => {
    const mac = auditMac(KEY, payload, hash);
    expect(auditMacMatches(KEY, payload, hash, mac)).toBe(true);
    expect(auditMacMatches(OTHER_KEY, payload, hash, mac)).toBe(false);
    expect(auditMacMatches(KEY, payload, hash, mac.slice(0, -1) + (mac.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(auditMacMatches(KEY, payload, hash, mac.slice(0, 10))).toBe(false);
    expect(auditMacMatches(KEY, payload, hash, '')).toBe(false);
  });

  it('is not written without a key, and the hash is the same either way', () => {
    const signed = sealAuditEntry(GENESIS_HASH, entry(1), KEY);
    const plain = sealAuditEntry(GENESIS_HASH, entry(1), undefined);
    expect(plain.mac).toBeNull();
    expect(signed.hash).toBe(plain.hash);
    expect(signed.mac).toBe(auditMac(KEY, payload, plain.hash));
  });
});

describe('verifyAuditChain with MACs', () => {
  it('accepts a signed chain with the key, and says where the MACs begin', () => {
    expect(verifyAuditChain(chain(5), { macKey: KEY })).toEqual({
      ok: true,
      count: 5,
      macs: { checked: true, firstMacId: 1 },
    });
    expect(verifyAuditChain(chain(5, 3), { macKey: KEY })).toEqual({
      ok: true,
      count: 5,
      macs: { checked: true, firstMacId: 3 },
    });
  });

  it('says nothing about MACs for an unsigned chain without a key (as before)', () => {
    expect(verifyAuditChain(chain(3, 99))).toEqual({ ok: true, count: 3 });
    expect(verifyAuditChain(chain(3, 99), { macKey: KEY })).toEqual({
      ok: true,
      count: 3,
      macs: { checked: true, firstMacId: null },
    });
  });

  it('finds a row rewritten with the chain recomputed, with the key only', () => {
    const forged = rewrite(chain(5), 3, { actor: 'iemand' });
    expect(verifyAuditChain(forged)).toEqual({ ok: true, count: 5, macs: { checked: false, firstMacId: 1 } });
    expect(verifyAuditChain(forged, { macKey: KEY })).toEqual({
      ok: false,
      firstBrokenId: 3,
      problem: expect.stringContaining('MAC klopt niet') as string,
      count: 2,
      by: 'mac',
    });
  });

  it('fails at the first signed row under another key', () => {
    expect(verifyAuditChain(chain(4, 2), { macKey: OTHER_KEY })).toMatchObject({
      ok: false,
      firstBrokenId: 2,
      by: 'mac',
      count: 1,
    });
  });

  it('finds a MAC removed after a signed row, with or without the key', () => {
    const rows = chain(5).map((r) => (r.id === 4 ? { ...r, mac: null } : r));
    for (const checks of [{}, { macKey: KEY }])
      expect(verifyAuditChain(rows, checks)).toEqual({
        ok: false,
        firstBrokenId: 4,
        problem: expect.stringContaining('MAC ontbreekt') as string,
        count: 3,
        by: 'mac',
      });
  });
});

describe('verifyAuditChain with a checkpoint', () => {
  const rows = chain(6);

  it('accepts the database that holds the checkpoint row, also with rows after it', () => {
    expect(verifyAuditChain(rows, { checkpoint: checkpointOf(rows, 6) })).toMatchObject({ ok: true, count: 6 });
    expect(verifyAuditChain(rows, { checkpoint: checkpointOf(rows, 4) })).toMatchObject({ ok: true, count: 6 });
  });

  it('finds rows cut off the end, naming the first missing row', () => {
    const checkpoint = checkpointOf(rows, 6);
    expect(verifyAuditChain(rows.slice(0, 4), { checkpoint })).toEqual({
      ok: false,
      firstBrokenId: 5,
      problem: expect.stringContaining('het controlepunt van 2026-03-02T10:00:00.000Z noemt regel 6') as string,
      count: 4,
      by: 'checkpoint',
    });
    expect(verifyAuditChain([], { checkpoint })).toMatchObject({ ok: false, firstBrokenId: 1, by: 'checkpoint' });
    // Without the checkpoint the shorter chain is intact: this is what the checkpoint is for.
    expect(verifyAuditChain(rows.slice(0, 4))).toMatchObject({ ok: true });
  });

  it('finds a chain rewritten and recomputed up to the checkpoint, even without the key', () => {
    const forged = rewrite(rows, 2, { reason: 'iets anders' });
    expect(verifyAuditChain(forged, { checkpoint: checkpointOf(rows, 5) })).toMatchObject({
      ok: false,
      firstBrokenId: 5,
      by: 'checkpoint',
      problem: expect.stringContaining('herschreven') as string,
    });
  });

  it('finds the checkpoint row deleted with its neighbours renumbered around it', () => {
    // Row 3 deleted and every hash after it recomputed: the chain itself is intact again.
    const relinked = rewrite(
      rows.filter((r) => r.id !== 3),
      1,
      {},
    );
    expect(verifyAuditChain(relinked)).toMatchObject({ ok: true });
    expect(verifyAuditChain(relinked, { checkpoint: checkpointOf(rows, 3) })).toMatchObject({
      ok: false,
      firstBrokenId: 3,
      by: 'checkpoint',
    });
  });

  it('finds MACs stripped from where the checkpoint says they begin', () => {
    const signed = chain(5, 2);
    const stripped = signed.map((r) => ({ ...r, mac: null }));
    // Without the checkpoint this looks like a database from before the key.
    expect(verifyAuditChain(stripped, { macKey: KEY })).toMatchObject({
      ok: true,
      macs: { checked: true, firstMacId: null },
    });
    expect(verifyAuditChain(stripped, { checkpoint: checkpointOf(signed, 4, 2) })).toMatchObject({
      ok: false,
      firstBrokenId: 2,
      by: 'mac',
      problem: expect.stringContaining('bij regel 2 beginnen') as string,
    });
  });
});

describe('parseAuditCheckpoint', () => {
  const valid = { id: 7, hash: 'a'.repeat(64), at: '2026-03-02T10:00:00.000Z', count: 7, macFrom: 3 };

  it('reads a checkpoint, macFrom optional', () => {
    expect(parseAuditCheckpoint(valid)).toEqual({ checkpoint: valid });
    const { macFrom: _m, ...withoutMacFrom } = valid;
    expect(parseAuditCheckpoint(withoutMacFrom)).toEqual({ checkpoint: { ...withoutMacFrom, macFrom: null } });
  });

  it.each([
    ['not an object', [1]],
    ['id', { ...valid, id: 0 }],
    ['hash', { ...valid, hash: 'A'.repeat(64) }],
    ['at', { ...valid, at: 'gisteren' }],
    ['count', { ...valid, count: '7' }],
    ['macFrom', { ...valid, macFrom: -1 }],
  ])('refuses a bad %s with a Dutch problem', (_what, value) => {
    expect(parseAuditCheckpoint(value)).toEqual({ problem: expect.any(String) as string });
  });
});
