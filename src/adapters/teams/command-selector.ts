import type { TurnContext } from 'botbuilder';
import { commandText } from './command-text.js';

/**
 * A route selector matching the whole command text (see commandText) against `pattern`.
 * teams-ai's `app.message('help')` matches any text *containing* "help"; use this instead, with an anchored RegExp
 * such as /^(hulp|help)$/i. A /g or /y flag is refused: RegExp.test would then remember lastIndex between messages.
 */
export function commandSelector(pattern: RegExp): (context: TurnContext) => Promise<boolean> {
  if (pattern.global || pattern.sticky) throw new Error(`commandSelector: ${pattern} must not use the g or y flag`);
  return async (context) => {
    const text = commandText(context.activity);
    return text !== undefined && pattern.test(text);
  };
}
