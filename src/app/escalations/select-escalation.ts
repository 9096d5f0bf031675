import { DomainError } from '../../domain/domain-error.js';
import type { EscalationRecord } from '../../domain/records.js';
import type { AppContext } from '../app-context.js';
import type { LoadedCase } from '../case-access.js';

/** The escalation numbered `seq` (1 = the case's first), else the most recent open one (scenario-format.md). */
export function selectOpenEscalation(ctx: AppContext, loaded: LoadedCase, seq?: number): EscalationRecord {
  const all = ctx.store.escalations.ofCase(loaded.record.id);
  const e = seq !== undefined ? all.find((x) => x.seq === seq) : [...all].reverse().find((x) => x.state === 'open');
  if (!e || e.state !== 'open')
    throw new DomainError('NO_OPEN_ESCALATION', 'Er is geen open escalatie (meer) om te behandelen.');
  return e;
}
