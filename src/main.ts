import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppContext } from './app/app-context.js';
import type { Clock, Logger } from './app/ports.js';
import { ConfigError, loadConfig, loadDotEnvFile, type Config } from './config.js';
import { isEntryPoint } from './is-entry-point.js';
import { createLogger } from './create-logger.js';
import { killAfter, SHUTDOWN_GRACE_MS } from './kill-after.js';
import type { HandoverTemplates } from './domain/handover-templates.js';
import type { Norms } from './domain/norms.js';
import type { Roster } from './domain/roster.js';
import { loadHandoverTemplates } from './adapters/files/load-handover-templates.js';
import { loadNormsFile } from './adapters/files/load-norms-file.js';
import { loadRegions, type Regions } from './adapters/files/load-regions.js';
import { loadRosterFile, RosterFileError } from './adapters/files/load-roster-file.js';
import { watchRosterFile } from './adapters/files/watch-roster-file.js';
import { replaceRoster } from './app/replace-roster.js';
import { createServer, type BotServer } from './adapters/http/create-server.js';
import { DatabaseMissingError, openDatabase, type OpenDatabase } from './adapters/sqlite/open-database.js';
import { acquireInstanceLock, InstanceLockedError, type InstanceLock } from './adapters/sqlite/instance-lock.js';
import { signAuditRowsWith } from './adapters/sqlite/audit-log.js';
import { checkpointFileFor, startAuditCheckpoints } from './adapters/sqlite/audit-checkpoint.js';
import { createOutboxBacklog } from './adapters/sqlite/outbox-backlog.js';
import { createMemberBindingStore } from './adapters/sqlite/member-binding-store.js';
import { createAppContext } from './create-app-context.js';
import { createTeamsBot, type BotApplication, type RouteTools } from './adapters/teams/create-teams-bot.js';
import type { BotFrameworkClientPool } from './adapters/teams/reuse-bot-framework-clients.js';
import { registerBaseRoutes } from './adapters/teams/register-base-routes.js';
import { registerFallbackRoute } from './adapters/teams/register-fallback-route.js';
import { registerWelcomeRoute } from './adapters/teams/register-welcome-route.js';
import { registerCaseRoutes } from './adapters/teams/register-case-routes.js';
import { registerWorkflowRoutes } from './adapters/teams/register-workflow-routes.js';
import { registerRefreshRoute } from './adapters/teams/register-refresh-route.js';
import { registerPilotRoutes } from './adapters/teams/register-pilot-routes.js';
import { createTeamsSender } from './adapters/teams/create-teams-sender.js';
import { createOutboxWorker } from './adapters/outbox/create-outbox-worker.js';
import { createDryRunSender } from './adapters/outbox/create-dry-run-sender.js';
import { startScheduler } from './adapters/scheduler/start-scheduler.js';
import { createGraphAppInstaller } from './adapters/graph/create-graph-app-installer.js';
import { startAppInstallJob } from './adapters/graph/start-app-install-job.js';
import { SqliteStorage } from './adapters/teams/sqlite-storage.js';
import { createTeamsState, type TeamsState } from './adapters/teams/teams-state.js';

// The composition root: the only place that reads the real clock, the environment and the process signals.

/** A background part of the bot (scheduler, outbox delivery) that must stop before the database closes. */
export interface Service {
  stop(): Promise<void> | void;
}

export interface StartBotOverrides {
  clock?: Clock;
  logger?: Logger;
  /** Overrides PORT; 0 binds any free port (tests). */
  port?: number;
  /** Extra routes, registered after the command routes and before the catch-all (tests). */
  registerRoutes?: (app: BotApplication, tools: RouteTools) => void;
  /** Tests: outbox pacing and retry settings (e.g. no gaps), and whether the cron scheduler runs. */
  outbox?: {
    perRecipientGapMs?: number;
    globalGapMs?: number;
    maxAttempts?: number;
    random?: () => number;
    sleep?: (ms: number) => Promise<void>;
  };
  scheduler?: boolean;
  /** Re-reading the roster file (on change and on SIGHUP): poll interval, SIGHUP; `false` = not at all. */
  rosterWatch?: { intervalMs?: number; sighup?: boolean } | false;
  /** The .env file main() read, for the start log. */
  envFile?: string;
  /** Tests: where the Graph install talks to (a local fake) and when it runs; used only when it is configured. */
  graph?: { graphUrl?: string; loginUrl?: string; firstRunAfterMs?: number; intervalMs?: number };
}

