import type { EventFields } from './timer-rules.js';

/** Dutch names of an event's outcome (the Jeugdbeschermingstafel's, the municipality's), for forms and the export. */
export const OUTCOME_LABELS: Record<NonNullable<EventFields['outcome']>, string> = {
  voluntary: 'Vrijwillig verder',
  report_back: 'Vrijwillig verder met terugmelden',
  investigation: 'Raadsonderzoek',
  approved: 'Akkoord',
  declined: 'Afgewezen',
};
