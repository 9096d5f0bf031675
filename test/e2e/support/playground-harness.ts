/**
 * End-to-end harness: the real bot (`node --import tsx src/main.ts`, local mode, temp database) and the real
 * Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, offline) as two child processes, plus a client
 * for the playground's two WebSockets. See docs/agents-playground.md for the API used here.
 *
 * The playground runs in a temp directory holding a copy of .m365agentsplayground.yml, so its devTools/ log never
 * lands in the repository. Both children are stopped (SIGTERM, then SIGKILL) by `stop()` and, as a last resort, when
 * this process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { DEFAULT_NORMS_FILE } from '../../../src/config.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

/** From .m365agentsplayground.yml. */
export const PLAYGROUND = {
  botId: '28:00000000-0000-0000-0000-000000000b07',
  /** currentUser: rvdk-arn (Tess de Groot), on the Arnhem fixed team in db/seed/demo-roster.json. */
  currentUserId: '00000000-0000-4000-8000-000000000020',
  personalChat: 'a:teammodel-persoonlijk',
  groupChat: '19:teammodel-groepschat@thread.v2',
  team: '19:teammodel-algemeen@thread.tacv2',
} as const;

const CREDENTIAL_KEYS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'];
const STOP_GRACE_MS = 5_000;

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** A child process with its output kept (the last 64 kB), for error messages. */
interface Child {
  name: string;
  process: ChildProcess;
  output: () => string;
}

function startChild(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, process: child, output: () => output };
}

async function stopChild(child: Child): Promise<void> {
  const p = child.process;
  if (!isRunning(p)) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => isRunning(p) && p.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function describeExit(child: Child): string {
  const p = child.process;
  return `${child.name} exited (${p.signalCode ?? `code ${p.exitCode}`}); output:\n${child.output()}`;
}

/** One frame of `/_ws_conversation/v1/conversations/stream`. */
export interface StreamFrame {
  action: 'createMessage' | 'updateMessage' | 'typing' | string;
  actionConversationId: string;
  message?: {
    messageId: string;
    timestamp?: number;
    from?: { id: string };
    text?: string;
    textFormat?: string;
    attachments?: Array<{ contentType: string; content: AdaptiveCardJson }>;
    postConversationId?: string;
  };
}

export interface AdaptiveCardJson {
  type: string;
  body?: unknown[];
  actions?: Array<{
    type: string;
    title?: string;
    verb?: string;
    data?: Record<string, unknown>;
    card?: AdaptiveCardJson;
  }>;
  [key: string]: unknown;
}

/** Every text in a card (TextBlocks, FactSets, action titles), in document order. */
export function cardTexts(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    for (const key of ['text', 'title', 'value'] as const) if (typeof o[key] === 'string') out.push(o[key] as string);
    for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
  };
  walk(node);
  return out;
}

/** One frame of `/_ws/log/stream`: an activity the playground sent the bot, or a connector call of the bot. */
export interface LogFrame {
  logAction: string;
  log?: {
    id?: string;
    conversationId?: string;
    activityName?: string;
    from?: string;
    to?: string;
    type?: string;
    displayText?: string;
    request?: { body?: Record<string, unknown> | string };
    response?: { statusCode?: number; body?: Record<string, unknown> | string };
  };
}

