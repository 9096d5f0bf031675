import type { Response } from 'restify';
import type { Logger } from '../../app/ports.js';
import { UNAUTHORIZED } from './authenticate-activity.js';
import type { InboundActivity } from './inbound-activity-schema.js';
import type { TurnOutcome } from './run-turn.js';

export function sendJson(res: Response, status: number, body: object): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(status, body);
}

/**
 * Step 4 of POST /api/messages: what goes back to the connector. Never botbuilder's own error text (it may name hosts,
 * keys or internals): a failed authentication is a plain 401, an invoke no route answers a 501, a failure a 500.
 */
export function answerTurn(
  res: Response,
  outcome: TurnOutcome,
  activity: InboundActivity,
  o: { localMode: boolean; logger: Logger },
): void {
  const { turnStarted, threw, answered } = outcome;
  const ids = { activityType: activity.type, activityId: activity.id };
  if (threw) o.logger.error({ ...ids, err: { name: outcome.errorName } }, 'adapter failed');
  const reply = (status: number, body: object) => void (res.headersSent || sendJson(res, status, body));
  if (!turnStarted && !o.localMode && (threw || answered.status >= 400)) {
    // Authentication failed before any route ran: a refused token (botbuilder's 401) or a token it could not check
    // (its 500, e.g. the OpenID metadata unreachable). Either way the request is not authenticated: 401, fail closed.
    o.logger.warn(
      {
        ...ids,
        status: 401,
        verifierStatus: threw ? 'threw' : answered.status,
        reason: answered.status === 401 ? 'token_refused' : 'token_unverifiable',
      },
      'rejected activity: authentication failed',
    );
    reply(401, UNAUTHORIZED);
  } else if (!threw && answered.status === 501) {
    // botbuilder's answer to an invoke that no route answered (e.g. an invoke name this bot does not offer).
    reply(501, { error: 'not_implemented' });
  } else if (threw || answered.status >= 500) {
    if (!threw) o.logger.error({ ...ids, status: answered.status }, 'adapter answered with a server error');
    reply(500, { error: 'internal' });
  } else if (res.headersSent) return;
  else if (answered.body === undefined || answered.body === null || answered.body === '') res.send(answered.status);
  else if (typeof answered.body === 'object') sendJson(res, answered.status, answered.body);
  else res.send(answered.status, answered.body);
}
