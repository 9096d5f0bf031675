import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashPayload, type AuditEntry } from '../../src/domain/audit-chain.js';

// The hash payload is written out by hand for speed; it must be byte for byte what canonicalJson makes of the same
// object, or every chain stored before would stop verifying.
const general = (prevHash: string, e: AuditEntry) =>
  canonicalJson({
    prevHash,
    at: e.at,
    actor: e.actor,
    action: e.action,
    caseId: e.caseId ?? null,
    reason: e.reason ?? null,
    details: e.details,
  });

const text = fc.string({ unit: 'binary', maxLength: 30 });
const details = fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as fc.Arbitrary<
  Record<string, unknown>
>;
const entry = fc.record({
  at: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY)),
  actor: text,
  action: text,
  caseId: fc.option(fc.integer(), { nil: null }),
  reason: fc.option(text, { nil: null }),
  details,
});

describe('hashPayload', () => {
  it('is canonicalJson of the payload object, for any entry', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
        entry,
        (prev, e) => hashPayload(prev, e) === general(prev, e),
      ),
      { numRuns: 2000 },
    );
  });

  it('also for values that slipped past the types (undefined ids and reasons, dates in details, odd field types)', () => {
    const odd = [
      { at: 1, actor: 'a', action: 'x', caseId: undefined, reason: undefined, details: {} },
      {
        at: 1,
        actor: 'a',
        action: 'x',
        caseId: 3,
        reason: null,
        details: { when: new Date(0), list: [undefined, 1], gone: undefined },
      },
      { at: '1', actor: 'a', action: 'x', caseId: 3, reason: null, details: {} },
      { at: 1, actor: 5, action: 'x', caseId: 3, reason: null, details: {} },
      { at: 1, actor: 'a', action: 'x', caseId: 3, reason: null, details: undefined },
    ] as unknown as AuditEntry[];
    for (const e of odd) expect(hashPayload('0'.repeat(64), e)).toBe(general('0'.repeat(64), e));
  });
});
