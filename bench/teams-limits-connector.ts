import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the Bot Connector that enforces Teams' documented rate limits for proactive messages
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
//   per bot per conversation: 7 per 1 s, 8 per 2 s, 60 per 30 s (and 1 800 per hour, irrelevant at bench scale);
//   per app over all conversations: 50 requests per second.
// A request over any limit gets 429 with Retry-After (whole seconds, as HTTP specifies) and does not count;
// accepted requests get 200. Each accepted message is recorded with its time, so the bench can count what arrived,
// what arrived twice, and check afterwards that the limits really held.

export interface Window {
  count: number;
  ms: number;
}

export const TEAMS_PER_CONVERSATION: readonly Window[] = [
  { count: 7, ms: 1_000 },
  { count: 8, ms: 2_000 },
  { count: 60, ms: 30_000 },
  { count: 1_800, ms: 3_600_000 },
];
export const TEAMS_PER_APP: readonly Window[] = [{ count: 50, ms: 1_000 }];

export interface Accepted {
  at: number; // performance.now() ms
  conversationId: string;
  /** What identifies one message: the activity's summary (a reference + kind) or the bench sender's delivery id. */
  key: string;
}

export interface LimitsConnector {
  readonly url: string;
  readonly accepted: Accepted[];
  readonly throttled: { perConversation: number; perApp: number };
  readonly requests: number;
  /** The first request's time (performance.now()), or undefined. */
  readonly firstRequestAt: number | undefined;
  /** Re-checks every accepted message against the windows; returns violations (should be none). */
  verify(): string[];
  close(): Promise<void>;
}

/** Earliest time (ms, relative to `now`) at which one more event fits all windows, or 0 if it fits now. */
/** Every place where accepted sends broke Teams' per-app or per-conversation windows (empty = within the limits). */
export function teamsLimitViolations(accepted: ReadonlyArray<{ at: number; conversationId: string }>): string[] {
  const problems: string[] = [];
  const check = (times: number[], windows: readonly Window[], label: string) => {
    for (const w of windows) {
      for (let i = w.count; i < times.length; i++) {
        if (times[i]! - times[i - w.count]! < w.ms) {
          problems.push(`${label}: ${w.count + 1} messages within ${w.ms} ms`);
          break;
        }
      }
    }
  };
  check(
    accepted.map((a) => a.at),
    TEAMS_PER_APP,
    'app',
  );
  const byConversation = new Map<string, number[]>();
  for (const a of accepted)
    byConversation.set(a.conversationId, [...(byConversation.get(a.conversationId) ?? []), a.at]);
  for (const [id, times] of byConversation) check(times, TEAMS_PER_CONVERSATION, `conversation ${id}`);
  return problems;
}

/** How long until one more send fits in every window. */
export function waitFor(log: number[], windows: readonly Window[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    if (log.length < w.count) continue;
    const oldestInWindow = log[log.length - w.count]!;
    wait = Math.max(wait, oldestInWindow + w.ms - now);
  }
  return wait;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startLimitsConnector(o: { latencyMs?: number } = {}): Promise<LimitsConnector> {
  const perConversation = new Map<string, number[]>();
  const app: number[] = [];
  const accepted: Accepted[] = [];
  const throttled = { perConversation: 0, perApp: 0 };
  let requests = 0;
  let firstRequestAt: number | undefined;
  let seq = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const finish = () => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (o.latencyMs) setTimeout(finish, o.latencyMs);
    else finish();
  };

  // Node calls the handler and ignores what it returns: the async work runs detached, its errors handled inside.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const now = performance.now();
    requests++;
    firstRequestAt ??= now;
    const segments = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method !== 'POST' || segments[0] !== 'v3' || segments[1] !== 'conversations') {
      return send(res, 404, { error: { code: 'NotFound', message: `no route for ${req.method} ${req.url}` } });
    }
    const conversationId = segments[2] ?? `new-${++seq}`; // POST /v3/conversations creates one
    const log = perConversation.get(conversationId) ?? [];
    const appWait = waitFor(app, TEAMS_PER_APP, now);
    const convWait = waitFor(log, TEAMS_PER_CONVERSATION, now);
    if (appWait > 0 || convWait > 0) {
      if (convWait >= appWait) throttled.perConversation++;
      else throttled.perApp++;
      const seconds = Math.max(1, Math.ceil(Math.max(appWait, convWait) / 1000));
      return send(
        res,
        429,
        { error: { code: 'Throttled', message: 'Too many requests' } },
        { 'Retry-After': String(seconds) },
      );
    }
    app.push(now);
    log.push(now);
    perConversation.set(conversationId, log);
    if (segments.length === 2)
      return send(res, 200, { id: `a:bench-conversation-${seq}`, activityId: `bench-activity-${++seq}` });
    let key = `request-${++seq}`;
    try {
      const body = JSON.parse(text) as { summary?: unknown; deliveryId?: unknown };
      if (typeof body.deliveryId === 'number') key = `delivery ${body.deliveryId}`;
      else if (typeof body.summary === 'string') key = body.summary;
    } catch {
      // not JSON: counted under its own key
    }
    accepted.push({ at: now, conversationId, key });
    send(res, 200, { id: `bench-activity-${++seq}` });
  };
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    accepted,
    throttled,
    get requests() {
      return requests;
    },
    get firstRequestAt() {
      return firstRequestAt;
    },
    verify: () => teamsLimitViolations(accepted),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** When the last of `n` messages can go out at the earliest (seconds after the first), under `windows`, greedily. */
function greedyLastSeconds(n: number, windows: readonly Window[]): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(Math.max(times[times.length - 1] ?? 0, waitFor(times, windows, 0)));
  return (times[times.length - 1] ?? 0) / 1000;
}

/**
 * The fastest any sender could deliver this mix without a single 429, measured like the bench measures (first send
 * to last send): the per-app window alone (greedy: 50 at once, 50 more a second later, …) and the busiest
 * conversation under its windows; the slower of the two. A lower bound on the drain time, so an upper bound on the
 * allowed rate.
 */
export function idealDrainSeconds(countsPerConversation: readonly number[]): {
  seconds: number;
  appBound: number;
  conversationBound: number;
} {
  const total = countsPerConversation.reduce((a, b) => a + b, 0);
  const appBound = greedyLastSeconds(total, TEAMS_PER_APP);
  const conversationBound = Math.max(
    0,
    ...countsPerConversation.map((n) => greedyLastSeconds(n, TEAMS_PER_CONVERSATION)),
  );
  // At least one per-app "slot" (1/50 s) so a mix that fits in one burst still has a finite rate.
  return { seconds: Math.max(appBound, conversationBound, 1 / TEAMS_PER_APP[0]!.count), appBound, conversationBound };
}
