import type { EscalationPolicy } from './norms.js';
import type { Roster } from './roster.js';
import { ESCALATION_LEVELS, type EscalationLevel, type EscalationTrigger, type MemberId } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';
import type { LocalDate } from './local-date.js';

// The Gelderland escalation model as a pure state machine (docs/behaviour.md, Escalations).

export type EscalationState = 'open' | 'resolved' | 'withdrawn';
export type NextAction = { action: 'reminder' | 'advance'; at: number } | null;

export interface LadderState {
  level: EscalationLevel;
  levelRaisedDate: LocalDate;
  state: EscalationState;
  reminderSent: boolean;
}

export function levelIndex(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}

export function nextLevel(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_LEVELS[levelIndex(level) + 1];
}

/** A manual escalation starts at L0; NEGLIGENT_CONDUCT and automatic ones (overdue timers) start at L1. */
export function startLevel(trigger: EscalationTrigger, source: 'manual' | 'timer'): EscalationLevel {
  return source === 'timer' || trigger === 'NEGLIGENT_CONDUCT' ? 'L1' : 'L0';
}

/**
 * Participants are cumulative: the base people (L0) plus, for each level up, the next link of each base person's lead
 * chain (L1 their team leads, L2 the managers, L3 the directors). A missing link ends that chain.
 */
export function participantsAt(level: EscalationLevel, base: readonly MemberId[], roster: Roster): MemberId[] {
  const out = new Set<MemberId>(base);
  const steps = levelIndex(level);
  for (const b of base) {
    let cur: MemberId | undefined = b;
    for (let i = 0; i < steps && cur; i++) {
      cur = roster.leadOf(cur)?.id;
      if (cur) out.add(cur);
    }
  }
  return [...out].sort();
}

/**
 * What happens next for an open escalation. The level's response time runs in working days from the day it was raised;
 * when it has passed, one reminder at the next office-hours start; `advanceAfterReminderWorkingDays` later the next level
 * (only for levels in `autoAdvance`: L3 is never raised automatically).
 */
export function nextEscalationAction(cal: WorkingCalendar, policy: EscalationPolicy, s: LadderState): NextAction {
  if (s.state !== 'open') return null;
  const responseEnd = cal.addWorkingDays(s.levelRaisedDate, policy.responseWorkingDays[s.level]);
  const reminderDate = cal.addWorkingDays(responseEnd, 1);
  if (!s.reminderSent) return { action: 'reminder', at: cal.officeStartOf(reminderDate) };
  const target = nextLevel(s.level);
  if (!target || target === 'L3' || !policy.autoAdvance.includes(s.level)) return null;
  return {
    action: 'advance',
    at: cal.officeStartOf(cal.addWorkingDays(reminderDate, policy.advanceAfterReminderWorkingDays)),
  };
}

/** Who may move an escalation up by hand: a participant up to L2; L3 needs a manager, director or pilot coordinator. */
export function mayRaiseTo(target: EscalationLevel, actorRole: string, isParticipant: boolean): boolean {
  if (target === 'L3')
    return (
      ['manager', 'director', 'pilot_coordinator'].includes(actorRole) &&
      (isParticipant || actorRole === 'pilot_coordinator')
    );
  return isParticipant;
}
