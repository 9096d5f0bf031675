import type { SharingBasis } from '../../../domain/handover-templates.js';
import type { TimerStep } from '../../../domain/types.js';
import type { CardElement } from './card-kit.js';

// Dutch labels and small layout pieces shared by the workflow cards (nudges, handovers, escalations, acute danger).

export const STEP_TEXT: Record<TimerStep, string> = {
  remind: 'Deze termijn verloopt binnenkort.',
  checkin: 'Tijd om te kijken of terugmelden bij de Jeugdbeschermingstafel nodig is.',
  overdue: 'Deze termijn is verstreken.',
  escalate: 'Deze termijn is verstreken en wordt geëscaleerd.',
};

export const BASIS_CHOICES: Array<[SharingBasis, string]> = [
  ['consent', 'Toestemming van de ouders (en het kind van 12+)'],
  ['statutory_task', 'Wettelijke taak'],
  ['conflict_of_duties', 'Conflict van plichten (na afweging volgens de meldcode)'],
];

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
