// Shared pieces of the fault benches (bench/fault-*.ts) and tests (test/faults/): a recording Bot Connector, the real
// bot as a child process (`node --import tsx src/main.ts`), an outbox filled through the app's own use case, and
// read-outs of the outbox rows. Everything is observed from the outside: rows in SQLite, requests at the connector.
//
// How a delivery is identified at the connector: the bench enqueues `notice` messages through enqueueNotification
// with payload.member = `bench-msg-<n>`; the notice card the real Teams sender renders names that "member", so the
// marker travels inside the Adaptive Card and each POST can be attributed to outbox message n.

import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNormsFile } from '../src/adapters/files/load-norms-file.js';
import { loadRosterFile } from '../src/adapters/files/load-roster-file.js';
import { openDatabase } from '../src/adapters/sqlite/open-database.js';
import { enqueueNotification } from '../src/app/enqueue-notification.js';
import { DEFAULT_NORMS_FILE, DEFAULT_ROSTER_FILE } from '../src/config.js';
import { createAppContext } from '../src/create-app-context.js';
import { TEAMS_PER_APP, TEAMS_PER_CONVERSATION, teamsLimitViolations, waitFor } from './teams-limits-connector.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BOT_APP_ID = '00000000-0000-0000-0000-000000000b07'; // LOCAL_BOT_APP_ID's default
export const TENANT = '00000000-0000-4000-8000-00000000beef';
const MARKER = /bench-msg-(\d+)/;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness: every random choice of a run comes from here, so `--seed S` repeats it.

import { freePort } from './bench-utils.js';
import { seededRandom } from './seeded-random.js';
export { seededRandom };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// The connector.

export interface ConnectorRecord {
  /** performance.now() when the request body had arrived (when the connector "accepted" or refused it). */
  at: number;
  method: string;
  conversationId: string;
  /** The bench message n this POST carries, if any. */
  marker?: number;
  status: number;
  /** Which bot process (incarnation) was alive when the request arrived (set by the bench via `incarnation`). */
  incarnation: number;
  /** Requests to the connector open at that moment, this one included. */
  inFlight: number;
  /** The POSTed activity (message posts only). */
  body?: unknown;
}

export interface FaultConnectorOptions {
  /** Share of message POSTs (that pass the Teams limits) answered 429 anyway. Default 0. */
  throttleShare?: number;
  /** Retry-After (whole seconds) on those random 429s. Default 1. */
  retryAfterSeconds?: number;
  /** Enforce Teams' documented per-conversation and per-app limits (429 + Retry-After beyond them). Default false. */
  enforceTeamsLimits?: boolean;
  /** A 429 blocks its conversation until Retry-After has passed; an earlier request is answered 429 again. Default true. */
  enforceRetryAfter?: boolean;
  /** How much earlier than Retry-After a retry may come and still count as honouring it (timer granularity). Default 10 ms. */
  retryAfterToleranceMs?: number;
  random?: () => number;
  /** Delay before answering a message POST (a Bot Connector round trip); the message counts as arrived at once. */
  latencyMs?: number;
  /** Called for every accepted (2xx) message POST. */
  onAccepted?: (r: ConnectorRecord) => void;
}

export interface FaultConnector {
  readonly url: string;
  readonly records: ConnectorRecord[];
  /** Accepted message POSTs. */
  accepted(): ConnectorRecord[];
  /** Set by the bench: the bot incarnation now running (stamped on every record). */
  incarnation: number;
  readonly inFlight: number;
  readonly maxMessageInFlight: number;
  readonly counts: { requests: number; random429: number; limit429: number; earlyRetry: number };
  /** Distinct bench markers accepted so far. */
  readonly uniqueMarkers: number;
  /** Re-checks accepted message POSTs against Teams' windows; returns violations (should be none). */
  verifyTeamsLimits(): string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    // The sender died mid-request (kill -9): the message never arrived.
    req.on('aborted', () => resolveBody(undefined));
  });
}

