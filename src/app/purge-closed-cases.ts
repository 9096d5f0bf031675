import { addMonths } from '../domain/local-date.js';
import type { AppContext } from './app-context.js';

// Retention: the bot is not the dossier. A closed case is purged `retentionMonths` after closing; anonymous KPI
// material survives in the archive. The audit log keeps its chain: the case's rows stay, but what they said (who, why,
// the details) is sealed under the case's key, which the purge destroys (src/adapters/sqlite/case-keys.ts).

export interface PurgeCandidate {
  caseId: number;
  ref: string;
  closedOn: string;
  purgeFrom: string;
}

export function findPurgeCandidates(ctx: AppContext, now = ctx.clock.now()): PurgeCandidate[] {
  const today = ctx.calendar.localDate(now);
  return ctx.store.retention
    .closedCases()
    .map((c) => {
      const closedOn = ctx.calendar.localDate(c.closedAt);
      return { caseId: c.id, ref: c.ref, closedOn, purgeFrom: addMonths(closedOn, ctx.norms.retentionMonths) };
    })
    .filter((c) => c.purgeFrom <= today);
}

export function purgeClosedCases(ctx: AppContext, options: { dryRun: boolean; actor?: string }): PurgeCandidate[] {
  const now = ctx.clock.now();
  const candidates = findPurgeCandidates(ctx, now);
  if (options.dryRun) return candidates;
  for (const c of candidates) {
    ctx.store.transaction(() => {
      const { unsealedAuditRows } = ctx.store.retention.archiveAndDelete(c.caseId, now);
      // Not a row of the case (those are unreadable from now on, also any written later): the record that the purge
      // happened stays readable, and it names nothing but the internal id, the closing date and the rows that predate
      // the case keys and could not be sealed.
      ctx.store.audit.append({
        at: now,
        actor: options.actor ?? 'teammodel-bot',
        action: 'case.purged',
        caseId: null,
        reason: `bewaartermijn van ${ctx.norms.retentionMonths} maanden na sluiting verstreken`,
        details: { purgedCase: c.caseId, closedOn: c.closedOn, unsealedAuditRows },
      });
    });
  }
  if (candidates.length > 0 && !ctx.store.retention.scrub())
    ctx.logger.warn(
      { purged: candidates.length },
      'write-ahead log not emptied after the purge: another reader held it',
    );
  return candidates;
}
