import type { EscalationRecord } from './records.js';

/** Where an escalation stands, in Dutch, for the case card and the inzage export. */
export const ESCALATION_STATE_LABELS = {
  open: 'open',
  resolved: 'besloten',
  withdrawn: 'ingetrokken',
} as const satisfies Record<EscalationRecord['state'], string>;
