import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './actions/card-action.js';
import { absenceFormAction, setAbsenceAction } from './actions/set-absence-action.js';
import { absenceCommand } from './commands/absence-command.js';
import type { ChatCommand } from './commands/chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { REFRESH_ACTIONS } from './refresh-views.js';
import { registerCommandsAndActions } from './register-commands-and-actions.js';
import { acuteCommand } from './workflow/acute-command.js';
import {
  acuteConfirmAction,
  acuteFollowupAction,
  acutePickUpAction,
  acuteReportAction,
} from './workflow/acute-report-action.js';
import { escalationCommand, escalationFormAction } from './workflow/escalation-command.js';
import { escalationDecideAction } from './workflow/escalation-decide-action.js';
import { escalationPlanAction } from './workflow/escalation-plan-action.js';
import { escalationExpertTeamAction } from './workflow/escalation-expert-team-action.js';
import { escalationRaiseAction } from './workflow/escalation-raise-action.js';
import { escalationReflectAction } from './workflow/escalation-reflect-action.js';
import { escalationStartAction } from './workflow/escalation-start-action.js';
import { escalationWithdrawAction } from './workflow/escalation-withdraw-action.js';
import { handoverAcceptAction } from './workflow/handover-accept-action.js';
import { handoverCheckAction } from './workflow/handover-check-action.js';
import { handoverCommand, handoverFormAction } from './workflow/handover-command.js';
import { handoverStartAction } from './workflow/handover-start-action.js';
import { handoverViewAction } from './workflow/handover-view-action.js';
import { timerAckAction } from './workflow/timer-ack-action.js';
import { timerCompleteAction } from './workflow/timer-complete-action.js';
import { timerPostponeAction } from './workflow/timer-postpone-action.js';

export const WORKFLOW_COMMANDS: readonly ChatCommand[] = [
  handoverCommand,
  escalationCommand,
  acuteCommand,
  absenceCommand,
];

export const WORKFLOW_ACTIONS: readonly CardAction[] = [
  timerAckAction,
  timerPostponeAction,
  timerCompleteAction,
  handoverFormAction,
  handoverStartAction,
  handoverCheckAction,
  handoverAcceptAction,
  handoverViewAction,
  escalationFormAction,
  escalationStartAction,
  escalationPlanAction,
  escalationDecideAction,
  escalationRaiseAction,
  escalationExpertTeamAction,
  escalationWithdrawAction,
  escalationReflectAction,
  acuteReportAction,
  acuteConfirmAction,
  acutePickUpAction,
  acuteFollowupAction,
  setAbsenceAction,
  absenceFormAction,
  // "Vernieuwen" on a card several people see (case card, checklist): the person's own view.
  ...REFRESH_ACTIONS,
];

/**
 * Handovers, escalations, acute danger, the nudge card actions and absences (deputies stand in). Errors go to the one
 * app.error handler.
 */
export function registerWorkflowRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  registerCommandsAndActions(app, ctx, tools, WORKFLOW_COMMANDS, WORKFLOW_ACTIONS);
}
