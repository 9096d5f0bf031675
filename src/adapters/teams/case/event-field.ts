import { z } from 'zod';
import { CASE_EVENTS } from '../../../domain/timer-rules.js';
import { OFFERED_EVENTS } from './case-card-forms.js';
import { nl, says } from '../card-action.js';

/**
 * The event of a case.eventForm / case.recordEvent submit: one the chooser offers. The Regional Expert Team is engaged
 * from the escalation card (after a confirmation), not here.
 */
export const eventField = z
  .enum(CASE_EVENTS, says('Kies wat er is gebeurd.'))
  .refine((e) => OFFERED_EVENTS.includes(e), nl('Het Regionaal Expertteam schakel je in vanaf de escalatiekaart.'));
