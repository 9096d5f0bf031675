import type { AppContext } from '../../app/app-context.js';
import type { CardAction } from './card-action.js';
import type { ChatCommand } from './chat-command.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';
import { registerCommandsAndActions } from './register-commands-and-actions.js';
import { digestCommand } from './pilot/digest-command.js';
import { digestStatusCommand } from './pilot/digest-status-command.js';
import { exportCaseCommand } from './pilot/export-case-command.js';
import { registerExportFileConsent } from './pilot/export-file-consent.js';
import { kpiAction } from './pilot/kpi-action.js';
import { kpiCommand } from './pilot/kpi-command.js';
import { learningAction } from './pilot/learning-action.js';
import { learningCommand } from './pilot/learning-command.js';
import { overviewAction } from './pilot/overview-action.js';
import { overviewCommand } from './pilot/overview-command.js';
import { overviewMunicipalityAction } from './pilot/overview-municipality-action.js';
import { overviewMunicipalityCommand } from './pilot/overview-municipality-command.js';
import { reachabilityCommand, reachabilityMunicipalityCommand } from './pilot/reachability-command.js';
import { typedDateCommand } from './pilot/typed-date-command.js';

/**
 * Registered before the case commands: `casus <ref> export` must win over `casus <ref>`; a `leren`/`kpi` with a typed
 * date gets its own answer before `leren` and `kpi`.
 */
export const PILOT_COMMANDS: readonly ChatCommand[] = [
  exportCaseCommand,
  overviewCommand,
  overviewMunicipalityCommand,
  reachabilityCommand,
  reachabilityMunicipalityCommand,
  digestStatusCommand,
  digestCommand,
  typedDateCommand,
  learningCommand,
  kpiCommand,
];

/** Verbs `pilot.*`; the drill-down's case buttons use `case.show` of the case routes. */
export const PILOT_ACTIONS: readonly CardAction[] = [
  overviewAction,
  overviewMunicipalityAction,
  learningAction,
  kpiAction,
];

/**
 * Pilot coordination: overzicht, bereikbaarheid, casus <ref> export (with its file consent answers), digest aan/uit,
 * leren and kpi (docs/behaviour.md, "Learning together", "The inzage export", "Who cannot be reached").
 */
export function registerPilotRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  registerCommandsAndActions(app, ctx, tools, PILOT_COMMANDS, PILOT_ACTIONS);
  registerExportFileConsent(app, tools);
}
