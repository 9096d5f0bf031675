import type { EscalationLevel } from './types.js';

/** Dutch names of the escalation levels (docs/behaviour.md, Escalations), for cards and the inzage export. */
export const LEVEL_LABELS: Record<EscalationLevel, string> = {
  L0: 'L0 casusoverleg',
  L1: 'L1 teamleiders',
  L2: 'L2 management',
  L3: 'L3 bestuur / regionale tafel',
};
