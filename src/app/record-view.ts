import type { MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { errorFields } from './error-fields.js';
import { retryWhenBusy } from './retry-when-busy.js';
import type { AuditEntry } from '../domain/audit-chain.js';

// Every read is on record, as every write is (docs/behaviour.md, "Who may see a case"): who looked at a handover's
// checklist, at the pilot overview or a municipality's stalled cases, the learning agenda or the KPIs, at who cannot be
// reached, and every attempt that was refused. Ids and codes only: never a text the person typed. Committed with the other entries of the moment.

export type ViewedThing =
  | { what: 'handover'; caseId: number; handover: number }
  | { what: 'overview'; municipality?: string }
  | { what: 'learning'; municipality: string }
  | { what: 'kpi'; municipality: string }
  | { what: 'digest' }
  | { what: 'reachability'; municipality?: string };

const ACTIONS = {
  handover: 'handover.viewed',
  overview: 'overview.viewed',
  learning: 'learning.viewed',
  kpi: 'kpi.viewed',
  digest: 'digest.viewed',
  reachability: 'reachability.viewed',
} as const;

export function recordView(ctx: AppContext, actorId: MemberId, v: ViewedThing): Promise<void> {
  const caseId = v.what === 'handover' ? v.caseId : null;
  const details =
    v.what === 'handover'
      ? { handover: v.handover }
      : 'municipality' in v && v.municipality
        ? { municipality: v.municipality }
        : {};
  return logged(
    ctx,
    appendSoonWhenFree(ctx, {
      at: ctx.clock.now(),
      actor: actorId,
      action: ACTIONS[v.what],
      caseId,
      reason: null,
      details,
    }),
  );
}

/**
 * The audit row of a read, committed with the other rows of the moment (audit.appendSoon); while another process
 * holds the database it is tried again (a batch that failed busy wrote nothing). Not left to the turn's own retry:
 * other turns write while this one waits for the batch, and a turn that saw writes may not run again.
 */
export function appendSoonWhenFree(ctx: AppContext, entry: AuditEntry): Promise<void> {
  return retryWhenBusy(() => ctx.store.audit.appendSoon(entry));
}

/** A read is served even when its audit row cannot be written this moment; that is logged (codes only), never thrown. */
function logged(ctx: AppContext, write: Promise<void>): Promise<void> {
  return write.catch((err: unknown) => ctx.logger.warn({ err: errorFields(err) }, 'could not record a read'));
}

/** The refusal codes that mean "not for you": an attempt to see or do what one may not. */
const ACCESS_CODES: ReadonlySet<string> = new Set([
  'NOT_FOUND_OR_NO_ACCESS',
  'NOT_ALLOWED',
  'NOT_A_MEMBER',
  'NOT_A_PARTICIPANT',
  'NOT_OWNER',
  'NOT_RECEIVER',
  'NOT_YOUR_ITEM',
  'EXPORT_NOT_ALLOWED',
  'OVERVIEW_NOT_ALLOWED',
  'REACHABILITY_NOT_ALLOWED',
  'NOT_IN_ROSTER',
]);

/**
 * Which refused attempts go on record, and as what: a refusal of access, or a text the personal-data guard refused
 * (someone tried to store personal data). A typo, a wrong date or a closed case is an input error the person is told
 * about, not an attempt on someone's data, and is not recorded (docs/behaviour.md, "Who may see a case").
 */
export function refusalAction(code: string): 'access.refused' | 'personal-data.refused' | undefined {
  if (ACCESS_CODES.has(code)) return 'access.refused';
  if (code === 'PERSONAL_DATA') return 'personal-data.refused';
  return undefined;
}

/**
 * A refused attempt: who (a roster id, or `niet-in-rooster`), through which command or card verb, and the refusal's
 * code. Not the text, not the case reference they tried (it may not exist, and the log must not become a list of
 * guesses).
 */
export function recordRefusal(
  ctx: AppContext,
  r: { actor: MemberId | null; via: 'message' | 'card'; command: string | null; code: string },
): Promise<void> {
  const action = refusalAction(r.code);
  if (!action) return Promise.resolve();
  return logged(
    ctx,
    appendSoonWhenFree(ctx, {
      at: ctx.clock.now(),
      actor: r.actor ?? 'niet-in-rooster',
      action,
      caseId: null,
      reason: null,
      details: { via: r.via, command: r.command, code: r.code },
    }),
  );
}
