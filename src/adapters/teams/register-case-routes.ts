import type { AppContext } from '../../app/app-context.js';
import { addMemberAction } from './team/add-member-action.js';
import { registerCandidateSearch } from './team/candidate-search-action.js';
import type { CardAction } from './card-action.js';
import { closeCaseAction } from './case/close-case-action.js';
import { recordEventAction } from './case/record-event-action.js';
import { removeMemberAction } from './team/remove-member-action.js';
import { replaceMemberAction } from './team/replace-member-action.js';
import { requestCloseCaseAction } from './case/request-close-case-action.js';
import { setCoordinatorAction } from './team/set-coordinator-action.js';
import { setStageAction } from './case/set-stage-action.js';
import { showCaseAction } from './case/show-case-action.js';
import { showTeamAction } from './team/show-team-action.js';
import type { ChatCommand } from './chat-command.js';
import { consultCommand } from './team/consult-command.js';
import { myCasesCommand } from './case/my-cases-command.js';
import { newCaseCommand } from './case/new-case-command.js';
import { rosterCommand } from './team/roster-command.js';
import { showCaseCommand } from './case/show-case-command.js';
import { teamCommand } from './team/team-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { eventFormAction } from './case/event-form-action.js';
import { stageFormAction } from './case/stage-form-action.js';
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
