import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/local-date.js';
import { normFor, type Norms, type Term } from '../../src/domain/norms.js';
import {
  dueDateFor,
  ladderFor,
  nextStep,
  planSteps,
  termInWorkingDays,
  type PlannedStep,
} from '../../src/domain/timer-plan.js';
import type { TimerId, TimerStep } from '../../src/domain/types.js';
import { formatInstant } from '../../src/domain/zoned-time.js';
import { defaultNorms, dutchCalendar, TZ, utc } from './builders.js';

// docs/behaviour.md, Timers: the timer semantics are the product's contract.

const cal = dutchCalendar();
const norms = defaultNorms();

interface Plan {
  due: string;
  n: number;
  remindBefore: number;
  escalateAfter: number;
  remind?: string;
  overdue: string;
  escalate: string;
  steps: PlannedStep[];
}

/** Plans one cycle of a timer exactly as the contract describes: due date → N → ladder → steps. */
function plan(timer: TimerId, startDate: string, opts: { measureEnd?: string; norms?: Norms } = {}): Plan {
  const n0 = opts.norms ?? norms;
  const norm = normFor(n0, timer);
  const due = dueDateFor(cal, norm.term, startDate, opts.measureEnd);
  if (!due) throw new Error(`no due date for ${timer}`);
  const n = termInWorkingDays(cal, norm.term, startDate, due);
  const ladder = ladderFor(n0, n, { remindBefore: norm.remindBefore, escalateAfter: norm.escalateAfter });
  const steps = planSteps(cal, { timer, dueDate: due, ...ladder, remindEnabled: norm.remind });
  const dateOf = (s: TimerStep) => steps.find((p) => p.step === s)?.date;
  return {
    due,
    n,
    ...ladder,
    remind: dateOf('remind'),
    overdue: dateOf('overdue')!,
    escalate: dateOf('escalate')!,
    steps,
  };
}

/** The formula of docs/behaviour.md, written out independently. */
const formula = (n: number) => ({
  remindBefore: Math.min(10, Math.max(1, Math.floor(n / 4))),
  escalateAfter: Math.min(10, Math.max(2, Math.ceil(n / 2))),
});