export interface RunningBot {
  config: Config;
  ctx: AppContext;
  app: BotApplication;
  adapter: TeamsAdapter;
  /** The Bot Framework clients kept between turns and sends (see reuseBotFrameworkClients). */
  botFrameworkClients: BotFrameworkClientPool;
  /** The Teams adapter's caches and syncs in flight, this bot's own (teams-state.ts). */
  teamsState: TeamsState;
  server: BotServer;
  database: OpenDatabase;
  /** The one-instance lock on the database file (see instance-lock.ts), held until stop(). */
  instanceLock: InstanceLock;
  host: string;
  port: number;
  /** Stops accepting requests, finishes the turns in flight, stops the background services, closes the database. */
  stop(): Promise<void>;
}

/** A seed or configuration file the bot cannot start with; the message says which file and what to fix. */
export class StartupError extends Error {
  override name = 'StartupError';
}

interface SeedFiles {
  roster: Roster;
  norms: Norms;
  handoverTemplates: HandoverTemplates;
  regions: Regions;
}

/** The roster, norms, checklists and region codes; any problem stops the start with a message naming the file. */
function loadSeedFiles(config: Config): SeedFiles {
  try {
    return {
      roster: loadRosterFile(config.rosterFile),
      norms: loadNormsFile(config.normsFile),
      handoverTemplates: loadHandoverTemplates(),
      regions: loadRegions(),
    };
  } catch (err) {
    if (err instanceof RosterFileError) throw err;
    throw new StartupError((err as Error).message);
  }
}

