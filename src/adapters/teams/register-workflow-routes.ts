import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './actions/card-action.js';
import { commandSelector } from './command-selector.js';
import { commandText } from './command-text.js';
import { parseArgument, type ChatCommand } from './commands/chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { currentMember } from './current-member.js';
import { acuteCommand } from './workflow/acute-command.js';
import { acuteReportAction } from './workflow/acute-report-action.js';
import { escalationCommand, escalationFormAction } from './workflow/escalation-command.js';
import { escalationDecideAction } from './workflow/escalation-decide-action.js';
import { escalationPlanAction } from './workflow/escalation-plan-action.js';
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

export const WORKFLOW_COMMANDS: readonly ChatCommand[] = [handoverCommand, escalationCommand, acuteCommand];

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
  escalationWithdrawAction,
  escalationReflectAction,
  acuteReportAction,
];

/** Handovers, escalations, acute danger and the nudge card actions. Errors go to the one app.error handler. */
export function registerWorkflowRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  for (const command of WORKFLOW_COMMANDS) {
    app.message(commandSelector(command.pattern), async (context) => {
      const actor = currentMember(context, ctx.roster);
      const raw = command.pattern.exec(commandText(context.activity) ?? '')?.[1];
      await command.run(context, { actor, argument: parseArgument(command, raw, ctx) }, tools);
    });
  }
  for (const action of WORKFLOW_ACTIONS) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) => action.handle(context, { actor: currentMember(context, ctx.roster), data }, tools));
  }
}
