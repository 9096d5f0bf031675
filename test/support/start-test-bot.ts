import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Logger } from '../../src/app/ports.js';
import { main as initDatabaseCli } from '../../src/cli/db-init.js';
import { startBot, type RunningBot, type StartBotOverrides } from '../../src/main.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import type { Person } from './teams-activity.js';

export interface LogRecord {
  level: 'info' | 'warn' | 'error' | 'debug';
  obj: object | string;
  msg?: string;
}

/** `npm run db:init` on the path, as a deployment does before its first start in credentials mode. */
function initDatabase(path: string): void {
  const quiet = { out: () => {}, err: (l: string) => void process.stderr.write(`${l}\n`) };
  if (initDatabaseCli([], { DATABASE_PATH: path }, quiet) !== 0) throw new Error(`db:init failed for ${path}`);
}

/** A Logger that keeps every record, so tests can assert what was (and was not) logged. */
export function createRecordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord['level']) => (obj: object | string, msg?: string) =>
    void records.push({ level, obj, msg });
  return { records, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

export interface PostResult {
  status: number;
  body: unknown;
  text: string;
}

export interface TestBot {
  bot: RunningBot;
  connector: FakeConnector;
  logger: ReturnType<typeof createRecordingLogger>;
  baseUrl: string;
  dir: string;
  /** POSTs an activity (an object, or a raw string body) to /api/messages. */
  post(activity: object | string, headers?: Record<string, string>): Promise<PostResult>;
  get(path: string): Promise<PostResult>;
  /** What the bot sent to a conversation (replies and new messages), in order. */
  repliesTo(conversationId: string): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface StartTestBotOptions {
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Extra routes before the catch-all (e.g. a handler that throws, to exercise the error handler). */
  registerRoutes?: StartBotOverrides['registerRoutes'];
  /** Outbox pacing and retries (e.g. `{ perRecipientGapMs: 0, globalGapMs: 0 }`), passed to startBot. */
  outbox?: StartBotOverrides['outbox'];
  /** `false`: no cron scheduler (tests drive ticks themselves). */
  scheduler?: boolean;
  /** Re-reading the roster file; default off here (many bots share this process, each would listen for SIGHUP). */
  rosterWatch?: StartBotOverrides['rosterWatch'];
  /** Reuse a running fake connector (e.g. across a restart on the same database); it is then not closed on stop. */
  connector?: FakeConnector;
}

/** People for tests: `ltArnhem` is roster member lt-arn of db/seed/demo-roster.json; `stranger` is in no roster. */
export const DEMO = {
  ltArnhem: { aadObjectId: '00000000-0000-4000-8000-000000000016', name: 'Pien Meijer (fictief)' } satisfies Person,
  stranger: { aadObjectId: '9f9f9f9f-0000-4000-8000-00000000dead', name: 'Niet In Rooster' } satisfies Person,
};

/** The whole bot in-process on a free port, with a temp SQLite file, the demo roster and a fake Bot Connector. */
export async function startTestBot(options: StartTestBotOptions = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-test-'));
  const ownConnector = !options.connector;
  const connector = options.connector ?? (await startFakeConnector());
  const logger = createRecordingLogger();
  const env: Record<string, string | undefined> = {
    DATABASE_PATH: join(dir, 'bot.sqlite'),
    LOG_LEVEL: 'silent',
    PORT: '3978',
    ...options.env,
  };
  // In credentials mode the bot does not create a missing database: a deployment runs `npm run db:init` first.
  if (env.MicrosoftAppId && env.DATABASE_PATH) initDatabase(env.DATABASE_PATH);
  let bot: RunningBot;
  try {
    bot = await startBot(env, {
      clock: options.clock,
      logger,
      port: 0,
      registerRoutes: options.registerRoutes,
      ...(options.outbox ? { outbox: options.outbox } : {}),
      ...(options.scheduler !== undefined ? { scheduler: options.scheduler } : {}),
      rosterWatch: options.rosterWatch ?? false,
    });
  } catch (err) {
    if (ownConnector) await connector.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const host = bot.host === '0.0.0.0' ? '127.0.0.1' : bot.host;
  const baseUrl = `http://${host}:${bot.port}`;
  const toResult = async (res: globalThis.Response): Promise<PostResult> => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, text };
  };
  return {
    bot,
    connector,
    logger,
    baseUrl,
    dir,
    post: async (activity, headers = {}) =>
      toResult(
        await fetch(`${baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: typeof activity === 'string' ? activity : JSON.stringify(activity),
        }),
      ),
    get: async (path) => toResult(await fetch(`${baseUrl}${path}`)),
    repliesTo: (conversationId) => connector.activitiesTo(conversationId),
    stop: async () => {
      await bot.stop();
      if (ownConnector) await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
