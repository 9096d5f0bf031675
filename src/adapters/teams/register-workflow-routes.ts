import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './card-action.js';
import { absenceFormAction, setAbsenceAction } from './absence/set-absence-action.js';
import { absenceCommand } from './absence/absence-command.js';
import type { ChatCommand } from './chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { REFRESH_ACTIONS } from './refresh-views.js';
import { registerCommandsAndActions } from './register-commands-and-actions.js';
import { acuteCommand } from './acute/acute-command.js';
import {
  acuteConfirmAction,
  acuteFollowupAction,
  acutePickUpAction,
  acuteReportAction,
} from './acute/acute-report-action.js';
import { escalationCommand, escalationFormAction } from './escalation/escalation-command.js';
import { escalationDecideAction } from './escalation/escalation-decide-action.js';
import { escalationPlanAction } from './escalation/escalation-plan-action.js';
import { escalationExpertTeamAction } from './escalation/escalation-expert-team-action.js';
import { escalationRaiseAction } from './escalation/escalation-raise-action.js';
import { escalationReflectAction } from './escalation/escalation-reflect-action.js';
import { escalationStartAction } from './escalation/escalation-start-action.js';
import { escalationWithdrawAction } from './escalation/escalation-withdraw-action.js';
import { handoverAcceptAction } from './handover/handover-accept-action.js';
import { handoverCheckAction } from './handover/handover-check-action.js';
import { handoverCommand, handoverFormAction } from './handover/handover-command.js';
import { handoverStartAction } from './handover/handover-start-action.js';
import { handoverViewAction } from './handover/handover-view-action.js';
import { timerAckAction } from './nudge/timer-ack-action.js';
import { timerCompleteAction } from './nudge/timer-complete-action.js';
import { timerPostponeAction } from './nudge/timer-postpone-action.js';

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
