import { DomainError } from '../domain/domain-error.js';
import { findPersonalData, personalDataRefusal } from '../domain/personal-data-guard.js';
import type { AppContext } from './app-context.js';

/** Every free text (reasons, questions, decisions) passes the personal-data guard before anything is stored. */
export function guardText(
  ctx: AppContext,
  text: string,
  field: string,
  options: { required?: boolean; max?: number } = {},
): string {
  const trimmed = text.trim();
  if (options.required !== false && trimmed.length === 0) {
    throw new DomainError('TEXT_REQUIRED', `Vul een ${field} in.`);
  }
  const max = options.max ?? 500;
  if (trimmed.length > max) throw new DomainError('TEXT_TOO_LONG', `De ${field} is te lang (maximaal ${max} tekens).`);
  const kinds = findPersonalData(trimmed);
  if (kinds.length > 0) {
    // Log the kind only, never the text.
    ctx.logger.warn({ field, kinds }, 'personal data refused');
    throw new DomainError('PERSONAL_DATA', personalDataRefusal(kinds));
  }
  return trimmed;
}
