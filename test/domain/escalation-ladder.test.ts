import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  levelIndex,
  mayRaiseTo,
  nextEscalationAction,
  nextLevel,
  participantsAt,
  startLevel,
  type LadderState,
} from '../../src/domain/escalation-ladder.js';
import type { EscalationPolicy } from '../../src/domain/norms.js';
import {
  ESCALATION_LEVELS,
  ESCALATION_TRIGGERS,
  ROLES,
  type EscalationLevel,
  type EscalationTrigger,
  type Role,
} from '../../src/domain/types.js';
import { formatInstant } from '../../src/domain/zoned-time.js';
import { arnhemRoster, defaultNorms, dutchCalendar, TZ, utc } from './builders.js';

// docs/behaviour.md "Escalation model": levels, participants, level-advance semantics.

const cal = dutchCalendar();
const policy = defaultNorms().escalation;
const roster = arnhemRoster();

const open = (level: EscalationLevel, levelRaisedDate: string, reminderSent = false): LadderState => ({
  level,
  levelRaisedDate,
  state: 'open',
  reminderSent,
});
const local = (t: number) => formatInstant(t, TZ);

describe('escalation ladder', () => {
  describe('levels', () => {
    it('L0 → L1 → L2 → L3 → nothing', () => {
      expect(nextLevel('L0')).toBe('L1');
      expect(nextLevel('L1')).toBe('L2');
      expect(nextLevel('L2')).toBe('L3');
      expect(nextLevel('L3')).toBeUndefined();
      expect(ESCALATION_LEVELS.map(levelIndex)).toEqual([0, 1, 2, 3]);
    });

    it('startLevel: a manual escalation starts at L0, except NEGLIGENT_CONDUCT (L1); automatic ones (timer) start at L1', () => {
      expect(startLevel('PROFESSIONAL_DILEMMA', 'manual')).toBe('L0');
      expect(startLevel('AGREEMENTS_NOT_FOLLOWED', 'manual')).toBe('L0');
      expect(startLevel('NEGLIGENT_CONDUCT', 'manual')).toBe('L1');
      for (const trigger of ESCALATION_TRIGGERS) expect(startLevel(trigger, 'timer'), trigger).toBe('L1');
    });
  });

  describe('participantsAt: cumulative along the lead chains', () => {
    const base = ['lt-1', 'vt-1'];

    it('L0 is the base people (the professionals in dispute), sorted', () => {
      expect(participantsAt('L0', ['vt-1', 'lt-1'], roster)).toEqual(['lt-1', 'vt-1']);
    });

    it('L1 adds the team lead of each, L2 their managers, L3 their directors', () => {
      expect(participantsAt('L1', base, roster)).toEqual(['lead-lt', 'lead-vt', 'lt-1', 'vt-1']);
      expect(participantsAt('L2', base, roster)).toEqual(['lead-lt', 'lead-vt', 'lt-1', 'mgr-lt', 'mgr-vt', 'vt-1']);
      expect(participantsAt('L3', base, roster)).toEqual([
        'dir-lt',
        'dir-vt',
        'lead-lt',
        'lead-vt',
        'lt-1',
        'mgr-lt',
        'mgr-vt',
        'vt-1',
      ]);
    });

    it('a missing link ends that chain without affecting the others', () => {
      // RVDK: rvdk-1 → lead-rvdk → (no manager). OTHER: other-1 has no lead at all.
      expect(participantsAt('L3', ['rvdk-1', 'gi-1', 'other-1'], roster)).toEqual([
        'dir-gi',
        'gi-1',
        'lead-gi',
        'lead-rvdk',
        'mgr-gi',
        'other-1',
        'rvdk-1',
      ]);
      expect(participantsAt('L2', ['rvdk-1'], roster)).toEqual(['lead-rvdk', 'rvdk-1']);
      expect(participantsAt('L1', ['other-1'], roster)).toEqual(['other-1']);
    });

    it('a shared team lead appears once', () => {
      expect(participantsAt('L1', ['lt-1', 'lt-2', 'gw-lt'], roster)).toEqual(['gw-lt', 'lead-lt', 'lt-1', 'lt-2']);
    });

    it("automatic escalation at L1: owner + owner's team lead + coordinator + coordinator's team lead", () => {
      // T6 overdue: owner gi-1, coordinator lt-1
      expect(participantsAt('L1', ['gi-1', 'lt-1'], roster)).toEqual(['gi-1', 'lead-gi', 'lead-lt', 'lt-1']);
      // owner is the coordinator: no doubles
      expect(participantsAt('L1', ['lt-1', 'lt-1'], roster)).toEqual(['lead-lt', 'lt-1']);
    });

    it('NEGLIGENT_CONDUCT at L1: only the raiser and their own team lead (not shared with other orgs)', () => {
      expect(participantsAt(startLevel('NEGLIGENT_CONDUCT', 'manual'), ['vt-1'], roster)).toEqual(['lead-vt', 'vt-1']);
      expect(participantsAt('L2', ['vt-1'], roster)).toEqual(['lead-vt', 'mgr-vt', 'vt-1']);
    });

    it('an id that is not in the roster stays a participant without leads', () => {
      expect(participantsAt('L3', ['ghost'], roster)).toEqual(['ghost']);
    });

    it('property: each level is a superset of the one below and adds exactly the next link of each chain', () => {
      const ids = roster.members.map((m) => m.id);
      fc.assert(
        fc.property(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 5 }), (b) => {
          let prev = new Set<string>();
          let frontier: Array<string | undefined> = [...b];
          const reachable = new Set<string>(b);
          ESCALATION_LEVELS.forEach((level, k) => {
            if (k > 0) frontier = frontier.map((id) => (id ? roster.leadOf(id)?.id : undefined));
            frontier.forEach((id) => id && reachable.add(id));
            const now = participantsAt(level, b, roster);
            expect(now).toEqual([...now].sort());
            expect(new Set(now).size).toBe(now.length);
            for (const p of prev) expect(now).toContain(p);
            expect(new Set(now)).toEqual(reachable);
            prev = new Set(now);
          });
        }),
      );
    });
  });

  describe('nextEscalationAction: level-advance semantics', () => {
    it('docs/behaviour.md example: L1 raised Thu 2026-09-24, 5 wd → reminder Fri 10-02 08:30, next level Tue 10-06 08:30', () => {
      expect(policy.responseWorkingDays.L1).toBe(5);
      const reminder = nextEscalationAction(cal, policy, open('L1', '2026-09-24'));
      expect(reminder?.action).toBe('reminder');
      expect(local(reminder!.at)).toBe('2026-10-02T08:30:00+02:00');
      const advance = nextEscalationAction(cal, policy, open('L1', '2026-09-24', true));
      expect(advance?.action).toBe('advance');
      expect(local(advance!.at)).toBe('2026-10-06T08:30:00+02:00');
    });

    it('L0 has the same 5 wd response time and advances to L1 automatically', () => {
      const s = open('L0', '2026-09-24');
      expect(local(nextEscalationAction(cal, policy, s)!.at)).toBe('2026-10-02T08:30:00+02:00');
      expect(nextEscalationAction(cal, policy, { ...s, reminderSent: true })).toEqual({
        action: 'advance',
        at: utc('2026-10-06T06:30Z'),
      });
    });

    it('counts working days across the Christmas holidays: L1 raised Fri 2026-12-18 → reminder Tue 12-29, advance Thu 12-31', () => {
      expect(local(nextEscalationAction(cal, policy, open('L1', '2026-12-18'))!.at)).toBe('2026-12-29T08:30:00+01:00');
      expect(local(nextEscalationAction(cal, policy, open('L1', '2026-12-18', true))!.at)).toBe(
        '2026-12-31T08:30:00+01:00',
      );
    });

    it('a level raised on a Saturday counts from that Saturday', () => {
      expect(local(nextEscalationAction(cal, policy, open('L0', '2026-06-06'))!.at)).toBe('2026-06-15T08:30:00+02:00');
    });

    it('L2 (10 wd) gets its reminder, then waits: L3 is never raised automatically', () => {
      const r = nextEscalationAction(cal, policy, open('L2', '2026-06-23'));
      expect(r?.action).toBe('reminder');
      expect(local(r!.at)).toBe('2026-07-08T08:30:00+02:00');
      expect(nextEscalationAction(cal, policy, open('L2', '2026-06-23', true))).toBeNull();
    });

    it('L3 (20 wd) gets one reminder and nothing after', () => {
      expect(nextEscalationAction(cal, policy, open('L3', '2026-06-01'))?.action).toBe('reminder');
      expect(nextEscalationAction(cal, policy, open('L3', '2026-06-01', true))).toBeNull();
    });

    it('a configuration that lists L2 (or L3) in autoAdvance still never raises L3 automatically', () => {
      const eager: EscalationPolicy = { ...policy, autoAdvance: ['L0', 'L1', 'L2', 'L3'] };
      expect(nextEscalationAction(cal, eager, open('L2', '2026-06-23', true))).toBeNull();
      expect(nextEscalationAction(cal, eager, open('L3', '2026-06-23', true))).toBeNull();
    });

    it('a level missing from autoAdvance is not advanced automatically', () => {
      const manualOnly: EscalationPolicy = { ...policy, autoAdvance: ['L1'] };
      expect(nextEscalationAction(cal, manualOnly, open('L0', '2026-09-24', true))).toBeNull();
      expect(nextEscalationAction(cal, manualOnly, open('L1', '2026-09-24', true))?.action).toBe('advance');
    });

    it('response times and the reminder gap come from the policy', () => {
      const slow: EscalationPolicy = {
        ...policy,
        responseWorkingDays: { L0: 1, L1: 10, L2: 10, L3: 20 },
        advanceAfterReminderWorkingDays: 5,
      };
      expect(local(nextEscalationAction(cal, slow, open('L0', '2026-09-24'))!.at)).toBe('2026-09-28T08:30:00+02:00'); // ends Fri 25, reminder Mon 28
      expect(local(nextEscalationAction(cal, slow, open('L0', '2026-09-24', true))!.at)).toBe(
        '2026-10-05T08:30:00+02:00',
      );
    });

    it('returns null for resolved and withdrawn escalations, at every level', () => {
      for (const level of ESCALATION_LEVELS) {
        for (const state of ['resolved', 'withdrawn'] as const) {
          for (const reminderSent of [false, true]) {
            expect(
              nextEscalationAction(cal, policy, { level, levelRaisedDate: '2026-09-24', state, reminderSent }),
            ).toBeNull();
          }
        }
      }
    });
  });

  describe('mayRaiseTo: who may move an escalation up by hand', () => {
    it('up to L2: any participant, nobody else', () => {
      for (const target of ['L1', 'L2'] as const) {
        for (const role of ROLES) {
          expect(mayRaiseTo(target, role, true), `${role}→${target}`).toBe(true);
          expect(mayRaiseTo(target, role, false), `${role}→${target}`).toBe(false);
        }
      }
    });

    it('L3: a manager or director who is a participant, or the pilot coordinator', () => {
      expect(mayRaiseTo('L3', 'manager', true)).toBe(true);
      expect(mayRaiseTo('L3', 'director', true)).toBe(true);
      expect(mayRaiseTo('L3', 'pilot_coordinator', true)).toBe(true);
      expect(mayRaiseTo('L3', 'pilot_coordinator', false)).toBe(true);
      expect(mayRaiseTo('L3', 'manager', false)).toBe(false);
      expect(mayRaiseTo('L3', 'team_lead', true)).toBe(false);
      expect(mayRaiseTo('L3', 'professional', true)).toBe(false);
      expect(mayRaiseTo('L3', 'behavioural_scientist', true)).toBe(false);
    });
  });

  describe('a stalled dispute, step by step', () => {
    it('manual L0 (Mon 2026-06-01) → auto L1 (Thu 06-11) → auto L2 (Tue 06-23) → reminder (Wed 07-08) → waits for a manager', () => {
      const base = ['lt-1', 'vt-1'];
      let s = open(startLevel('PROFESSIONAL_DILEMMA', 'manual'), cal.localDate(utc('2026-06-01T08:00Z')));
      const timeline: string[] = [`${s.level} ${s.levelRaisedDate} ${participantsAt(s.level, base, roster).join(',')}`];
      for (let i = 0; i < 10; i++) {
        const next = nextEscalationAction(cal, policy, s);
        if (!next) break;
        if (next.action === 'reminder') {
          timeline.push(`reminder ${local(next.at)}`);
          s = { ...s, reminderSent: true };
        } else {
          const to = nextLevel(s.level)!;
          s = open(to, cal.localDate(next.at));
          timeline.push(`${to} ${local(next.at)} ${participantsAt(to, base, roster).join(',')}`);
        }
      }
      expect(timeline).toEqual([
        'L0 2026-06-01 lt-1,vt-1',
        'reminder 2026-06-09T08:30:00+02:00',
        'L1 2026-06-11T08:30:00+02:00 lead-lt,lead-vt,lt-1,vt-1',
        'reminder 2026-06-19T08:30:00+02:00',
        'L2 2026-06-23T08:30:00+02:00 lead-lt,lead-vt,lt-1,mgr-lt,mgr-vt,vt-1',
        'reminder 2026-07-08T08:30:00+02:00',
      ]);
      // stuck at L2: a participating team lead may not confirm L3, a participating manager may
      const participants = participantsAt('L2', base, roster);
      expect(mayRaiseTo('L3', roster.member('lead-lt')!.role, participants.includes('lead-lt'))).toBe(false);
      expect(mayRaiseTo('L3', roster.member('mgr-vt')!.role, participants.includes('mgr-vt'))).toBe(true);
    });
  });

  describe('state-machine property: random event sequences', () => {
    type Cmd =
      | { kind: 'time' }
      | { kind: 'wait'; hours: number }
      | { kind: 'decide' }
      | { kind: 'withdraw' }
      | { kind: 'raise'; role: Role; participant: boolean };

    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      { weight: 6, arbitrary: fc.constant<Cmd>({ kind: 'time' }) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 24 * 14 }).map((hours): Cmd => ({ kind: 'wait', hours })) },
      { weight: 1, arbitrary: fc.constant<Cmd>({ kind: 'decide' }) },
      { weight: 1, arbitrary: fc.constant<Cmd>({ kind: 'withdraw' }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('raise' as const),
          role: fc.constantFrom(...ROLES),
          participant: fc.boolean(),
        }),
      },
    );
    const policies = fc.constantFrom<EscalationPolicy>(
      policy,
      { ...policy, autoAdvance: ['L0', 'L1', 'L2', 'L3'] }, // even a too-eager configuration
      { ...policy, autoAdvance: [] },
      { ...policy, responseWorkingDays: { L0: 1, L1: 1, L2: 1, L3: 1 }, advanceAfterReminderWorkingDays: 1 },
    );
    const startInstant = fc.integer({ min: utc('2025-11-01T00:00Z'), max: utc('2027-02-01T00:00Z') });

    interface Change {
      from: EscalationLevel;
      to: EscalationLevel;
      how: 'auto' | 'manual';
      role?: Role;
    }

    it('never reaches L3 without a manual confirmation by a manager/director/pilot coordinator, never skips a level, and nothing happens after a decision or withdrawal', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<EscalationTrigger>(...ESCALATION_TRIGGERS),
          fc.constantFrom<'manual' | 'timer'>('manual', 'timer'),
          startInstant,
          policies,
          fc.array(cmd, { maxLength: 40 }),
          (trigger, source, start, pol, cmds) => {
            let now = start;
            let s: LadderState = open(startLevel(trigger, source), cal.localDate(now));
            expect(s.level).not.toBe('L3');
            const changes: Change[] = [];
            let remindersThisLevel = 0;

            const raiseTo = (to: EscalationLevel, how: Change['how'], role?: Role) => {
              changes.push({ from: s.level, to, how, role });
              s = open(to, cal.localDate(now));
              remindersThisLevel = 0;
            };

            for (const c of cmds) {
              const next = nextEscalationAction(cal, pol, s);
              if (s.state !== 'open') {
                // nothing happens after a decision or withdrawal, whatever the level or reminder flag
                expect(next).toBeNull();
                expect(nextEscalationAction(cal, pol, { ...s, reminderSent: !s.reminderSent })).toBeNull();
                continue;
              }
              if (next) {
                expect(next.at).toBeGreaterThanOrEqual(now); // never an action in the past of the last event
                expect(cal.isOfficeTime(next.at)).toBe(true);
                expect(next.at).toBe(cal.officeStartOf(cal.localDate(next.at)));
              }
              switch (c.kind) {
                case 'time': {
                  if (!next) break; // waiting for a human
                  now = next.at;
                  if (next.action === 'reminder') {
                    expect(s.reminderSent).toBe(false);
                    const responseEnd = cal.addWorkingDays(s.levelRaisedDate, pol.responseWorkingDays[s.level]);
                    expect(cal.localDate(next.at)).toBe(cal.nextWorkingDay(responseEnd));
                    remindersThisLevel++;
                    s = { ...s, reminderSent: true };
                  } else {
                    expect(s.reminderSent).toBe(true);
                    const to = nextLevel(s.level);
                    expect(to).toBeDefined();
                    raiseTo(to!, 'auto');
                  }
                  break;
                }
                case 'wait':
                  now = next ? Math.min(now + c.hours * 3_600_000, next.at) : now + c.hours * 3_600_000;
                  break;
                case 'decide':
                  s = { ...s, state: 'resolved' };
                  break;
                case 'withdraw':
                  s = { ...s, state: 'withdrawn' };
                  break;
                case 'raise': {
                  const to = nextLevel(s.level);
                  if (to && mayRaiseTo(to, c.role, c.participant)) raiseTo(to, 'manual', c.role);
                  break;
                }
              }
              expect(remindersThisLevel).toBeLessThanOrEqual(1);
            }

            for (const ch of changes) {
              expect(levelIndex(ch.to)).toBe(levelIndex(ch.from) + 1); // never skips a level
              if (ch.how === 'auto') {
                expect(ch.to).not.toBe('L3');
                expect(['L0', 'L1']).toContain(ch.from);
              }
              if (ch.to === 'L3') {
                expect(ch.how).toBe('manual');
                expect(['manager', 'director', 'pilot_coordinator']).toContain(ch.role);
              }
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  });
});
