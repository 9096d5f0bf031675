import { addMonths } from '../domain/local-date.js';
import type { AppContext } from './app-context.js';

// Retention: the bot is not the dossier. A closed case is purged `retentionMonths` after
// closing; anonymous KPI material survives in the archive, the audit log keeps its (pseudonymous) chain.

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
      ctx.store.retention.archiveAndDelete(c.caseId, now);
      ctx.store.audit.append({
        at: now,
        actor: options.actor ?? 'teammodel-bot',
        action: 'case.purged',
        caseId: c.caseId,
        reason: `bewaartermijn van ${ctx.norms.retentionMonths} maanden na sluiting verstreken`,
        details: { closedOn: c.closedOn },
      });
    });
  }
  return candidates;
}
