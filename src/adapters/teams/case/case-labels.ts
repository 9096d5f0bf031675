// Plain Dutch labels for the case card's forms and states (the domain keeps English codes). The tables live in domain/
// so the inzage export (app/) can use them too; they are re-exported here for the cards.

export { EVENT_LABELS } from '../../../domain/event-labels.js';
export { MEASURE_LABELS } from '../../../domain/measure-labels.js';
export { OUTCOME_LABELS } from '../../../domain/outcome-labels.js';
export { HANDOVER_STATE_LABELS } from '../../../domain/handover-state-labels.js';
export { ESCALATION_STATE_LABELS } from '../../../domain/escalation-state-labels.js';

export const TIMER_STEP_LABELS = {
  remind: 'herinnering',
  checkin: 'terugmeldmoment',
  overdue: 'te laat',
  escalate: 'escalatie',
} as const;