export async function startFaultConnector(o: FaultConnectorOptions = {}): Promise<FaultConnector> {
  const random = o.random ?? Math.random;
  const records: ConnectorRecord[] = [];
  const perConversation = new Map<string, number[]>();
  const app: number[] = [];
  const blockedUntil = new Map<string, number>();
  const markers = new Set<number>();
  const counts = { requests: 0, random429: 0, limit429: 0, earlyRetry: 0 };
  let inFlight = 0;
  let maxMessageInFlight = 0;
  let seq = 0;

  // Node calls the handler and ignores what it returns: the async work runs detached, its errors handled inside.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    inFlight++;
    res.on('close', () => inFlight--);
    const text = await readBody(req);
    if (text === undefined) return;
    const now = performance.now();
    counts.requests++;
    const method = req.method ?? 'GET';
    const segments = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const answerNow = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const isMessagePost = method === 'POST' && segments[3] === 'activities';
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (isMessagePost && o.latencyMs) setTimeout(() => answerNow(status, body, headers), o.latencyMs);
      else answerNow(status, body, headers);
    };
    if (segments[0] !== 'v3' || segments[1] !== 'conversations')
      return answer(404, { error: { code: 'NotFound', message: `no route for ${method} ${req.url}` } });
    if (segments.length === 2 && method === 'POST') {
      // A new 1:1 chat (the bench stores references, so this is rare).
      return answer(200, { id: `a:fault-created-${++seq}`, activityId: `fault-activity-${++seq}` });
    }
    const conversationId = segments[2]!;
    if (segments[3] === 'members' || segments[3] === 'pagedmembers')
      return answer(200, segments[3] === 'members' ? [] : { members: [] });
    if (segments[3] !== 'activities') return answer(404, { error: { code: 'NotFound', message: 'no route' } });
    if (method !== 'POST')
      return answer(200, method === 'DELETE' ? undefined : { id: segments[4] ?? `fault-activity-${++seq}` });

    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const m = MARKER.exec(text);
    const record: ConnectorRecord = {
      at: now,
      method,
      conversationId,
      marker: m ? Number(m[1]) : undefined,
      status: 0,
      incarnation: connector.incarnation,
      inFlight,
      body,
    };
    maxMessageInFlight = Math.max(maxMessageInFlight, inFlight);
    records.push(record);
    const throttle = (status: number, seconds: number) => {
      record.status = status;
      blockedUntil.set(conversationId, Math.max(blockedUntil.get(conversationId) ?? 0, now + seconds * 1000));
      answer(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'Retry-After': String(seconds) });
    };

    const blocked = blockedUntil.get(conversationId) ?? 0;
    if ((o.enforceRetryAfter ?? true) && now < blocked - (o.retryAfterToleranceMs ?? 10)) {
      counts.earlyRetry++;
      return throttle(429, Math.max(1, Math.ceil((blocked - now) / 1000)));
    }
    const log = perConversation.get(conversationId) ?? [];
    if (o.enforceTeamsLimits) {
      const wait = Math.max(waitFor(app, TEAMS_PER_APP, now), waitFor(log, TEAMS_PER_CONVERSATION, now));
      if (wait > 0) {
        counts.limit429++;
        return throttle(429, Math.max(1, Math.ceil(wait / 1000)));
      }
    }
    if ((o.throttleShare ?? 0) > 0 && random() < o.throttleShare!) {
      counts.random429++;
      return throttle(429, o.retryAfterSeconds ?? 1);
    }
    app.push(now);
    log.push(now);
    perConversation.set(conversationId, log);
    record.status = 200;
    if (record.marker !== undefined) markers.add(record.marker);
    o.onAccepted?.(record);
    answer(200, { id: `fault-activity-${++seq}` });
  };
  const server = createHttpServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const connector: FaultConnector = {
    url: `http://127.0.0.1:${port}/`,
    records,
    accepted: () => records.filter((r) => r.status >= 200 && r.status < 300),
    incarnation: 0,
    get inFlight() {
      return inFlight;
    },
    get maxMessageInFlight() {
      return maxMessageInFlight;
    },
    counts,
    get uniqueMarkers() {
      return markers.size;
    },
    verifyTeamsLimits: () => teamsLimitViolations(connector.accepted()),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return connector;
}

// ---------------------------------------------------------------------------------------------------------------
// The database: conversation references pointing at the connector, and the outbox filled through the use case.

export interface PreparedOutbox {
  /** n → recipient and delivery row id. */
  messages: Array<{ n: number; recipientId: string; deliveryId: number }>;
  recipients: string[];
}

