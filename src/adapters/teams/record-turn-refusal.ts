import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { recordRefusal, refusalAction } from '../../app/record-view.js';
import { HELP_GROUPS } from './bot-texts.js';
import { commandText } from './command-text.js';
import { memberOfTurn } from './current-member.js';

/** The first words of the commands (Dutch and the English aliases): only such a word is kept, never other text. */
const COMMAND_WORDS: ReadonlySet<string> = new Set([
  ...HELP_GROUPS.flatMap((g) => g.commands.map(([c]) => c.split(' ')[0]!)),
  ...[
    'case',
    'handover',
    'escalate',
    'acute',
    'overview',
    'reachability',
    'learn',
    'roster',
    'my',
    'absence',
    'consultatie',
    'help',
  ],
]);

/**
 * A refused attempt of a turn (no access, or a text the personal-data guard refused) goes into the audit log: who,
 * which command or card verb, which code; never the text.
 */
export function recordTurnRefusal(ctx: AppContext, context: TurnContext, code: string): void {
  if (!refusalAction(code)) return;
  const activity = context.activity;
  const card = activity.type === 'invoke';
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  const word = (commandText(activity) ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  void recordRefusal(ctx, {
    actor: memberOfTurn(context, ctx.roster)?.id ?? null,
    via: card ? 'card' : 'message',
    command: card
      ? typeof verb === 'string' && /^[a-zA-Z.]{1,40}$/.test(verb)
        ? verb
        : null
      : COMMAND_WORDS.has(word)
        ? word
        : null,
    code,
  });
}
