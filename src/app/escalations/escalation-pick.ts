import { seriesOf, type EscalationSeries } from '../../domain/escalation-series.js';
import type { EscalationRecord } from '../../domain/records.js';

/**
 * Which escalation of a case an action means:
 * - as its card names it: its series and number;
 * - a card made before the two series carries only the number it had then (`legacySeq`): the escalation raised before
 *   the series with that number, else the team's escalation with that number;
 * - a replay step: the case's n-th escalation in order of raising, hidden ones included (`raised`).
 */
export type EscalationPick = { series: EscalationSeries; seq: number } | { legacySeq: number } | { raised: number };

/** The pick that names this escalation on a card. */
export function pickOf(e: EscalationRecord): { series: EscalationSeries; seq: number } {
  return { series: seriesOf(e.trigger), seq: e.seq };
}

/** The escalation a pick names among all of a case's escalations (in order of raising), if any. */
export function picked(all: readonly EscalationRecord[], pick: EscalationPick): EscalationRecord | undefined {
  if ('raised' in pick) return all[pick.raised - 1];
  if ('legacySeq' in pick)
    return (
      all.find((e) => e.series === null && e.seq === pick.legacySeq) ??
      all.find((e) => seriesOf(e.trigger) === 'team' && e.seq === pick.legacySeq)
    );
  return all.find((e) => seriesOf(e.trigger) === pick.series && e.seq === pick.seq);
}

/** How an audit entry names the escalation it is about: its number as shown then, and its row. */
export function auditRefOf(e: EscalationRecord): { escalation: number; escalationId: number } {
  return { escalation: e.seq, escalationId: e.id };
}

/**
 * The escalation an audit entry is about, among the case's escalations. Entries written before the two series name it
 * only by its number of then, which is unique among the escalations of then.
 */
export function escalationOfAudit(
  all: readonly EscalationRecord[],
  details: Record<string, unknown>,
): EscalationRecord | undefined {
  if (typeof details.escalationId === 'number') return all.find((e) => e.id === details.escalationId);
  if (typeof details.escalation === 'number') return all.find((e) => e.series === null && e.seq === details.escalation);
  return undefined;
}
