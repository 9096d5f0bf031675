import type { HandoverRecord } from './records.js';

/** Where a warm handover stands, in Dutch, for the case card and the inzage export. */
export const HANDOVER_STATE_LABELS = {
  open: 'loopt',
  accepted: 'afgerond',
  cancelled: 'vervallen',
} as const satisfies Record<HandoverRecord['state'], string>;
