import { DomainError } from '../../../domain/domain-error.js';
import type { ChatCommand } from '../chat-command.js';

export const TYPED_DATE_TEXT =
  "Typ de periode als maand (2026-09) of jaar (2026), niet als datum: een precieze dag kies je op de kaart met 'Andere periode'. Bijvoorbeeld: kpi Renkum 2026-01 2026-06";

/**
 * `leren …` or `kpi …` with a full date typed in it: the personal-data guard would refuse it as a possible birth date,
 * which says nothing useful here. Registered before both commands; nothing is read from the text.
 */
export const typedDateCommand: ChatCommand = {
  pattern: /^(?:leren|learn|kpi)\s.*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/i,
  usage: TYPED_DATE_TEXT,
  run() {
    return Promise.reject(new DomainError('USAGE', TYPED_DATE_TEXT));
  },
};
