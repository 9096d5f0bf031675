import { z } from 'zod';
import type { EscalationPick } from '../../../app/escalations/escalation-pick.js';
import { ESCALATION_SERIES, seriesOf, type EscalationSeries } from '../../../domain/escalation-series.js';
import type { EscalationTrigger } from '../../../domain/types.js';
import { idField } from '../workflow-fields.js';

// How an escalation card's buttons name their escalation: its number and series, as the card shows it. A card made
// before the two series carries only the number it had then (no `series`), and still names the same escalation.

export const escalationCardFields = {
  escalation: idField('escalatie'),
  series: z.enum(ESCALATION_SERIES).optional(),
};

/** The data that names this escalation on a card's buttons. */
export function escalationCardData(
  caseRef: string,
  e: { trigger: EscalationTrigger; seq: number },
): { caseRef: string; escalation: number; series: EscalationSeries } {
  return { caseRef, escalation: e.seq, series: seriesOf(e.trigger) };
}

/** The escalation a pressed button names. */
export function pickOfCard(data: { escalation: number; series?: EscalationSeries | undefined }): EscalationPick {
  return data.series ? { series: data.series, seq: data.escalation } : { legacySeq: data.escalation };
}

/** The same, from submitted data not yet validated (to build a form again); undefined when it names none. */
export function submittedPick(data: Record<string, unknown>): EscalationPick | undefined {
  const parsed = z.object(escalationCardFields).safeParse(data);
  return parsed.success ? pickOfCard(parsed.data) : undefined;
}