/**
 * Creates (migrates) the database, stores a 1:1 conversation reference for every roster member with a Teams account
 * (serviceUrl = the connector, conversation `a:fault-<member id>`), and enqueues `messages` urgent notices (urgent:
 * not gated by office hours, whatever the real time of the run) round-robin over the first `recipients` members.
 */
export function prepareOutbox(o: {
  dbPath: string;
  connectorUrl: string;
  messages: number;
  recipients: number;
}): PreparedOutbox {
  const database = openDatabase(o.dbPath);
  try {
    const roster = loadRosterFile(DEFAULT_ROSTER_FILE);
    const norms = loadNormsFile(DEFAULT_NORMS_FILE);
    const ctx = createAppContext({
      database,
      roster,
      norms,
      timezone: 'Europe/Amsterdam',
      clock: { now: () => Date.now() },
    });
    const members = roster.members.filter((m) => m.aadObjectId);
    if (members.length < o.recipients)
      throw new Error(`the demo roster has only ${members.length} members with a Teams account`);
    saveReferences(ctx, o.connectorUrl, members);
    const recipients = members.slice(0, o.recipients).map((m) => m.id);
    ctx.store.transaction(() => {
      for (let n = 0; n < o.messages; n++) {
        enqueueNotification(ctx, {
          caseId: null,
          recipients: [recipients[n % recipients.length]!],
          payload: { kind: 'notice', notice: 'unreachable', member: `bench-msg-${n}`, caseRef: null, about: null },
          urgent: true,
        });
      }
    });
    const rows = database.sqlite
      .prepare(
        `SELECT d.id AS deliveryId, d.recipient_id AS recipientId, CAST(substr(json_extract(o.payload, '$.member'), 11) AS INTEGER) AS n FROM deliveries d JOIN outbox o ON o.id = d.outbox_id ORDER BY n`,
      )
      .all() as Array<{ deliveryId: number; recipientId: string; n: number }>;
    return { messages: rows, recipients };
  } finally {
    database.close();
  }
}

export function saveReferences(
  ctx: ReturnType<typeof createAppContext>,
  connectorUrl: string,
  members: Array<{ id: string; aadObjectId?: string | null }>,
): void {
  for (const m of members) {
    if (!m.aadObjectId) continue;
    ctx.conversations.save(
      `user:${m.aadObjectId}`,
      {
        serviceUrl: connectorUrl,
        channelId: 'msteams',
        bot: { id: `28:${BOT_APP_ID}`, name: 'teammodel-bot' },
        user: { id: `29:${m.id}`, aadObjectId: m.aadObjectId, name: '' },
        conversation: { id: `a:fault-${m.id}`, conversationType: 'personal', tenantId: TENANT, isGroup: false },
      },
      Date.now(),
    );
  }
}

export interface DeliveryRow {
  n: number;
  deliveryId: number;
  state: string;
  attempts: number;
  lastError: string | null;
}

/** The bench messages' delivery rows as committed (a separate connection; safe while the bot runs or after kill -9). */
export function readDeliveries(dbPath: string): DeliveryRow[] {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db
      .prepare(
        `SELECT CAST(substr(json_extract(o.payload, '$.member'), 11) AS INTEGER) AS n, d.id AS deliveryId, d.state, d.attempts, d.last_error AS lastError
           FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE json_extract(o.payload, '$.member') LIKE 'bench-msg-%' ORDER BY n`,
      )
      .all() as DeliveryRow[];
  } finally {
    db.close();
  }
}

export function countPending(dbPath: string): number {
  return readDeliveries(dbPath).filter((r) => r.state === 'pending').length;
}

// ---------------------------------------------------------------------------------------------------------------
// The bot as a child process.

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  spawnedAt: number;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout/stderr lines (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
  kill9(): Promise<void>;
  /** SIGTERM (graceful: finishes the send in flight, stops the worker, closes the database). */
  terminate(): Promise<void>;
}

