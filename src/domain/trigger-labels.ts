import type { EscalationTrigger } from './types.js';

/** Dutch names of what started an escalation (docs/behaviour.md, Escalations), for cards and the inzage export. */
export const TRIGGER_LABELS: Record<EscalationTrigger, string> = {
  PROFESSIONAL_DILEMMA: 'Professioneel dilemma (verschil van inzicht)',
  AGREEMENTS_NOT_FOLLOWED: 'Samenwerkingsafspraken niet nagekomen',
  NEGLIGENT_CONDUCT: 'Nalatig of zorgwekkend handelen',
};
