/**
 * `npm run playground`: starts the bot in local mode and the Microsoft 365 Agents Playground against it, offline.
 *
 *   1. the bot: `tsx src/main.ts` with this environment minus the Bot Framework credentials (local mode: 127.0.0.1, no
 *      authentication; the playground sends no token);
 *   2. once the bot answers on /healthz, the playground: `agentsplayground -e http://127.0.0.1:<PORT>/api/messages
 *      -c msteams --dt -p <PLAYGROUND_PORT>` with TEAMSAPPTESTER_BROWSER=none; it reads .m365agentsplayground.yml from
 *      the repository root (the mock tenant: people from db/seed/demo-roster.json).
 *
 * Both binaries are started with this Node directly (what `npx tsx` and `npx agentsplayground` would run, minus the npm
 * layer, which would add a process between us and the child and get in the way of signal forwarding).
 * SIGINT/SIGTERM go to both children; when either exits, the other is stopped and we exit with its code.
 * Environment: PORT (bot, default 3978), PLAYGROUND_PORT (default 56150; the playground picks a free one if taken).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const CREDENTIAL_KEYS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const;
const BOT_READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}
export interface PlaygroundPlan {
  bot: ChildSpec;
  playground: ChildSpec;
  botPort: number;
  removedCredentials: string[];
}

function port(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : fallback;
}

/** What to start, from the environment; pure so that it can be checked without starting anything. */
export function planPlayground(env: NodeJS.ProcessEnv): PlaygroundPlan {
  const botPort = port(env.PORT, 3978);
  const removedCredentials = CREDENTIAL_KEYS.filter((key) => env[key] !== undefined && env[key] !== '');
  const botEnv: NodeJS.ProcessEnv = { ...env };
  for (const key of CREDENTIAL_KEYS) delete botEnv[key];
  // Both talk to each other over loopback; a proxy from the environment must not intercept that.
  const noProxy = [env.NO_PROXY ?? env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  return {
    botPort,
    removedCredentials,
    bot: {
      name: 'bot',
      command: process.execPath,
      args: [require.resolve('tsx/cli'), resolve(ROOT, 'src/main.ts')],
      env: { ...botEnv, NO_PROXY: noProxy },
    },
    playground: {
      name: 'Agents Playground',
      command: process.execPath,
      args: [
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        '-e',
        `http://127.0.0.1:${botPort}/api/messages`,
        '-c',
        'msteams',
        '--dt',
        '-p',
        String(port(env.PLAYGROUND_PORT, 56150)),
      ],
      env: {
        ...env,
        TEAMSAPPTESTER_BROWSER: 'none',
        // --dt stops usage events, but the Application Insights SDK inside still probes Azure (169.254.169.254 and
        // westus-0.in.applicationinsights.azure.com) for its "statsbeat"; this switches that off so it stays offline.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        NO_PROXY: noProxy,
      },
    },
  };
}

function start(spec: ChildSpec, pipeStdout: boolean): ChildProcess {
  return spawn(spec.command, spec.args, {
    cwd: ROOT,
    env: spec.env,
    stdio: ['ignore', pipeStdout ? 'pipe' : 'inherit', 'inherit'],
    // Own process group: Ctrl+C in the terminal reaches only us, and we forward it exactly once.
    detached: process.platform !== 'win32',
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function waitForBot(url: string, bot: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + BOT_READY_TIMEOUT_MS;
  while (Date.now() < deadline && isRunning(bot)) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return true; // any HTTP answer means the server listens
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

async function main(): Promise<void> {
  const plan = planPlayground(process.env);
  if (plan.removedCredentials.length > 0) {
    console.log(
      `[playground] ${plan.removedCredentials.join(', ')} genegeerd: de bot draait lokaal zonder authenticatie / ignored: the bot runs in local mode without authentication.`,
    );
  }
  const children: ChildProcess[] = [];
  let stopping = false;

  const stop = (signal: NodeJS.Signals, exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    const alive = children.filter(isRunning);
    for (const child of alive) child.kill(signal);
    const killTimer = setTimeout(
      () => alive.filter(isRunning).forEach((child) => child.kill('SIGKILL')),
      STOP_GRACE_MS,
    );
    killTimer.unref();
    void Promise.all(
      alive.map((child) => new Promise((r) => (isRunning(child) ? child.once('exit', r) : r(undefined)))),
    ).then(() => process.exit(exitCode));
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));

  const watch = (child: ChildProcess, name: string): void => {
    child.on('error', (error) => {
      console.error(`[playground] ${name} kon niet starten / could not start: ${error.message}`);
      stop('SIGTERM', 1);
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.log(
        `[playground] ${name} is gestopt / exited (${signal ?? `code ${code}`}); de rest stopt ook / stopping the rest.`,
      );
      stop('SIGTERM', code ?? 1);
    });
  };

  console.log(`[playground] Bot starten / starting the bot: http://127.0.0.1:${plan.botPort}/api/messages`);
  const bot = start(plan.bot, false);
  children.push(bot);
  watch(bot, plan.bot.name);

  if (!(await waitForBot(`http://127.0.0.1:${plan.botPort}/healthz`, bot))) {
    if (!isRunning(bot) || stopping) return; // the exit handler reports it
    console.warn(
      `[playground] De bot antwoordt nog niet op /healthz; de playground start toch / the bot does not answer /healthz yet; starting the playground anyway.`,
    );
  }
  if (stopping) return;

  const playground = start(plan.playground, true);
  children.push(playground);
  watch(playground, plan.playground.name);
  // When its stdout is not a terminal the playground prints only "Listening on <port>" there; its log goes to
  // devTools/m365agentsplayground.log.
  createInterface({ input: playground.stdout! }).on('line', (line) => {
    console.log(`[agents-playground] ${line}`);
    const listening = /Listening on (\d+)/.exec(line);
    if (listening) {
      const url = `http://localhost:${listening[1]}`;
      console.log(
        [
          '',
          `  Open de Agents Playground in je browser: ${url}`,
          `  Open the Agents Playground in your browser: ${url}`,
          `  (log: ${resolve(ROOT, 'devTools/m365agentsplayground.log')}; stoppen / stop: Ctrl+C)`,
          '',
        ].join('\n'),
      );
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