describe('timer plan (docs/behaviour.md, Working days and office hours)', () => {
  describe('worked examples', () => {
    it('T1: melding Thu 2026-12-17 → due Thu 12-24, remind Wed 12-23, overdue Mon 12-28, escalate Wed 12-30', () => {
      const p = plan('T1', '2026-12-17');
      expect(p).toMatchObject({ due: '2026-12-24', n: 5, remindBefore: 1, escalateAfter: 3 });
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-12-23', '2026-12-28', '2026-12-30']);
    });

    it('T6: court order Wed 2026-05-13 (Hemelvaartsdag 05-14) → due Thu 05-21, remind 05-20, overdue Fri 05-22, escalate Wed 05-27', () => {
      const p = plan('T6', '2026-05-13');
      expect(p.due).toBe('2026-05-21');
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-05-20', '2026-05-22', '2026-05-27']);
    });

    it('T6: court order Mon 2025-06-02 → due Tue 2025-06-10 (Mon 9 = Tweede pinksterdag)', () => {
      const p = plan('T6', '2025-06-02');
      expect(p.due).toBe('2025-06-10');
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2025-06-06', '2025-06-11', '2025-06-13']);
    });

    it("a measure's end is the order date + its months: 2025-06-02 + 12 months = 2026-06-02 (T9), T8 is 8 weeks earlier", () => {
      const end = dueDateFor(cal, { months: 12 }, '2025-06-02');
      expect(end).toBe('2026-06-02');
      expect(plan('T9', '2025-06-02', { measureEnd: end }).due).toBe('2026-06-02');
      expect(plan('T8', '2025-06-02', { measureEnd: end }).due).toBe('2026-04-07');
    });

    it('steps are at the office-hours start (08:30 local) of their day, with the right offset', () => {
      const p = plan('T1', '2026-12-17');
      expect(p.steps.map((s) => formatInstant(s.at, TZ))).toEqual([
        '2026-12-23T08:30:00+01:00',
        '2026-12-28T08:30:00+01:00',
        '2026-12-30T08:30:00+01:00',
      ]);
      const spring = plan('T1', '2026-03-23'); // due Mon 03-30, across the spring switch
      expect(spring.steps.map((s) => formatInstant(s.at, TZ))).toEqual([
        '2026-03-27T08:30:00+01:00',
        '2026-03-31T08:30:00+02:00',
        '2026-04-02T08:30:00+02:00',
      ]);
    });
  });

  describe('due dates', () => {
    it('a wd term counts working days; an event date on a weekend still starts on that date', () => {
      expect(dueDateFor(cal, { workingDays: 5 }, '2026-06-06')).toBe('2026-06-12'); // Sat → Mon..Fri
    });

    it('calendar terms: days, weeks, months (the due date may fall on a weekend or holiday)', () => {
      expect(dueDateFor(cal, { days: 10 }, '2026-04-20')).toBe('2026-04-30');
      expect(dueDateFor(cal, { weeks: 10 }, '2026-03-02')).toBe('2026-05-11');
      expect(dueDateFor(cal, { weeks: 6 }, '2026-11-16')).toBe('2026-12-28');
      expect(dueDateFor(cal, { months: 3 }, '2026-11-30')).toBe('2027-02-28');
      expect(dueDateFor(cal, { days: 5 }, '2026-12-20')).toBe('2026-12-25'); // Kerstmis, kept as is
    });

    it('T8/T9 need the measure end; without it there is no due date', () => {
      expect(dueDateFor(cal, { measureEnd: true }, '2026-01-10')).toBeUndefined();
      expect(dueDateFor(cal, { weeksBeforeMeasureEnd: 8 }, '2026-01-10')).toBeUndefined();
      expect(dueDateFor(cal, { weeksBeforeMeasureEnd: 8 }, '2026-01-10', '2027-01-10')).toBe('2026-11-15');
    });

    it('default terms of the norms file match docs/behaviour.md (T2 10 weeks, T3/T10/T11 3 months, T4 10 days, T5 13 weeks, T7 6 weeks, T12 10 wd, T13 20 wd)', () => {
      const start = '2026-02-02';
      const due = (t: TimerId) => dueDateFor(cal, normFor(norms, t).term, start);
      expect(due('T1')).toBe(cal.addWorkingDays(start, 5));
      expect(due('T2')).toBe(addDays(start, 70));
      expect(due('T3')).toBe('2026-05-02');
      expect(due('T4')).toBe(addDays(start, 10));
      expect(due('T5')).toBe(addDays(start, 91));
      expect(due('T6')).toBe(cal.addWorkingDays(start, 5));
      expect(due('T7')).toBe(addDays(start, 42));
      expect(due('T10')).toBe('2026-05-02');
      expect(due('T11')).toBe('2026-05-02');
      expect(due('T12')).toBe(cal.addWorkingDays(start, 10));
      expect(due('T13')).toBe(cal.addWorkingDays(start, 20));
    });
  });

  describe('N and the ladder formula', () => {
    it('N for a wd term is the term itself', () => {
      expect(termInWorkingDays(cal, { workingDays: 5 }, '2026-12-17', '2026-12-24')).toBe(5);
      expect(termInWorkingDays(cal, { workingDays: 20 }, '2026-12-17', '2027-01-18')).toBe(20);
    });

    it('N for a calendar term counts working days d with start < d <= due', () => {
      // T4 10 days from Mon 2026-04-20: Tue 21 … Fri 24 (4), Mon 27 Koningsdag, Tue 28 … Thu 30 (3) → 7
      expect(termInWorkingDays(cal, { days: 10 }, '2026-04-20', '2026-04-30')).toBe(7);
      expect(termInWorkingDays(cal, undefined, '2026-04-20', '2026-04-30')).toBe(7); // an explicit due (T3 reportBackBy)
      expect(termInWorkingDays(cal, { days: 1 }, '2026-06-05', '2026-06-06')).toBe(0); // Fri → Sat
      expect(termInWorkingDays(cal, undefined, '2026-06-05', '2026-06-01')).toBe(0); // due before start
    });

    it('remindBefore = min(10, max(1, floor(N/4))), escalateAfter = min(10, max(2, ceil(N/2))): table', () => {
      const table: Array<[number, number, number]> = [
        [0, 1, 2],
        [1, 1, 2],
        [3, 1, 2],
        [4, 1, 2],
        [5, 1, 3],
        [7, 1, 4],
        [8, 2, 4],
        [10, 2, 5],
        [20, 5, 10],
        [21, 5, 10],
        [39, 9, 10],
        [40, 10, 10],
        [48, 10, 10],
        [260, 10, 10],
      ];
      for (const [n, r, e] of table)
        expect(ladderFor(norms, n), `N=${n}`).toEqual({ remindBefore: r, escalateAfter: e });
    });

    it('property: ladderFor with the default norms is the formula of docs/behaviour.md', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
          expect(ladderFor(norms, n)).toEqual(formula(n));
        }),
      );
    });

    it('fixed lead times from the norms file override the formula, one by one', () => {
      expect(ladderFor(norms, 40, { remindBefore: 3 })).toEqual({ remindBefore: 3, escalateAfter: 10 });
      expect(ladderFor(norms, 40, { escalateAfter: 1 })).toEqual({ remindBefore: 10, escalateAfter: 1 });
    });

    it('the ladder parameters of the norms file are used (configurable per pilot)', () => {
      const strict: Norms = {
        ...norms,
        ladder: { remindBefore: { divisor: 2, min: 2, max: 4 }, escalateAfter: { divisor: 1, min: 1, max: 3 } },
      };
      expect(ladderFor(strict, 5)).toEqual({ remindBefore: 2, escalateAfter: 3 });
      expect(ladderFor(strict, 1)).toEqual({ remindBefore: 2, escalateAfter: 1 });
    });
  });

  describe('calendar-term and long-term ladders, computed by hand', () => {
    it('T4 10 days from Mon 2026-04-20 (Koningsdag Mon 04-27): due Thu 04-30, N=7, remind Wed 04-29, overdue Fri 05-01, escalate Wed 05-06 (5 May is a working day)', () => {
      const p = plan('T4', '2026-04-20');
      expect(p).toMatchObject({ due: '2026-04-30', n: 7, remindBefore: 1, escalateAfter: 4 });
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-04-29', '2026-05-01', '2026-05-06']);
    });

    it('T2 10 weeks from Mon 2026-03-02: due Mon 05-11, N=48 (Tweede paasdag, Koningsdag out), remind Fri 04-24, overdue Tue 05-12, escalate Wed 05-27', () => {
      const p = plan('T2', '2026-03-02');
      expect(p).toMatchObject({ due: '2026-05-11', n: 48, remindBefore: 10, escalateAfter: 10 });
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-04-24', '2026-05-12', '2026-05-27']);
    });

    it('T13 (case silence, 20 wd, no remind) from Mon 2026-11-30: due Tue 12-29, overdue Wed 12-30, escalate Wed 2027-01-13', () => {
      const p = plan('T13', '2026-11-30');
      expect(p).toMatchObject({ due: '2026-12-29', n: 20, escalateAfter: 10 });
      expect(p.remind).toBeUndefined();
      expect(p.steps.map((s) => s.step)).toEqual(['overdue', 'escalate']);
      expect([p.overdue, p.escalate]).toEqual(['2026-12-30', '2027-01-13']);
    });

    it('T12 (warm handover, 10 wd): remindBefore 2, escalateAfter 5', () => {
      const p = plan('T12', '2026-06-01');
      expect(p).toMatchObject({ due: '2026-06-15', n: 10, remindBefore: 2, escalateAfter: 5 });
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-06-11', '2026-06-16', '2026-06-22']);
    });

    it('a calendar term due on a Saturday: remind on the Friday before, overdue on Monday', () => {
      // T4 10 days from Wed 2026-06-03 → Sat 06-13; N = Thu 4 … Fri 12 = 7
      const p = plan('T4', '2026-06-03');
      expect(p).toMatchObject({ due: '2026-06-13', n: 7, remindBefore: 1, escalateAfter: 4 });
      expect([p.remind, p.overdue, p.escalate]).toEqual(['2026-06-12', '2026-06-15', '2026-06-18']);
    });
  });

  describe('planSteps properties', () => {
    const wdTerms = fc.integer({ min: 1, max: 60 }).map((workingDays): Term => ({ workingDays }));
    const calTerms = fc.oneof(
      fc.integer({ min: 1, max: 120 }).map((days): Term => ({ days })),
      fc.integer({ min: 1, max: 26 }).map((weeks): Term => ({ weeks })),
      fc.integer({ min: 1, max: 12 }).map((months): Term => ({ months })),
    );
    const startDate = fc.integer({ min: 0, max: 8 * 365 }).map((i) => addDays('2024-01-01', i));

    it('remind < due < overdue <= escalate; every step on a working day at 08:30; N as in the contract', () => {
      fc.assert(
        fc.property(fc.oneof(wdTerms, calTerms), startDate, fc.boolean(), (term, start, remindEnabled) => {
          const due = dueDateFor(cal, term, start)!;
          const n = termInWorkingDays(cal, term, start, due);
          if ('workingDays' in term) expect(n).toBe(term.workingDays);
          else expect(n).toBe(cal.workingDaysBetween(start, due));
          const ladder = ladderFor(norms, n);
          expect(ladder).toEqual(formula(n));
          const steps = planSteps(cal, { timer: 'T1', dueDate: due, ...ladder, remindEnabled });
          expect(steps.map((s) => s.step)).toEqual(
            remindEnabled ? ['remind', 'overdue', 'escalate'] : ['overdue', 'escalate'],
          );
          for (const s of steps) {
            expect(cal.isWorkingDay(s.date)).toBe(true);
            expect(s.at).toBe(cal.officeStartOf(s.date));
          }
          const get = (k: TimerStep) => steps.find((s) => s.step === k)!;
          const remind = steps.find((s) => s.step === 'remind');
          if (remind) {
            expect(remind.date < due).toBe(true);
            expect(cal.subtractWorkingDays(due, ladder.remindBefore)).toBe(remind.date);
          }
          expect(get('overdue').date).toBe(cal.nextWorkingDay(due));
          expect(get('overdue').date > due).toBe(true);
          expect(get('escalate').date > get('overdue').date).toBe(true); // escalateAfter >= 2
          expect(cal.workingDaysBetween(due, get('escalate').date)).toBe(ladder.escalateAfter);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('nextStep: exactly once per cycle', () => {
    const t1 = () => plan('T1', '2026-12-17').steps; // remind 12-23, overdue 12-28, escalate 12-30
    const startedAt = utc('2026-12-17T09:00Z');

    it('walks remind → overdue → escalate → nothing', () => {
      const steps = t1();
      expect(nextStep(steps, undefined, startedAt)?.step).toBe('remind');
      expect(nextStep(steps, 'remind', startedAt)?.step).toBe('overdue');
      expect(nextStep(steps, 'overdue', startedAt)?.step).toBe('escalate');
      expect(nextStep(steps, 'escalate', startedAt)).toBeUndefined();
    });

    it('drops a remind planned before the planning instant (e.g. after a postponement planned late)', () => {
      const steps = t1();
      const plannedAfterRemind = utc('2026-12-23T10:00Z');
      expect(nextStep(steps, undefined, plannedAfterRemind)?.step).toBe('overdue');
    });

    it('keeps a remind exactly at the planning instant', () => {
      const steps = t1();
      expect(nextStep(steps, undefined, steps[0]!.at)?.step).toBe('remind');
    });

    it('never drops overdue or escalate, however late the planning instant (catch-up)', () => {
      const steps = t1();
      const muchLater = utc('2027-06-01T12:00Z');
      expect(nextStep(steps, undefined, muchLater)?.step).toBe('overdue');
      expect(nextStep(steps, 'remind', muchLater)?.step).toBe('overdue');
      expect(nextStep(steps, 'overdue', muchLater)?.step).toBe('escalate');
    });

    it('without a remind step (T13) starts at overdue', () => {
      const steps = plan('T13', '2026-11-30').steps;
      expect(nextStep(steps, undefined, utc('2026-11-30T10:00Z'))?.step).toBe('overdue');
    });

    it('property: firing steps one by one yields each step at most once, in order, never at or before lastFired; overdue and escalate always come', () => {
      const order: Record<TimerStep, number> = { remind: 0, checkin: 1, overdue: 2, escalate: 3 };
      const scenario = fc.record({
        start: fc.integer({ min: 0, max: 3 * 365 }).map((i) => addDays('2025-01-01', i)),
        n: fc.integer({ min: 1, max: 40 }),
        remindEnabled: fc.boolean(),
        plannedOffsetHours: fc.integer({ min: -48, max: 24 * 90 }),
        restartAfter: fc.constantFrom<TimerStep | undefined>(undefined, 'remind', 'overdue', 'escalate'),
      });
      fc.assert(
        fc.property(scenario, ({ start, n, remindEnabled, plannedOffsetHours, restartAfter }) => {
          const due = cal.addWorkingDays(start, n);
          const steps = planSteps(cal, { timer: 'T1', dueDate: due, ...ladderFor(norms, n), remindEnabled });
          const plannedAt = cal.officeStartOf(start) + plannedOffsetHours * 3_600_000;
          // a restart (process crash) resumes from the last fired step: the result must be the same sequence
          const fired: TimerStep[] = [];
          let last: TimerStep | undefined =
            restartAfter && steps.some((s) => s.step === restartAfter) ? restartAfter : undefined;
          const resumedFrom = last;
          for (let i = 0; i < 10; i++) {
            const next = nextStep(steps, last, plannedAt);
            if (!next) break;
            if (last !== undefined) expect(order[next.step]).toBeGreaterThan(order[last]);
            if (next.step === 'remind') expect(next.at).toBeGreaterThanOrEqual(plannedAt);
            fired.push(next.step);
            last = next.step;
          }
          expect(new Set(fired).size).toBe(fired.length);
          expect(fired.length).toBeLessThanOrEqual(3);
          if (resumedFrom === undefined || resumedFrom === 'remind')
            expect(fired.slice(-2)).toEqual(['overdue', 'escalate']);
          if (resumedFrom === 'overdue') expect(fired).toEqual(['escalate']);
          if (resumedFrom === 'escalate') expect(fired).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  });
});
