// A refusal the person can act on: a stable code for logs and tests, and a plain Dutch sentence for the chat.

/** Every refusal code, so that a typo is a type error and logs and tests can rely on the list. */
export const DOMAIN_ERROR_CODES = [
  'ALREADY_COORDINATOR',
  'ALREADY_ENGAGED',
  'ALREADY_MEMBER',
  'ALREADY_PICKED_UP',
  'ALREADY_TICKED',
  'BAD_CARD_DATA',
  'BAD_DATE',
  'BAD_POSTPONE_DATE',
  'BASIS_REQUIRED',
  'CASE_CLOSED',
  'CASE_EXISTS',
  'CHECKLIST_INCOMPLETE',
  'CONSULT_OTHER_ORG',
  'CONSULT_PROFESSIONAL',
  'EXPORT_NOT_ALLOWED',
  'FIELD_REQUIRED',
  'FLOW_ORDER',
  'HANDOVER_CLOSED',
  'HANDOVER_SAME_PERSON',
  'LAST_MEMBER',
  'NOT_ALLOWED',
  'NOT_A_JEUGDBESCHERMER',
  'NOT_A_CANDIDATE',
  'NOT_A_MEMBER',
  'NOT_A_PARTICIPANT',
  'NOT_FOUND_OR_NO_ACCESS',
  'NOT_IN_ROSTER',
  'NOT_NOTIFIED',
  'NOT_OWNER',
  'NOT_RECEIVER',
  'NOT_RESOLVED',
  'NOT_YOUR_ITEM',
  'NO_ACUTE_REPORT',
  'NO_EXPERT_TEAM',
  'NO_OPEN_ESCALATION',
  'NO_OPEN_HANDOVER',
  'NO_OPEN_TIMER',
  'OTHER_ORG',
  'OVERVIEW_NOT_ALLOWED',
  'OWNER_NOT_ON_CASE',
  'PERSONAL_DATA',
  'REACHABILITY_NOT_ALLOWED',
  'RET_FROM_L2',
  'SAME_PERSON',
  'SECOND_POSTPONE_NEEDS_LEAD',
  'TEST_REFUSED',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
  'TIMER_NOT_OPEN',
  'TOP_LEVEL',
  'UNKNOWN_BASIS',
  'UNKNOWN_CASE',
  'UNKNOWN_ITEM',
  'UNKNOWN_MEMBER',
  'UNKNOWN_MOMENT',
  'UNKNOWN_MUNICIPALITY',
  'UNKNOWN_ORG',
  'UNKNOWN_STAGE',
  'UNKNOWN_TRIGGER',
  'USAGE',
  'USE_CLOSE',
  'WRONG_EVENT',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * Refusals of what was filled in, not of who asked: the person can correct the form and send it again, so a form
 * answered with one of these comes back with their choices kept (docs/behaviour.md, "A form that is not accepted").
 */
const INPUT_PROBLEMS: ReadonlySet<DomainErrorCode> = new Set<DomainErrorCode>([
  'BAD_CARD_DATA',
  'BAD_DATE',
  'BAD_POSTPONE_DATE',
  'BASIS_REQUIRED',
  'CONSULT_OTHER_ORG',
  'CONSULT_PROFESSIONAL',
  'FIELD_REQUIRED',
  'HANDOVER_SAME_PERSON',
  'NOT_A_JEUGDBESCHERMER',
  'OWNER_NOT_ON_CASE',
  'PERSONAL_DATA',
  'SAME_PERSON',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
  'UNKNOWN_BASIS',
  'UNKNOWN_MEMBER',
  'UNKNOWN_MOMENT',
  'UNKNOWN_ORG',
  'UNKNOWN_STAGE',
  'UNKNOWN_TRIGGER',
]);

/** Whether a refusal is about the filled-in values (correctable in the same form), not about access or state. */
export function isInputProblem(code: DomainErrorCode): boolean {
  return INPUT_PROBLEMS.has(code);
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'DomainError';
  }
}

export const NOT_FOUND_OR_NO_ACCESS = 'Casus niet gevonden of geen toegang.';

export function notFoundOrNoAccess(): DomainError {
  // The same answer whether the case does not exist or the person may not see it (need-to-know).
  return new DomainError('NOT_FOUND_OR_NO_ACCESS', NOT_FOUND_OR_NO_ACCESS);
}
