import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import { freePort } from '../../bench/bench-utils.js';
import { CONFIG_KEYS, loadConfig, loadDotEnvFile } from '../../src/config.js';

// Issue 18, "small truths": `.env` is read at start (documented), and every setting is in `.env.example`.

const root = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(root, '.env.example');
/** Read by `npm run package` (manifest/build-package.ts), not by the bot; test/cli/package.test.ts checks each. */
const PACKAGE_KEYS = [
  'TEAMS_APP_ID',
  'TEAMS_APP_DEVELOPER_NAME',
  'TEAMS_APP_WEBSITE_URL',
  'TEAMS_APP_PRIVACY_URL',
  'TEAMS_APP_TERMS_URL',
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-env-'));
  dirs.push(dir);
  return dir;
};

/** The `KEY=` lines of .env.example, in order (comments may mention keys; only assignments count). */
const exampleKeys = () =>
  readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
    .filter((k): k is string => k !== undefined);

describe('.env.example', () => {
  it('lists every setting the bot reads, once each', () => {
    const keys = exampleKeys();
    expect(CONFIG_KEYS.filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('holds no key that nothing reads', () => {
    const known = new Set<string>([...CONFIG_KEYS, ...PACKAGE_KEYS]);
    expect(exampleKeys().filter((k) => !known.has(k))).toEqual([]);
  });

  it('copied to .env as it is, changes nothing: its values are the defaults, and valid', () => {
    const example = parseEnv(readFileSync(EXAMPLE, 'utf8'));
    expect(Object.keys(example).sort()).toEqual(exampleKeys().sort());
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});

describe('loadDotEnvFile', () => {
  it('reads KEY=value lines with comments and quotes into the environment and returns the file', () => {
    const file = join(tempDir(), '.env');
    writeFileSync(
      file,
      [
        '# a comment',
        'PORT=4010',
        'DATABASE_PATH="/srv/bot data/teammodel.sqlite"',
        "TICK_CRON='*/5 * * * *'",
        'LOG_LEVEL=warn # trailing comment',
        '',
      ].join('\n'),
    );
    const env: Record<string, string | undefined> = {};
    expect(loadDotEnvFile(env, file)).toBe(file);
    expect(env).toEqual({
      PORT: '4010',
      DATABASE_PATH: '/srv/bot data/teammodel.sqlite',
      TICK_CRON: '*/5 * * * *',
      LOG_LEVEL: 'warn',
    });
    expect(loadConfig(env)).toMatchObject({ port: 4010, tickCron: '*/5 * * * *', logLevel: 'warn' });
  });

  it('keeps a variable that is already set, also when it is set empty', () => {
    const file = join(tempDir(), '.env');
    writeFileSync(file, 'PORT=4010\nTIMEZONE=Europe/Brussels\nMicrosoftAppId=from-file\nLOG_LEVEL=debug\n');
    const env: Record<string, string | undefined> = { PORT: '5000', MicrosoftAppId: '' };
    loadDotEnvFile(env, file);
    expect(env).toEqual({ PORT: '5000', MicrosoftAppId: '', TIMEZONE: 'Europe/Brussels', LOG_LEVEL: 'debug' });
  });

  it('returns undefined and changes nothing when there is no file', () => {
    const env: Record<string, string | undefined> = { PORT: '5000' };
    expect(loadDotEnvFile(env, join(tempDir(), '.env'))).toBeUndefined();
    expect(env).toEqual({ PORT: '5000' });
  });

  it('reads ./.env by default: the one in the working directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'NORMS_FILE=./norms.json\n');
    const cwd = process.cwd();
    const env: Record<string, string | undefined> = {};
    try {
      process.chdir(dir);
      expect(loadDotEnvFile(env)).toBe(join(dir, '.env'));
    } finally {
      process.chdir(cwd);
    }
    expect(env).toEqual({ NORMS_FILE: './norms.json' });
  });
});

describe('the bot at start', () => {
  it('reads .env from its working directory; the environment wins; the start log names the file and the database', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '.env'),
      'DATABASE_PATH=./from-env-file/teammodel.sqlite\nTIMEZONE=Europe/Brussels\nDRY_RUN=1\nPORT=1\n',
    );
    // Only what the test sets, so that no credentials or settings of the machine running the tests leak in; TIMEZONE
    // and PORT are set in both places, and the environment's must win.
    const env = { PATH: process.env.PATH ?? '', TIMEZONE: 'Europe/Amsterdam', PORT: String(await freePort()) };
    // Node itself with tsx's loader, not the tsx binary: its relay process between this test's SIGTERM and the bot
    // can end with the signal's code (143) under load, whatever the bot does.
    const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', loader, join(root, 'src/main.ts')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 25_000;
      while (!out.includes('"msg":"started"')) {
        if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}): ${err}`);
        if (Date.now() > deadline) throw new Error(`no start line; stdout: ${out} stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const started = out
        .split('\n')
        .filter((l) => l.includes('"msg":"started"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)[0]!;
      expect(started).toMatchObject({
        envFile: join(dir, '.env'),
        database: join(dir, 'from-env-file', 'teammodel.sqlite'),
        timezone: 'Europe/Amsterdam',
        dryRun: true,
        endpoint: `http://127.0.0.1:${env.PORT}/api/messages`,
        mode: 'local',
      });
      expect(err).not.toContain('DEP0111');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
