import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sentActivity } from './bot-answer.js';

// A stand-in for the Bot Connector REST API (the `serviceUrl` of inbound activities): records every call the bot
// makes and answers like Teams does, with scriptable failures (429 with Retry-After, 403 for a blocked bot, ...).

export interface RecordedRequest {
  method: string;
  path: string;
  /** Decoded conversation id for /v3/conversations/:id/... paths. */
  conversationId?: string;
  /** Decoded activity id for .../activities/:id paths (the replyToId of a reply, the id of an update). */
  activityId?: string;
  body: unknown;
  authorization?: string;
  /** The status the fake answered with. */
  status: number;
}

export interface ScriptedResponse {
  status: number;
  retryAfterSeconds?: number;
  body?: unknown;
}

export interface ChannelMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  [key: string]: unknown;
}

/** Which requests a scripted failure applies to; `path` is the URL path, e.g. '/v3/conversations' (create a chat). */
export interface RequestMatch {
  conversationId?: string;
  method?: string;
  path?: string;
  /** A test on the request body, e.g. a channel thread rather than a 1:1 chat: `(b) => b?.isGroup === true`. */
  body?: (body: unknown) => boolean;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities, with a trailing slash like Teams' own. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Activities the bot sent (POST) to a conversation (replies included), in order; all conversations if omitted. */
  activitiesTo(conversationId?: string): Array<Record<string, unknown>>;
  /** The next `n` matching requests get `response` instead of success. */
  failNext(n: number, response: ScriptedResponse, match?: RequestMatch): void;
  /** Every request for the conversation gets `response` until cleared (e.g. 403: the person blocked the bot). */
  failConversation(conversationId: string, response: ScriptedResponse | undefined): void;
  setMembers(conversationId: string, members: ChannelMember[]): void;
  /**
   * People the members endpoint (`GET /v3/conversations/{id}/members/{userId}`) knows in every conversation, by
   * `id` or `aadObjectId`, like a tenant's directory (e-mail, userPrincipalName, tenantId …), after the conversation's
   * own list of setMembers. Replaces the earlier directory; survives reset().
   */
  setDirectory(members: ChannelMember[]): void;
  /** Resolves when `predicate` holds for the recorded requests (polls), rejects after `timeoutMs`. */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

interface Rule {
  remaining: number;
  response: ScriptedResponse;
  match?: RequestMatch;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  let rules: Rule[] = [];
  const blocked = new Map<string, ScriptedResponse>();
  const members = new Map<string, ChannelMember[]>();
  let directory: ChannelMember[] = [];
  let seq = 0;

  // Node calls the handler and ignores what it returns: the async work runs detached, its errors handled inside.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+/g, '/');
    const body = await readJson(req);
    const method = req.method ?? 'GET';
    const segments = path
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const conversationId = segments[0] === 'v3' && segments[1] === 'conversations' ? segments[2] : undefined;
    const activityId = conversationId && segments[3] === 'activities' ? segments[4] : undefined;
    const record: RecordedRequest = {
      method,
      path,
      conversationId,
      activityId,
      body,
      authorization: req.headers.authorization,
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      reply(res, status, payload, headers);
    };
    const scripted = (r: ScriptedResponse) =>
      answer(
        r.status,
        r.body ?? {
          error: { code: r.status === 403 ? 'BotDisabledByAdmin' : 'Throttled', message: `scripted ${r.status}` },
        },
        r.retryAfterSeconds !== undefined ? { 'Retry-After': String(r.retryAfterSeconds) } : {},
      );

    const rule = rules.find(
      (r) =>
        r.remaining > 0 &&
        (!r.match?.conversationId || r.match.conversationId === conversationId) &&
        (!r.match?.method || r.match.method === method) &&
        (!r.match?.path || r.match.path === path) &&
        (!r.match?.body || r.match.body(body)),
    );
    if (rule) {
      rule.remaining -= 1;
      return scripted(rule.response);
    }
    const block = conversationId ? blocked.get(conversationId) : undefined;
    if (block) return scripted(block);

    const id = () => `fake-activity-${++seq}`;
    // /v3/conversations (create a 1:1 chat or a channel thread)
    if (method === 'POST' && segments.length === 2 && segments[1] === 'conversations') {
      const p = (body ?? {}) as { isGroup?: boolean; channelData?: { channel?: { id?: string } } };
      const activityIdNew = id();
      const channel = p.channelData?.channel?.id;
      const newId = p.isGroup && channel ? `${channel};messageid=${activityIdNew}` : `a:fake-conversation-${seq}`;
      return answer(200, { id: newId, activityId: activityIdNew, serviceUrl: fake.url });
    }
    if (conversationId && segments[3] === 'activities') {
      if (method === 'POST') return answer(200, { id: id() });
      if (method === 'PUT' && activityId) return answer(200, { id: activityId });
      if (method === 'DELETE' && activityId) return answer(200, undefined);
    }
    if (conversationId && method === 'GET' && segments[3] === 'members') {
      const list = members.get(conversationId) ?? [];
      if (segments[4] === undefined) return answer(200, list);
      const byId = (m: ChannelMember) => m.id === segments[4] || m.aadObjectId === segments[4];
      const found = list.find(byId) ?? directory.find(byId);
      return found
        ? answer(200, found)
        : answer(404, { error: { code: 'MemberNotFoundInConversation', message: 'member not found' } });
    }
    if (conversationId && method === 'GET' && segments[3] === 'pagedmembers')
      return answer(200, { members: members.get(conversationId) ?? [] });
    if (segments[1] === 'teams' && segments[2] && method === 'GET') {
      if (segments[3] === 'conversations') return answer(200, { conversations: [{ id: segments[2], name: null }] });
      return answer(200, { id: segments[2], name: 'Fake team', aadGroupId: '00000000-0000-4000-8000-00000000aaaa' });
    }
    return answer(404, { error: { code: 'NotFound', message: `fake connector: no route for ${method} ${path}` } });
  };
  const server = createServer((req, res) => void handle(req, res));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeConnector = {
    url: `http://127.0.0.1:${port}/`,
    requests,
    activitiesTo: (conversationId) =>
      requests
        .filter((r) => r.method === 'POST' && r.conversationId !== undefined && r.status >= 200 && r.status < 300)
        .filter((r) => conversationId === undefined || r.conversationId === conversationId)
        .map(sentActivity),
    failNext: (n, response, match) => {
      rules.push({ remaining: n, response, match });
    },
    failConversation: (conversationId, response) => {
      if (response) blocked.set(conversationId, response);
      else blocked.delete(conversationId);
    },
    setMembers: (conversationId, list) => {
      members.set(conversationId, list);
    },
    setDirectory: (list) => {
      directory = [...list];
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline)
          throw new Error(`fake connector: condition not met within ${timeoutMs} ms (${requests.length} requests)`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset: () => {
      requests.length = 0;
      rules = [];
      blocked.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
