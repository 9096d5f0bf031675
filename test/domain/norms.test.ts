import { describe, it, expect } from 'vitest';
import { OWNER_RULES } from '../../src/domain/case-team.js';
import { coordinatorUnderMeasureIn, escalationPolicySchema, normFor, normsSchema } from '../../src/domain/norms.js';
import { dueDateFor } from '../../src/domain/timer-plan.js';
import type { TimerId } from '../../src/domain/types.js';
import { dutchCalendar, readSeed } from './builders.js';

// docs/behaviour.md "Timers" (default terms, each overridable in the norms file), the ladder formula, "Escalations".

type Json = Record<string, unknown> & {
  timers: Record<string, Record<string, unknown>>;
  officeHours: Record<string, string>;
  escalation: Record<string, unknown>;
};
const seed = () => structuredClone(readSeed('norms.json')) as Json;
const norms = () => normsSchema.parse(seed());
const rejects = (input: unknown) => !normsSchema.safeParse(input).success;
const issuePaths = (input: unknown) => {
  const r = normsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('norms (db/seed/norms.json)', () => {
  it('the seed file is valid', () => {
    expect(normsSchema.safeParse(seed()).success).toBe(true);
    expect(norms().format).toBe('teammodel-norms/1');
  });

  it('default terms are those of docs/behaviour.md', () => {
    const n = norms();
    const term = (t: TimerId) => normFor(n, t).term;
    expect(term('T1')).toEqual({ workingDays: 5 });
    expect(term('T2')).toEqual({ weeks: 10 });
    expect(term('T3')).toEqual({ months: 3 });
    expect(term('T4')).toEqual({ days: 10 });
    expect(term('T5')).toEqual({ weeks: 13 });
    expect(term('T6')).toEqual({ workingDays: 5 });
    expect(term('T7')).toEqual({ weeks: 6 });
    expect(term('T8')).toEqual({ weeksBeforeMeasureEnd: 8 });
    expect(term('T9')).toEqual({ measureEnd: true });
    expect(term('T10')).toEqual({ months: 3 });
    expect(term('T11')).toEqual({ months: 3 });
    expect(term('T12')).toEqual({ workingDays: 10 });
    expect(term('T13')).toEqual({ workingDays: 20 });
  });

  it('wd terms are exactly T1, T6, T12, T13 (all others are calendar terms)', () => {
    const n = norms();
    const wd = (['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'] as const).filter(
      (t) => 'workingDays' in normFor(n, t).term,
    );
    expect(wd).toEqual(['T1', 'T6', 'T12', 'T13']);
  });

  it('who owns a term is fixed by the team model, not by the norms file (an older owner field is accepted and not read)', () => {
    const withOwner = normsSchema.safeParse(readSeed('norms.json'));
    expect(withOwner.success).toBe(true);
    const seeded = JSON.parse(JSON.stringify(readSeed('norms.json'))) as Json;
    seeded.timers.T6!.owner = 'coordinator';
    expect(normsSchema.parse(seeded).timers.T6.owner).toBe('coordinator'); // accepted …
    expect(OWNER_RULES.T6).toEqual({ kind: 'org', org: 'GI' }); // … and the rule stands
  });

  it('T15 and T16 get their default terms when an older norms file lacks them', () => {
    const old = JSON.parse(JSON.stringify(readSeed('norms.json'))) as Json;
    delete old.timers.T15;
    delete old.timers.T16;
    const n = normsSchema.parse(old);
    expect(n.timers.T15.term).toEqual({ workingDays: 3 });
    expect(n.timers.T16.term).toEqual({ workingDays: 5 });
  });

  it('coordinatorUnderMeasure: GI by default, set at the top and per municipality', () => {
    const n = norms();
    expect(coordinatorUnderMeasureIn(n, 'Renkum')).toBe('GI');
    const local = normsSchema.parse({
      ...(readSeed('norms.json') as object),
      municipalities: { Renkum: { coordinatorUnderMeasure: 'LT' } },
    });
    expect(coordinatorUnderMeasureIn(local, 'Renkum')).toBe('LT');
    expect(coordinatorUnderMeasureIn(local, 'renkum')).toBe('LT');
    expect(coordinatorUnderMeasureIn(local, 'Arnhem')).toBe('GI');
    const top = normsSchema.parse({ ...(readSeed('norms.json') as object), coordinatorUnderMeasure: 'LT' });
    expect(coordinatorUnderMeasureIn(top, 'Arnhem')).toBe('LT');
  });

  it('only T13 has no remind step; remind defaults to true', () => {
    const n = norms();
    expect(normFor(n, 'T13').remind).toBe(false);
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'DECISION'] as const)
      expect(normFor(n, t).remind, t).toBe(true);
  });

  it('office hours 08:30–17:00, no closure days, the ladder formula, postponement, retention', () => {
    const n = norms();
    expect(n.officeHours).toEqual({ start: '08:30', end: '17:00' });
    expect(n.closureDays).toEqual([]);
    expect(n.ladder).toEqual({
      remindBefore: { divisor: 4, min: 1, max: 10 },
      escalateAfter: { divisor: 2, min: 2, max: 10 },
    });
    expect(n.postpone).toEqual({ maxWorkingDays: 10, ownerTimes: 1 }); // max +10 wd; a second postponement needs the team lead
    expect(n.retentionMonths).toBe(12);
    expect(n.digest.defaultOn).toBe(false);
  });

  it('escalation policy: L0/L1 5 wd, L2 10 wd, L3 20 wd; 2 wd after the reminder; only L0 and L1 advance automatically', () => {
    const e = norms().escalation;
    expect(e.responseWorkingDays).toEqual({ L0: 5, L1: 5, L2: 10, L3: 20 });
    expect(e.advanceAfterReminderWorkingDays).toBe(2);
    expect(e.autoAdvance).toEqual(['L0', 'L1']);
  });

  it('defaults apply when optional sections are left out', () => {
    const n = seed();
    delete n.closureDays;
    delete n.digest;
    delete n.retentionMonths;
    delete n.escalation.autoAdvance;
    const parsed = normsSchema.parse(n);
    expect(parsed.closureDays).toEqual([]);
    expect(parsed.digest).toEqual({ defaultOn: false });
    expect(parsed.retentionMonths).toBe(12);
    expect(parsed.escalation.autoAdvance).toEqual(['L0', 'L1']);
    expect(
      escalationPolicySchema.parse({
        responseWorkingDays: { L0: 1, L1: 1, L2: 1, L3: 1 },
        advanceAfterReminderWorkingDays: 1,
      }).autoAdvance,
    ).toEqual(['L0', 'L1']);
  });

  it('a pilot can override a term: "what if T6 were 3 working days?" (docs/scenario-format.md)', () => {
    const n = seed();
    n.timers.T6 = { ...n.timers.T6, term: { workingDays: 3 } };
    n.closureDays = ['2026-05-15'];
    const parsed = normsSchema.parse(n);
    const cal = dutchCalendar(parsed.closureDays);
    // Wed 2026-05-13, Hemelvaartsdag Thu 14, closure Fri 15 → Mon 18, Tue 19, Wed 20
    expect(dueDateFor(cal, normFor(parsed, 'T6').term, '2026-05-13')).toBe('2026-05-20');
  });

  it('fixed lead times per timer are accepted', () => {
    const n = seed();
    n.timers.T2 = { ...n.timers.T2, remindBefore: 5, escalateAfter: 3 };
    expect(normFor(normsSchema.parse(n), 'T2')).toMatchObject({ remindBefore: 5, escalateAfter: 3 });
  });

  describe('rejects', () => {
    it('unknown fields anywhere (strict)', () => {
      expect(issuePaths({ ...seed(), extra: 1 })).toEqual(['']);
      const t = seed();
      t.timers.T1 = { ...t.timers.T1, colour: 'red' };
      expect(rejects(t)).toBe(true);
    });

    it('a missing timer or an unknown timer', () => {
      const missing = seed();
      delete missing.timers.T13;
      expect(issuePaths(missing)).toEqual(['timers.T13']);
      const unknown = seed();
      unknown.timers.T14 = { ...unknown.timers.T1 };
      expect(rejects(unknown)).toBe(true);
    });

    it('an ambiguous, zero or unknown term', () => {
      for (const term of [
        { workingDays: 5, days: 3 },
        { workingDays: 0 },
        { years: 1 },
        { measureEnd: false },
        { weeks: 1.5 },
        {},
      ]) {
        const n = seed();
        n.timers.T1 = { ...n.timers.T1, term };
        expect(rejects(n), JSON.stringify(term)).toBe(true);
      }
    });

    it('an unknown owner rule', () => {
      const n = seed();
      n.timers.T1 = { ...n.timers.T1, owner: 'LT' };
      expect(issuePaths(n)).toEqual(['timers.T1.owner']);
    });

    it('office hours that are not HH:MM or do not start before they end', () => {
      const bad = seed();
      bad.officeHours = { start: '8:30', end: '17:00' };
      expect(rejects(bad)).toBe(true);
      const reversed = seed();
      reversed.officeHours = { start: '17:00', end: '08:30' };
      expect(rejects(reversed)).toBe(true);
      const equal = seed();
      equal.officeHours = { start: '09:00', end: '09:00' };
      expect(rejects(equal)).toBe(true);
    });

    it('a closure day that is not YYYY-MM-DD', () => {
      expect(rejects({ ...seed(), closureDays: ['5 mei 2025'] })).toBe(true);
    });

    it('an unknown escalation level or a zero response time', () => {
      const lvl = seed();
      lvl.escalation = { ...lvl.escalation, autoAdvance: ['L0', 'L4'] };
      expect(rejects(lvl)).toBe(true);
      const zero = seed();
      zero.escalation = { ...zero.escalation, responseWorkingDays: { L0: 0, L1: 5, L2: 10, L3: 20 } };
      expect(rejects(zero)).toBe(true);
    });

    it('another format', () => {
      expect(issuePaths({ ...seed(), format: 'teammodel-norms/2' })).toEqual(['format']);
    });
  });
});
