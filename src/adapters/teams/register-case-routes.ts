import type { AppContext } from '../../app/app-context.js';
import { addMemberAction } from './actions/add-member-action.js';
import type { CardAction } from './actions/card-action.js';
import { closeCaseAction } from './actions/close-case-action.js';
import { recordEventAction } from './actions/record-event-action.js';
import { removeMemberAction } from './actions/remove-member-action.js';
import { replaceMemberAction } from './actions/replace-member-action.js';
import { requestCloseCaseAction } from './actions/request-close-case-action.js';
import { setCoordinatorAction } from './actions/set-coordinator-action.js';
import { setStageAction } from './actions/set-stage-action.js';
import { showCaseAction } from './actions/show-case-action.js';
import { showTeamAction } from './actions/show-team-action.js';
import { commandSelector } from './command-selector.js';
import { commandText } from './command-text.js';
import { parseArgument, type ChatCommand } from './commands/chat-command.js';
import { myCasesCommand } from './commands/my-cases-command.js';
import { newCaseCommand } from './commands/new-case-command.js';
import { rosterCommand } from './commands/roster-command.js';
import { showCaseCommand } from './commands/show-case-command.js';
import { teamCommand } from './commands/team-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { currentMember } from './current-member.js';

/** In matching order: `casus nieuw …` before `casus …` (first match wins). */
export const CASE_COMMANDS: readonly ChatCommand[] = [rosterCommand, newCaseCommand, showCaseCommand, myCasesCommand, teamCommand];

/** Verbs `case.*` and `team.*` only; the workflow routes own `timer.*`, `handover.*`, `escalation.*` and `acute.*`. */
export const CASE_ACTIONS: readonly CardAction[] = [
  showCaseAction,
  recordEventAction,
  setStageAction,
  requestCloseCaseAction,
  closeCaseAction,
  showTeamAction,
  addMemberAction,
  replaceMemberAction,
  removeMemberAction,
  setCoordinatorAction,
];

/** Case commands (rooster, casus nieuw, casus, mijn casussen, team) and the case/team card actions. */
export function registerCaseRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  for (const command of CASE_COMMANDS) {
    app.message(commandSelector(command.pattern), async (context) => {
      const actor = currentMember(context, ctx.roster);
      const raw = command.pattern.exec(commandText(context.activity) ?? '')?.[1];
      const argument = parseArgument(command, raw, ctx);
      await command.run(context, { actor, argument }, tools);
    });
  }
  for (const action of CASE_ACTIONS) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) => {
      const actor = currentMember(context, ctx.roster);
      return action.handle(context, { actor, data }, tools);
    });
  }
}
