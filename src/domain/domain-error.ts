// A refusal the person can act on: a stable code for logs and tests, and a plain Dutch sentence for the chat.
export class DomainError extends Error {
  constructor(
    readonly code: string,
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
