import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './actions/card-action.js';
import { commandSelector } from './command-selector.js';
import { commandText } from './command-text.js';
import { parseArgument, type ChatCommand } from './commands/chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { currentMember } from './current-member.js';
import { digestCommand } from './pilot/digest-command.js';
import { digestStatusCommand } from './pilot/digest-status-command.js';
import { exportCaseCommand } from './pilot/export-case-command.js';
import { overviewAction } from './pilot/overview-action.js';
import { overviewCommand } from './pilot/overview-command.js';
import { overviewMunicipalityAction } from './pilot/overview-municipality-action.js';
import { overviewMunicipalityCommand } from './pilot/overview-municipality-command.js';

/** Registered before the case commands: `casus <ref> export` must win over `casus <ref>`. */
export const PILOT_COMMANDS: readonly ChatCommand[] = [exportCaseCommand, overviewCommand, overviewMunicipalityCommand, digestStatusCommand, digestCommand];

/** Verbs `pilot.*`; the drill-down's case buttons use `case.show` of the case routes. */
export const PILOT_ACTIONS: readonly CardAction[] = [overviewAction, overviewMunicipalityAction];

/** Pilot coordination: overzicht, casus <ref> export, digest aan/uit. */
export function registerPilotRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  for (const command of PILOT_COMMANDS) {
    app.message(commandSelector(command.pattern), async (context) => {
      const actor = currentMember(context, ctx.roster);
      const raw = command.pattern.exec(commandText(context.activity) ?? '')?.[1];
      await command.run(context, { actor, argument: parseArgument(command, raw, ctx) }, tools);
    });
  }
  for (const action of PILOT_ACTIONS) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) => action.handle(context, { actor: currentMember(context, ctx.roster), data }, tools));
  }
}
