import type { Request } from 'restify';
import type { InboundActivity } from './inbound-activity-schema.js';
import { describeActivityProblems, inboundActivitySchema } from './inbound-activity-schema.js';
import { refuseLocalRequest } from './local-request-check.js';
import { readBody } from './read-body.js';

/** A request the edge answers itself: its status, its JSON body, whether to close the connection, what to log. */
export interface Refusal {
  status: number;
  body: object;
  close?: boolean;
  log?: { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string };
}

export type Parsed =
  { kind: 'activity'; activity: InboundActivity } | { kind: 'refused'; refusal: Refusal } | { kind: 'aborted' };

/**
 * Step 1 of POST /api/messages: from bytes to a validated activity. In local mode a browser's request is refused before
 * its body is read (local-request-check.ts); then the body (up to `limit` bytes), JSON, and the activity schema.
 */
export async function parseActivityRequest(req: Request, o: { limit: number; localMode: boolean }): Promise<Parsed> {
  if (o.localMode) {
    const refused = refuseLocalRequest(req.headers);
    if (refused)
      return refusedWith({
        status: refused.status,
        body: { error: refused.error },
        close: true,
        log: {
          level: 'info',
          fields: { status: refused.status, reason: refused.error },
          msg: 'rejected request: local mode',
        },
      });
  }
  const body = await readBody(req, o.limit);
  if (body.kind === 'aborted') return { kind: 'aborted' };
  if (body.kind === 'too_large')
    return refusedWith({ status: 413, body: { error: 'body_too_large', limitBytes: o.limit }, close: true });
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return refusedWith({ status: 400, body: { error: 'invalid_json' } });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return refusedWith({ status: 400, body: { error: 'not_an_activity' } });
  const parsed = inboundActivitySchema.safeParse(json);
  if (!parsed.success) {
    const problems = describeActivityProblems(parsed.error, json);
    return refusedWith({
      status: 400,
      body: { error: 'invalid_activity', problems },
      log: { level: 'info', fields: { status: 400, problems }, msg: 'rejected activity' },
    });
  }
  return { kind: 'activity', activity: parsed.data };
}

const refusedWith = (refusal: Refusal): Parsed => ({ kind: 'refused', refusal });
