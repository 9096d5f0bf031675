import type { AppContext } from '../../app/app-context.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';

/** Handovers, escalations, acute danger and the nudge card actions. */
export function registerWorkflowRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  void app;
  void ctx;
  void tools;
}
