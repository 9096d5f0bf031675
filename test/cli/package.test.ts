import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage, DEFAULT_OUT_FILE, PlaceholderValuesError } from '../../manifest/build-package.js';

// Issue 18, "Bad input": a production package build with placeholder ids exits non-zero naming them; with real ids
// and URLs from the environment (or ./.env) it builds (docs/deploy.md, "The Teams app package").

const root = resolve(import.meta.dirname, '../..');

/** What a municipality would set: a registered bot, its own Teams app id and its own https pages. */
const REAL = {
  MicrosoftAppId: '3f2b6c1e-8d4a-4b7e-9c21-5a6d7e8f9012',
  TEAMS_APP_ID: 'a4748cc5-887e-41ee-abff-55d398a041c0',
  TEAMS_APP_DEVELOPER_NAME: 'Gemeente Voorbeeldstad',
  TEAMS_APP_WEBSITE_URL: 'https://www.voorbeeldstad.nl/teammodel',
  TEAMS_APP_PRIVACY_URL: 'https://www.voorbeeldstad.nl/privacy',
  TEAMS_APP_TERMS_URL: 'https://www.voorbeeldstad.nl/teammodel/voorwaarden',
};
/** The variables the package reads, each with the placeholder a production build must name. */
const PLACEHOLDER_VARIABLES = [
  'MicrosoftAppId',
  'TEAMS_APP_ID',
  'TEAMS_APP_WEBSITE_URL',
  'TEAMS_APP_PRIVACY_URL',
  'TEAMS_APP_TERMS_URL',
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-package-'));
  dirs.push(dir);
  return dir;
};

/** `npm run package -- <args>` as the CLI runs it (tsx), in `cwd`, with only the given environment. */
function runCli(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'manifest/build-package.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise<{ code: number | null; out: string; err: string }>((r) =>
    child.on('exit', (code) => r({ code, out, err })),
  );
}

const mtimeOf = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : undefined);

describe('npm run package -- --production', () => {
  it('refuses the placeholders with exit code 1, naming each one and the variable that sets it, and writes nothing', async () => {
    const before = mtimeOf(DEFAULT_OUT_FILE);
    const result = await runCli(['--production'], {}, tempDir());
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('production package refused: placeholder values left');
    for (const variable of PLACEHOLDER_VARIABLES) expect(result.err).toContain(`(set ${variable})`);
    expect(result.err).toContain('/bots/0/botId: 00000000-0000-0000-0000-000000000b07 is the local/test id');
    expect(result.err).toContain("is the repository's example Teams app id");
    expect(result.err).toContain('https://teammodel.example.org/privacy is a placeholder URL');
    expect(mtimeOf(DEFAULT_OUT_FILE)).toBe(before);
  });

  it('names only what is still a placeholder, and refuses plain http and localhost too', async () => {
    const result = await runCli(
      ['--production'],
      {
        ...REAL,
        TEAMS_APP_PRIVACY_URL: 'http://www.voorbeeldstad.nl/privacy',
        TEAMS_APP_TERMS_URL: 'https://localhost/voorwaarden',
      },
      tempDir(),
    );
    expect(result.code).toBe(1);
    const named = result.err.split('\n').filter((l) => l.startsWith('  - '));
    expect(named).toEqual([
      '  - /developer/privacyUrl: http://www.voorbeeldstad.nl/privacy must use https (set TEAMS_APP_PRIVACY_URL)',
      '  - /developer/termsOfUseUrl: https://localhost/voorwaarden is a placeholder URL (set TEAMS_APP_TERMS_URL)',
    ]);
  });

  it('reads the values from ./.env in the working directory, as the bot does (and still refuses what is left)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), `MicrosoftAppId=${REAL.MicrosoftAppId}\nTEAMS_APP_ID=${REAL.TEAMS_APP_ID}\n`);
    const result = await runCli(['--production'], {}, dir);
    expect(result.code).toBe(1);
    expect(result.err).not.toContain('(set MicrosoftAppId)');
    expect(result.err).not.toContain('(set TEAMS_APP_ID)');
    expect(result.err).toContain('(set TEAMS_APP_WEBSITE_URL)');
  });

  it('rejects an unknown argument with exit code 2 and the usage', async () => {
    const result = await runCli(['--prod'], {}, tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toContain('npm run package [-- --production]');
  });
});

describe('buildAppPackage({ production: true })', () => {
  it('builds with real ids and URLs: every value from the environment is in the manifest', async () => {
    const outFile = join(tempDir(), 'out', 'teammodel.zip');
    const built = await buildAppPackage({ production: true, env: REAL, outFile });
    expect(built.file).toBe(outFile);
    expect(built.placeholders).toEqual([]);
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      id: string;
      bots: Array<{ botId: string }>;
      developer: Record<string, string>;
    };
    expect(manifest.id).toBe(REAL.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(REAL.MicrosoftAppId);
    expect(manifest.developer).toMatchObject({
      name: REAL.TEAMS_APP_DEVELOPER_NAME,
      websiteUrl: REAL.TEAMS_APP_WEBSITE_URL,
      privacyUrl: REAL.TEAMS_APP_PRIVACY_URL,
      termsOfUseUrl: REAL.TEAMS_APP_TERMS_URL,
    });
  });

  it('throws PlaceholderValuesError naming the placeholders, and writes no file', async () => {
    const outFile = join(tempDir(), 'teammodel.zip');
    const error = await buildAppPackage({ production: true, env: { ...REAL, TEAMS_APP_ID: '' }, outFile }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlaceholderValuesError);
    expect((error as PlaceholderValuesError).problems).toEqual([
      "/id: 4b25af39-ad28-4dd3-8924-51952f2cbc00 is the repository's example Teams app id; use a new GUID of your own (set TEAMS_APP_ID)",
    ]);
    expect(existsSync(outFile)).toBe(false);
  });

  it('without --production builds a test package and reports its placeholders', async () => {
    const outFile = join(tempDir(), 'teammodel.zip');
    const built = await buildAppPackage({ env: {}, outFile });
    expect(existsSync(outFile)).toBe(true);
    expect(built.placeholders.length).toBeGreaterThanOrEqual(PLACEHOLDER_VARIABLES.length);
  });
});