/** A playground WebSocket of JSON frames: keeps every frame; `next` waits for the first unconsumed matching frame. */
export class JsonStream<F> {
  readonly frames: F[] = [];
  private consumed = new Set<F>();
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly socket: WebSocket,
    private readonly describe: (frame: F) => string,
  ) {
    socket.on('message', (data: WebSocket.RawData) => {
      try {
        this.frames.push(JSON.parse(data.toString()) as F);
      } catch {
        return; // not JSON: not a frame of ours
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open<F>(url: string, describe: (frame: F) => string, timeoutMs = 15_000): Promise<JsonStream<F>> {
    return new Promise((done, fail) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => {
        socket.terminate();
        fail(new Error(`WebSocket ${url} did not open within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        done(new JsonStream<F>(socket, describe));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        fail(err);
      });
    });
  }

  /** The first frame not returned before that matches; waits for it up to `timeoutMs`. */
  async next(predicate: (frame: F) => boolean, what: string, timeoutMs = 20_000): Promise<F> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.find((f) => !this.consumed.has(f) && predicate(f));
      if (frame) {
        this.consumed.add(frame);
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.frames.map(this.describe);
        throw new Error(
          `no WebSocket frame "${what}" within ${timeoutMs} ms; frames so far:\n  ${seen.join('\n  ') || '(none)'}`,
        );
      }
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

export type ConversationStream = JsonStream<StreamFrame>;
export type LogStream = JsonStream<LogFrame>;

const describeStreamFrame = (f: StreamFrame) =>
  `${f.action} ${f.actionConversationId} ${JSON.stringify(f.message?.text ?? '')} ${f.message?.attachments?.length ?? 0} card(s)`;
const describeLogFrame = (f: LogFrame) =>
  `${f.log?.activityName ?? f.logAction} ${f.log?.from ?? ''} -> ${f.log?.to ?? ''} ${f.log?.response?.statusCode ?? ''} ${JSON.stringify(f.log?.displayText ?? '')}`;

export interface E2E {
  botPort: number;
  playgroundPort: number;
  /** `http://127.0.0.1:<playground port>` */
  baseUrl: string;
  /** Where the playground's UI is served (the same server). */
  uiUrl: string;
  dir: string;
  bot: Child;
  playground: Child;
  /** POST JSON to the playground; throws on a non-2xx answer. Returns the parsed body (or undefined when empty). */
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
  /** `/_ws_conversation/v1/conversations/stream`: what the bot says (createMessage, updateMessage, typing). */
  openStream(): Promise<ConversationStream>;
  /** `/_ws/log/stream`: every activity to the bot and every connector call of the bot, with status and bodies. */
  openLogStream(): Promise<LogStream>;
  stop(): Promise<void>;
}

const live = new Set<Child>();
process.once('exit', () => {
  for (const child of live) if (isRunning(child.process)) child.process.kill('SIGKILL');
});

async function waitForHealth(bot: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(bot.process)) throw new Error(describeExit(bot));
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the bot did not answer ${url} within ${timeoutMs} ms; output:\n${bot.output()}`);
}

function waitForListening(playground: Child, timeoutMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const p = playground.process;
    const timer = setTimeout(
      () =>
        fail(
          new Error(
            `the playground printed no "Listening on <port>" within ${timeoutMs} ms; output:\n${playground.output()}`,
          ),
        ),
      timeoutMs,
    );
    const onExit = () => {
      clearTimeout(timer);
      fail(new Error(describeExit(playground)));
    };
    p.once('exit', onExit);
    createInterface({ input: p.stdout! }).on('line', (line) => {
      const match = /Listening on (\d+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      p.off('exit', onExit);
      done(Number(match[1]));
    });
  });
}

/** Starts the bot and the playground and waits until both answer. On failure, whatever started is stopped. */
export async function startE2E(options: { startTimeoutMs?: number } = {}): Promise<E2E> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-'));
  copyFileSync(join(ROOT, '.m365agentsplayground.yml'), join(dir, '.m365agentsplayground.yml'));
  const baseEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CREDENTIAL_KEYS) delete baseEnv[key];
  // Both talk over loopback; a proxy from the environment must not intercept that.
  baseEnv.NO_PROXY = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  baseEnv.no_proxy = baseEnv.NO_PROXY;

  // The journeys run whenever CI does, also in the evening: with the default norms a team message written after 17:00
  // waits for the next office-hours start, and a journey would wait for it in vain. Office hours all day here (a
  // weekend or public holiday still defers such messages: run the e2e tests on a working day).
  const norms = JSON.parse(readFileSync(DEFAULT_NORMS_FILE, 'utf8')) as { officeHours: { start: string; end: string } };
  norms.officeHours = { start: '00:00', end: '23:59' };
  const normsFile = join(dir, 'norms.json');
  writeFileSync(normsFile, JSON.stringify(norms));

  const botPort = await freePort();
  const children: Child[] = [];
  const stopAll = async () => {
    await Promise.all(children.map(stopChild));
    for (const child of children) live.delete(child);
  };
  try {
    const bot = startChild('bot', ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...baseEnv,
        PORT: String(botPort),
        DATABASE_PATH: join(dir, 'bot.sqlite'),
        NORMS_FILE: normsFile,
        LOG_LEVEL: 'warn',
        DRY_RUN: '0',
      },
    });
    children.push(bot);
    live.add(bot);
    await waitForHealth(bot, `http://127.0.0.1:${botPort}/healthz`, startTimeoutMs);

    const wantedPort = await freePort();
    const playground = startChild(
      'playground',
      [
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        '-e',
        `http://127.0.0.1:${botPort}/api/messages`,
        '-c',
        'msteams',
        '--dt',
        '-p',
        String(wantedPort),
      ],
      {
        cwd: dir,
        env: {
          ...baseEnv,
          TEAMSAPPTESTER_BROWSER: 'none',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, '.m365agentsplayground.yml'),
          M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'devTools', 'm365agentsplayground.log'),
        },
      },
    );
    children.push(playground);
    live.add(playground);
    // If the wanted port was taken meanwhile, the playground picks another one and says which.
    const playgroundPort = await waitForListening(playground, startTimeoutMs);
    const baseUrl = `http://127.0.0.1:${playgroundPort}`;

    const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(baseUrl + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      if (!text) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    };
    // The UI's first call: answers once the playground has reached the bot (HEAD on the endpoint).
    await request('GET', '/_internal/v1/config');

    return {
      botPort,
      playgroundPort,
      baseUrl,
      uiUrl: `http://localhost:${playgroundPort}`,
      dir,
      bot,
      playground,
      post: (path, body) => request('POST', path, body),
      get: (path) => request('GET', path),
      openStream: () =>
        JsonStream.open<StreamFrame>(
          `ws://127.0.0.1:${playgroundPort}/_ws_conversation/v1/conversations/stream`,
          describeStreamFrame,
        ),
      openLogStream: () =>
        JsonStream.open<LogFrame>(`ws://127.0.0.1:${playgroundPort}/_ws/log/stream`, describeLogFrame),
      async stop() {
        await stopAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export const CASE_REF = /CG-ARN-\d{4}-\d{4}/;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card a bot message carries (its first card attachment), or undefined. */
export function cardOf(frame: StreamFrame): AdaptiveCardJson | undefined {
  return frame.message?.attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
}

/** A bot message (createMessage) in that conversation whose card text matches. */
export const botCardIn =
  (conversationId: string, text: RegExp | string) =>
  (frame: StreamFrame): boolean => {
    if (frame.action !== 'createMessage' || frame.actionConversationId !== conversationId) return false;
    const card = cardOf(frame);
    if (!card) return false;
    const all = cardTexts(card).join('\n');
    return typeof text === 'string' ? all.includes(text) : text.test(all);
  };

/** A bot text message (createMessage) in that conversation whose text matches. */
export const botTextIn =
  (conversationId: string, text: RegExp) =>
  (frame: StreamFrame): boolean =>
    frame.action === 'createMessage' &&
    frame.actionConversationId === conversationId &&
    text.test(frame.message?.text ?? '');

export interface SentMessage {
  messageId: string;
  timestamp: number;
  /** For a new channel post: the thread's conversation id. */
  postConversationId?: string;
}

/**
 * currentUser types `text` in a conversation (`POST /_conversation/v1/conversations/{id}/messages`). Outside the
 * personal chat the bot only gets it when mentioned: `mentionBot` prefixes `<at>Teammodel</at>` and adds the mention.
 */
export async function sendText(
  e: E2E,
  conversationId: string,
  text: string,
  options: { mentionBot?: boolean } = {},
): Promise<SentMessage> {
  const mention = '<at>Teammodel</at>';
  const body = options.mentionBot
    ? {
        from: { id: PLAYGROUND.currentUserId },
        text: `${mention} ${text}`,
        textFormat: 'xml',
        mentions: [{ mentioned: { id: PLAYGROUND.botId }, text: mention }],
      }
    : { from: { id: PLAYGROUND.currentUserId }, text, textFormat: 'plain' };
  return (await e.post(
    `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
    body,
  )) as SentMessage;
}

/**
 * Someone presses an `Action.Execute` button on a bot card (`POST /_conversation/v1/invoke`). Returns the bot's
 * invoke response as the playground reduces it: `{type, value}`, for a card `{type: 'application/vnd.microsoft.card.adaptive', value: card}`.
 */
export async function pressExecute(
  e: E2E,
  press: { conversationId: string; replyToId: string; verb: string; data: Record<string, unknown>; from?: string },
): Promise<{ type: string; value: unknown }> {
  return (await e.post('/_conversation/v1/invoke', {
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: press.verb, data: press.data }, trigger: 'manual' },
    from: { id: press.from ?? PLAYGROUND.currentUserId },
    conversation: { id: press.conversationId },
    replyToId: press.replyToId,
  })) as { type: string; value: unknown };
}

/** "Installs the app" in a conversation as the UI does on opening it: installationUpdate + conversationUpdate. */
export async function install(e: E2E, conversationId: string): Promise<void> {
  await e.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
}
