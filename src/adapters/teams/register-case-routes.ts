import type { AppContext } from '../../app/app-context.js';
import { addMemberAction } from './actions/add-member-action.js';
import { registerCandidateSearch } from './actions/candidate-search-action.js';
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
import type { ChatCommand } from './commands/chat-command.js';
import { consultCommand } from './commands/consult-command.js';
import { myCasesCommand } from './commands/my-cases-command.js';
import { newCaseCommand } from './commands/new-case-command.js';
import { rosterCommand } from './commands/roster-command.js';
import { showCaseCommand } from './commands/show-case-command.js';
import { teamCommand } from './commands/team-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { eventFormAction } from './actions/event-form-action.js';
import { stageFormAction } from './actions/stage-form-action.js';
import { registerCommandsAndActions } from './register-commands-and-actions.js';

/** In matching order: `casus nieuw …` before `casus …` (first match wins); `consult …` overlaps with none. */
export const CASE_COMMANDS: readonly ChatCommand[] = [
  rosterCommand,
  newCaseCommand,
  showCaseCommand,
  myCasesCommand,
  teamCommand,
  consultCommand,
];

/** Verbs `case.*` and `team.*` only; the workflow routes own `timer.*`, `handover.*`, `escalation.*` and `acute.*`. */
export const CASE_ACTIONS: readonly CardAction[] = [
  showCaseAction,
  eventFormAction,
  recordEventAction,
  stageFormAction,
  setStageAction,
  requestCloseCaseAction,
  closeCaseAction,
  showTeamAction,
  addMemberAction,
  replaceMemberAction,
  removeMemberAction,
  setCoordinatorAction,
];

/**
 * Case commands (rooster, casus nieuw, casus, mijn casussen, team, consult), the case/team card actions and the team
 * card's candidate search (the `application/search` invoke).
 */
export function registerCaseRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  registerCommandsAndActions(app, ctx, tools, CASE_COMMANDS, CASE_ACTIONS);
  registerCandidateSearch(app, ctx);
}