/** `node --import tsx src/main.ts` in local mode (no credentials) on DATABASE_PATH, with LOG_LEVEL=warn. */
export async function spawnBot(o: { dbPath: string; env?: Record<string, string> }): Promise<BotProcess> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('MicrosoftApp')) env[k] = v;
  Object.assign(
    env,
    { DATABASE_PATH: o.dbPath, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    o.env ?? {},
  );
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) output.push(line);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return {
    child,
    pid: child.pid!,
    port,
    spawnedAt,
    exited,
    output,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    terminate: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls GET /readyz until 200 (or the process exits, or the timeout). Returns ms from spawn, or undefined. */
export async function waitReady(bot: BotProcess, timeoutMs = 60_000): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  while (!exited && performance.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - bot.spawnedAt;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The kill -9 run itself (used by bench/fault-kill9.ts and test/faults/kill-restart.test.ts).

export interface KillRecord {
  kill: number;
  /** Unique messages delivered when the kill was triggered (target) and when it happened. */
  target: number;
  deliveredAtKill: number;
  /** ms the killed process had been up. */
  uptimeMs: number;
  jitterMs: number;
  /** Message POSTs open at the connector at the kill. */
  inFlightAtKill: number;
  /** Messages the connector accepted whose row was still pending after the kill: the send window. */
  window: number[];
}

export interface KillRunResult {
  seed: number;
  messages: number;
  recipients: number;
  kills: KillRecord[];
  /** Per incarnation: ms from spawn to its first accepted message (undefined: none). */
  firstSendMs: Array<number | undefined>;
  /** Per incarnation: ms from spawn to GET /readyz answering 200 (undefined: never). */
  readyMs: Array<number | undefined>;
  elapsedMs: number;
  timedOut: boolean;
  lost: number[];
  duplicates: Array<{ n: number; copies: number }>;
  duplicateCopies: number;
  unattributed: Array<{ n: number; copies: number }>;
  finalStates: Record<string, number>;
  /** Rows marked sent that the connector never accepted (would be silent loss). */
  sentNeverAccepted: number[];
  maxMessageInFlight: number;
  requests: number;
  botErrors: string[];
}

/**
 * Fills the outbox with `messages` notices to `recipients` people, then runs the bot, kills it with SIGKILL `kills`
 * times at random points of the drain and restarts it, until every row is delivered (or `capMs`). Kill k happens when
 * the connector has accepted a random number of distinct messages drawn from the k-th of `kills + 1` equal slices of
 * the load (so the kills spread over the whole drain), plus a random 0..jitterMs delay (so they land at random points
 * of a send).
 */
export async function runKillRestart(o: {
  dir: string;
  messages: number;
  recipients: number;
  kills: number;
  seed: number;
  jitterMs?: number;
  /** Connector round trip per message POST (default 0). */
  latencyMs?: number;
  capMs?: number;
  log?: (line: string) => void;
}): Promise<KillRunResult> {
  const random = seededRandom(o.seed);
  const log = o.log ?? (() => undefined);
  const dbPath = join(o.dir, 'fault-kill9.sqlite');
  let onProgress: (() => void) | undefined;
  const connector = await startFaultConnector({ latencyMs: o.latencyMs, onAccepted: () => onProgress?.() });
  const started = performance.now();
  const capMs = o.capMs ?? 30 * 60_000;
  const jitterMs = o.jitterMs ?? 250;
  try {
    const prepared = prepareOutbox({
      dbPath,
      connectorUrl: connector.url,
      messages: o.messages,
      recipients: o.recipients,
    });
    const slice = o.messages / (o.kills + 1);
    const targets = Array.from(
      { length: o.kills },
      (_, k) => Math.floor(slice * (k + 1) + random() * slice * 0.9) - Math.floor(slice * 0.45),
    );
    const jitters = Array.from({ length: o.kills }, () => Math.floor(random() * jitterMs));
    const kills: KillRecord[] = [];
    const firstSendMs: Array<number | undefined> = [];
    const readyMs: Array<number | undefined> = [];
    const botErrors: string[] = [];
    let timedOut = false;

    for (let i = 0; i <= o.kills; i++) {
      connector.incarnation = i;
      const bot = await spawnBot({ dbPath });
      const ready = waitReady(bot);
      let firstSend: number | undefined;
      const untilDelivered = (target: number) =>
        new Promise<void>((r) => {
          const check = () => {
            if (firstSend === undefined && connector.accepted().some((a) => a.incarnation === i))
              firstSend = performance.now() - bot.spawnedAt;
            if (connector.uniqueMarkers >= target || performance.now() - started > capMs) {
              onProgress = undefined;
              clearInterval(timer);
              r();
            }
          };
          onProgress = check;
          const timer = setInterval(check, 100);
          void bot.exited.then(() => {
            onProgress = undefined;
            clearInterval(timer);
            r();
          });
          check();
        });

      if (i < o.kills) {
        await untilDelivered(targets[i]!);
        await sleep(jitters[i]!);
        const deliveredAtKill = connector.uniqueMarkers;
        const inFlightAtKill = connector.inFlight;
        const uptimeMs = performance.now() - bot.spawnedAt;
        const early = bot.child.exitCode !== null || bot.child.signalCode !== null;
        await bot.kill9();
        if (early) botErrors.push(`incarnation ${i} exited by itself before its kill`);
        await sleep(150); // let the connector finish reading whatever reached it before the process died
        firstSendMs.push(firstSend);
        readyMs.push(await ready);
        const pendingAfter = new Set(
          readDeliveries(dbPath)
            .filter((r) => r.state === 'pending')
            .map((r) => r.n),
        );
        const acceptedSoFar = new Set(
          connector
            .accepted()
            .map((a) => a.marker)
            .filter((n): n is number => n !== undefined),
        );
        const window = [...acceptedSoFar].filter((n) => pendingAfter.has(n)).sort((a, b) => a - b);
        kills.push({
          kill: i + 1,
          target: targets[i]!,
          deliveredAtKill,
          uptimeMs,
          jitterMs: jitters[i]!,
          inFlightAtKill,
          window,
        });
        log(
          `kill ${i + 1}/${o.kills}: pid ${bot.pid} after ${(uptimeMs / 1000).toFixed(1)} s, ${deliveredAtKill}/${o.messages} delivered, send window ${JSON.stringify(window)}`,
        );
        botErrors.push(
          ...bot.output
            .filter((l) => /"level":(50|60)|Error/.test(l))
            .map((l) => `incarnation ${i}: ${l.slice(0, 300)}`),
        );
        if (performance.now() - started > capMs) {
          timedOut = true;
          break;
        }
      } else {
        // The last incarnation delivers the rest; then it is stopped gracefully.
        for (;;) {
          await untilDelivered(o.messages);
          if (countPending(dbPath) === 0) break;
          if (performance.now() - started > capMs || bot.child.exitCode !== null) {
            timedOut = true;
            break;
          }
          await sleep(100);
        }
        firstSendMs.push(firstSend);
        readyMs.push(await ready);
        await sleep(300); // anything still in flight would show up as a duplicate
        await bot.terminate();
        botErrors.push(
          ...bot.output
            .filter((l) => /"level":(50|60)|Error/.test(l))
            .map((l) => `incarnation ${i}: ${l.slice(0, 300)}`),
        );
        log(`last incarnation: all ${o.messages} delivered; stopped with SIGTERM`);
      }
    }
    const elapsedMs = performance.now() - started;

    const copies = new Map<number, number>();
    for (const a of connector.accepted())
      if (a.marker !== undefined) copies.set(a.marker, (copies.get(a.marker) ?? 0) + 1);
    const lost = prepared.messages.map((m) => m.n).filter((n) => !copies.has(n));
    const duplicates = [...copies]
      .filter(([, c]) => c > 1)
      .map(([n, c]) => ({ n, copies: c }))
      .sort((a, b) => a.n - b.n);
    const inWindow = new Set(kills.flatMap((k) => k.window));
    const rows = readDeliveries(dbPath);
    const finalStates: Record<string, number> = {};
    for (const r of rows) finalStates[r.state] = (finalStates[r.state] ?? 0) + 1;
    return {
      seed: o.seed,
      messages: o.messages,
      recipients: o.recipients,
      kills,
      firstSendMs,
      readyMs,
      elapsedMs,
      timedOut,
      lost,
      duplicates,
      duplicateCopies: duplicates.reduce((a, d) => a + d.copies - 1, 0),
      unattributed: duplicates.filter((d) => !inWindow.has(d.n)),
      finalStates,
      sentNeverAccepted: rows.filter((r) => r.state === 'sent' && !copies.has(r.n)).map((r) => r.n),
      maxMessageInFlight: connector.maxMessageInFlight,
      requests: connector.counts.requests,
      botErrors,
    };
  } finally {
    await connector.close();
  }
}
