import type { SharingBasis } from '../../../domain/handover-templates.js';
import type { CaseEvent } from '../../../domain/timer-rules.js';
import type { TimerId, TimerStep } from '../../../domain/types.js';
import type { CardElement } from './card-kit.js';

// Dutch labels and small layout pieces shared by the workflow cards (nudges, handovers, escalations, acute danger).

export const STEP_TEXT: Record<TimerStep, string> = {
  remind: 'Deze termijn verloopt binnenkort.',
  overdue: 'Deze termijn is verstreken.',
  escalate: 'Deze termijn is verstreken en wordt geëscaleerd.',
};

export const BASIS_CHOICES: Array<[SharingBasis, string]> = [
  ['consent', 'Toestemming van de ouders (en het kind van 12+)'],
  ['statutory_task', 'Wettelijke taak'],
  ['conflict_of_duties', 'Conflict van plichten (na afweging volgens de meldcode)'],
];

/**
 * What stops each timer (domain.md §4.1 "Stop conditions"): the event(s) a nudge card offers to record.
 * T12 is completed by accepting the handover (its checklist); a decision deadline by reporting it carried out.
 */
export const COMPLETING_EVENTS: Record<TimerId, CaseEvent[]> = {
  T1: ['safety_assessment_done'],
  T2: ['vt_followup_done'],
  T3: ['report_back_done'],
  T4: ['rvdk_investigation_started'],
  T5: ['rvdk_investigation_done'],
  T6: ['jeugdbeschermer_assigned'],
  T7: ['plan_of_approach_done'],
  T8: ['ots_evaluation_done'],
  T9: ['measure_ended', 'measure_extended'],
  T10: ['measure_ended'],
  T11: ['jeugdhulp_started'],
  T12: [],
  T13: ['activity'],
  DECISION: ['decision_done'],
};

export const actionSet = (actions: CardElement[], extra: CardElement = {}): CardElement => ({
  type: 'ActionSet',
  actions,
  ...extra,
});
export const container = (items: CardElement[], extra: CardElement = {}): CardElement => ({
  type: 'Container',
  items,
  ...extra,
});
export const notice = (value: string): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  color: 'Good',
  weight: 'Bolder',
});
export const warning = (value: string): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  color: 'Attention',
  weight: 'Bolder',
});
