import type { AppContext } from '../../app/app-context.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';

/** Case commands (rooster, casus nieuw, casus, mijn casussen, team) and the case/team card actions. */
export function registerCaseRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  void app;
  void ctx;
  void tools;
}
