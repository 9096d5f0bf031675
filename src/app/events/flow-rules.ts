import { DomainError, type DomainErrorCode } from '../../domain/domain-error.js';
import type { CaseRecord } from '../../domain/records.js';
import type { CaseEvent, EventFields } from '../../domain/timer-rules.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { LoadedCase } from '../case-access.js';
import { joinCase } from '../join-case.js';
import { notifyTeam } from '../notify-team.js';

// Who may record which step of the flows between organisations, and in which order (docs/behaviour.md, Flows).
// Refusals say what is missing; nothing is written before these checks pass.

const refuse = (code: DomainErrorCode, message: string): never => {
  throw new DomainError(code, message);
};

export function checkFlowStep(
  ctx: AppContext,
  loaded: LoadedCase,
  actor: Member,
  event: CaseEvent,
  f: EventFields,
): void {
  const recorded = new Set(ctx.store.cases.events(loaded.record.id).map((e) => e.event));
  const member = f.member ? ctx.roster.member(f.member) : undefined;
  switch (event) {
    case 'jeugdbeschermer_assigned':
      if (!member || member.org !== 'GI' || member.role !== 'professional')
        refuse('NOT_A_JEUGDBESCHERMER', 'Kies een jeugdbeschermer: een uitvoerend professional van een GI.');
      return;
    case 'jbt_decision':
      if (actor.org !== 'JBT' && actor.org !== 'LT')
        refuse('NOT_ALLOWED', 'Het besluit van de Jeugdbeschermingstafel leggen de tafel of het Lokaal Team vast.');
      return;
    case 'consult_requested': {
      const refusal = consultRefusal(actor, member);
      if (refusal) throw refusal;
      return;
    }
    case 'preventive_jb_approved':
      if (!recorded.has('preventive_jb_requested'))
        refuse('FLOW_ORDER', 'Vraag eerst preventieve jeugdbescherming aan.');
      if (actor.org !== 'LT')
        refuse('NOT_ALLOWED', 'Goedkeuring voor preventieve jeugdbescherming geeft het Lokaal Team.');
      return;
    case 'preventive_jb_consent':
      if (!recorded.has('preventive_jb_requested'))
        refuse('FLOW_ORDER', 'Vraag eerst preventieve jeugdbescherming aan.');
      // The order is fixed (docs/behaviour.md): the family is asked to consent to what the Lokaal Team approved.
      if (!recorded.has('preventive_jb_approved'))
        refuse('FLOW_ORDER', 'Het Lokaal Team moet de preventieve jeugdbescherming eerst goedkeuren.');
      return;
    case 'preventive_jb_started': {
      if (actor.org !== 'GI') refuse('NOT_ALLOWED', 'Preventieve jeugdbescherming start de GI.');
      const missing = [
        recorded.has('preventive_jb_approved') ? null : 'de goedkeuring van het Lokaal Team',
        recorded.has('preventive_jb_consent') ? null : 'de instemming van het gezin',
      ].filter((x): x is string => x !== null);
      if (missing.length > 0)
        refuse('FLOW_ORDER', `Preventieve jeugdbescherming kan nog niet starten: ${missing.join(' en ')} ontbreekt.`);
      return;
    }
    case 'jeugdhulp_proposed':
      if (actor.org !== 'GI') refuse('NOT_ALLOWED', 'Jeugdhulp voordragen doet de jeugdbeschermer (GI).');
      return;
    default:
      return;
  }
}

/**
 * Whom one may consult: a professional or gedragswetenschapper of another organisation than one's own. The refusal,
 * or nothing when `member` may be consulted by `actor` (the chat's form offers exactly those people).
 */
export function consultRefusal(actor: Member, member: Member | undefined): DomainError | undefined {
  if (!member || member.id === actor.id || member.org === actor.org)
    return new DomainError('CONSULT_OTHER_ORG', 'Consulteer iemand van een andere organisatie.');
  if (member.role !== 'professional' && member.role !== 'behavioural_scientist')
    return new DomainError('CONSULT_PROFESSIONAL', 'Consulteer een uitvoerend professional of gedragswetenschapper.');
  return undefined;
}

/** A consulted colleague who is not on the case joins it, and hears that their advice is asked. */
export function consultationEffects(ctx: AppContext, c: CaseRecord, member: Member, by: MemberId, at: number): void {
  joinCase(ctx, c, member, { by, at, reason: 'geconsulteerd' });
  notifyTeam(ctx, c, 'consult_requested', [member.id], by, { member: member.id });
}