/** Builds and starts the whole bot in this process. Tests call it with their own env, clock and logger. */
export async function startBot(
  env: Record<string, string | undefined> = process.env,
  overrides: StartBotOverrides = {},
): Promise<RunningBot> {
  const config = loadConfig(env);
  const logger: Logger = overrides.logger ?? createLogger(config.logLevel);
  const clock: Clock = overrides.clock ?? { now: () => Date.now() };
  const { roster, norms, handoverTemplates, regions } = loadSeedFiles(config);
  // In credentials mode a missing database is an error, not a first start (`npm run db:init` is one): an empty file
  // in its place would forget every case. Checked before the lock, which would create its directory.
  if (!config.localMode && config.databasePath !== ':memory:' && !existsSync(config.databasePath))
    throw new DatabaseMissingError(config.databasePath);
  // Before the database is opened (and migrated): a second instance must not touch it, nor start a scheduler.
  const instanceLock = acquireInstanceLock(config.databasePath);
  let database: OpenDatabase;
  try {
    database = openDatabase(config.databasePath, { create: config.localMode });
    signAuditRowsWith(database.sqlite, config.auditMacKey); // before anything writes an audit row
  } catch (err) {
    instanceLock.release();
    throw err;
  }
  try {
    // The outbox worker needs the context, and the context must kick the worker after a commit: the kick is wired
    // here, at construction, and points at the worker once it exists (below).
    let kickOutbox = () => {};
    const ctx: AppContext = createAppContext({
      database,
      roster,
      norms,
      handoverTemplates,
      regions,
      timezone: config.timezone,
      clock,
      logger,
      // Deferred: the use case's transaction commits first, so nothing is sent for a write that rolls back.
      onOutbox: () => setImmediate(() => kickOutbox()),
    });
    // Teams users bound to their roster entry by e-mail or UPN on first contact (docs/tenants.md).
    const bindings = createMemberBindingStore(database.db);
    // The Teams adapter's mutable state (card caches, syncs in flight): this bot's own, never shared by module.
    const teamsState = createTeamsState();
    const bot = createTeamsBot({
      config,
      ctx,
      storage: new SqliteStorage(database.db),
      logger,
      state: teamsState,
      registerRoutes: (app, tools) => {
        registerBaseRoutes(app, ctx, { bindings });
        registerWelcomeRoute(app, ctx);
        // Automatic refreshes of cards several people see, before teams-ai's Action.Execute routes.
        registerRefreshRoute(app, ctx, tools.state);
        // Command routes and Action.Execute handlers, between the base routes and the catch-all.
        // Pilot routes first: `casus <ref> export` must win over `casus <ref>`.
        registerPilotRoutes(app, ctx, tools);
        registerCaseRoutes(app, ctx, tools);
        registerWorkflowRoutes(app, ctx, tools);
        overrides.registerRoutes?.(app, tools);
        registerFallbackRoute(app);
      },
    });
    const backlog = createOutboxBacklog(database.sqlite);
    const server = createServer({
      config,
      adapter: bot.adapter,
      app: bot.app,
      isReady: ctx.isReady,
      outboxBacklog: () => {
        const now = clock.now();
        return backlog(now, ctx.calendar.isOfficeTime(now));
      },
      logger,
    });
    const port = await server.start(overrides.port);

    // Background services, each one line: they start after the server and stop after it (reverse order).
    const services: Service[] = [];
    // First in, so stopped last: the shutdown checkpoint comes after every other service stopped writing.
    services.push(
      startAuditCheckpoints({
        sqlite: database.sqlite,
        file: checkpointFileFor(config.databasePath),
        logger,
        now: () => clock.now(),
        signing: config.auditMacKey !== undefined,
      }),
    );
    const sender = config.dryRun
      ? createDryRunSender(logger)
      : createTeamsSender({
          adapter: bot.adapter,
          botAppId: bot.botAppId,
          ctx,
          tenantId: config.credentials?.tenantId,
          bindings,
        });
    const outbox = createOutboxWorker({ ctx, sender, ...overrides.outbox });
    kickOutbox = () => outbox.kick();
    services.push(outbox);
    // Optional: install the Teams app through Graph for roster members the bot has no chat with (docs/behaviour.md).
    if (config.graph)
      services.push(
        startAppInstallJob({
          ctx,
          tenantId: config.graph.tenantId,
          dryRun: config.dryRun,
          installer: createGraphAppInstaller({
            ...config.graph,
            ...(overrides.graph?.graphUrl ? { graphUrl: overrides.graph.graphUrl } : {}),
            ...(overrides.graph?.loginUrl ? { loginUrl: overrides.graph.loginUrl } : {}),
          }),
          ...(overrides.graph?.firstRunAfterMs !== undefined
            ? { firstRunAfterMs: overrides.graph.firstRunAfterMs }
            : {}),
          ...(overrides.graph?.intervalMs !== undefined ? { intervalMs: overrides.graph.intervalMs } : {}),
        }),
      );
    if (overrides.scheduler !== false)
      services.push(
        startScheduler({
          ctx,
          cronExpression: config.tickCron,
          timezone: config.timezone,
          afterTick: () => outbox.kick(),
        }),
      );

    if (overrides.rosterWatch !== false)
      services.push(
        watchRosterFile({
          file: config.rosterFile,
          logger,
          ...overrides.rosterWatch,
          onRoster: (next, trigger) => {
            const diff = replaceRoster(ctx, next, trigger);
            logger.info(
              {
                trigger,
                members: next.members.length,
                added: diff.added.length,
                removed: diff.removed.length,
                changed: diff.changed.length,
                fixedTeamsChanged: diff.fixedTeamsChanged.length,
              },
              'roster reloaded',
            );
          },
        }),
      );

    // What an operator needs to see that the right files were loaded (paths only: no roster content).
    logger.info(
      {
        endpoint: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/api/messages`,
        mode: config.credentials ? config.credentials.appType : 'local',
        database: resolve(config.databasePath),
        instanceLock: instanceLock.file,
        roster: resolve(config.rosterFile),
        rosterMembers: roster.members.length,
        municipalities: roster.municipalities.length,
        norms: resolve(config.normsFile),
        envFile: overrides.envFile ?? null,
        timezone: config.timezone,
        dryRun: config.dryRun,
        auditMac: config.auditMacKey !== undefined,
        graphInstall: config.graph !== undefined,
        node: process.version,
      },
      'started',
    );

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        await server.stop();
        for (const service of [...services].reverse()) await service.stop();
        database.close();
        instanceLock.release();
        logger.info({}, 'stopped');
      })());
    return {
      config,
      ctx,
      app: bot.app,
      adapter: bot.adapter,
      botFrameworkClients: bot.botFrameworkClients,
      teamsState,
      server,
      database,
      instanceLock,
      host: config.host,
      port,
      stop,
    };
  } catch (err) {
    database.close();
    instanceLock.release();
    throw err;
  }
}

async function main(): Promise<void> {
  let bot: RunningBot;
  try {
    // ./.env when present (variables already in the environment win); systemd and Docker pass the environment.
    const envFile = loadDotEnvFile(process.env);
    bot = await startBot(process.env, { envFile });
  } catch (err) {
    // Configuration, seed-file and second-instance errors say what to fix; anything else gets its stack.
    const known =
      err instanceof ConfigError ||
      err instanceof RosterFileError ||
      err instanceof StartupError ||
      err instanceof InstanceLockedError ||
      err instanceof DatabaseMissingError;
    console.error(known ? err.message : err);
    process.exit(1);
  }
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    // A turn that hangs must not keep the process alive past the platform's grace period. The timer of the main thread
    // cannot fire while that thread is blocked (a log line written to a stdout nobody reads), so a worker thread ends
    // the process too, a moment later, whatever the main thread is doing.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    killAfter(SHUTDOWN_GRACE_MS + 1_000);
    try {
      bot.ctx.logger.info({ signal }, 'shutting down');
    } catch {
      // stdout may be gone (a closed pipe): shutting down matters more than saying so
    }
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (isEntryPoint(import.meta.url)) void main();
