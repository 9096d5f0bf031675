import type { AppContext } from '../../app/app-context.js';
import type { BotApplication, RouteTools } from './create-teams-bot.js';

/** Pilot coordination: overzicht, casus <ref> export, digest aan/uit. */
export function registerPilotRoutes(app: BotApplication, ctx: AppContext, tools: RouteTools): void {
  void app;
  void ctx;
  void tools;
}
