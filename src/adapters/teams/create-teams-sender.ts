import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppContext } from '../../app/app-context.js';
import type { MessageSender } from '../../app/ports.js';

/** Sends one outbox delivery to a person's 1:1 conversation (created when there is none yet). */
export function createTeamsSender(o: { adapter: TeamsAdapter; botAppId: string; ctx: AppContext; tenantId?: string }): MessageSender {
  void o;
  return {
    async send() {
      return { kind: 'final', status: 501, reason: 'not implemented yet' };
    },
  };
}
