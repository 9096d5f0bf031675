import type { EscalationTrigger } from './types.js';

// Escalations are numbered per case in two series (docs/behaviour.md, Escalations): the team's (dilemmas and
// agreements not followed) and the confidential one (worrying conduct, which only the raiser and their own lead chain
// know of). A team's numbers never count an escalation hidden from it, so "Escalatie 2" after "Escalatie 1" tells
// nobody that something else was raised in between.

export const ESCALATION_SERIES = ['team', 'confidential'] as const;
export type EscalationSeries = (typeof ESCALATION_SERIES)[number];

export function seriesOf(trigger: EscalationTrigger): EscalationSeries {
  return trigger === 'NEGLIGENT_CONDUCT' ? 'confidential' : 'team';
}

/** "Escalatie 2", "Vertrouwelijke escalatie 1"; lower case inside a sentence ("escalatie 2"). */
export function escalationName(e: { trigger: EscalationTrigger; seq: number }, inSentence = false): string {
  const name = seriesOf(e.trigger) === 'confidential' ? `Vertrouwelijke escalatie ${e.seq}` : `Escalatie ${e.seq}`;
  return inSentence ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
