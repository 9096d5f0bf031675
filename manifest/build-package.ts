/**
 * Builds the Teams app package manifest/build/teammodel.zip: manifest.json (the template filled in), color.png and
 * outline.png at the root of the zip, as Teams expects. Validates the manifest offline first and refuses to write an
 * invalid package. Run with `npm run package` (a test package) or `npm run package -- --production`.
 *
 * The ids and URLs come from the environment (and ./.env, as for the bot; a variable already set wins):
 *   MicrosoftAppId            bots[0].botId: the Azure Bot's app (client) id; default the local GUID
 *   TEAMS_APP_ID              id: the Teams app's own GUID; default the repository's example id
 *   TEAMS_APP_DEVELOPER_NAME  developer.name; default the template's
 *   TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL  developer.websiteUrl/privacyUrl/termsOfUseUrl
 * With --production, a placeholder left anywhere (the local bot id, the example app id, an example.org or localhost
 * URL, a plain-http URL, an all-zero GUID) stops the build with exit code 1, naming each one and the variable to set.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { validateManifest } from './validate-manifest.js';
import { loadDotEnvFile } from '../src/config.js';

const MANIFEST_DIR = dirname(fileURLToPath(import.meta.url));
export const TEMPLATE_FILE = join(MANIFEST_DIR, 'manifest.template.json');
export const DEFAULT_OUT_FILE = join(MANIFEST_DIR, 'build', 'teammodel.zip');
/** Same default as LOCAL_BOT_APP_ID in src/config.ts: the bot id used in local mode and in the Agents Playground. */
export const LOCAL_BOT_ID = '00000000-0000-0000-0000-000000000b07';
/** A fixed timestamp for every zip entry, so the same inputs give the same bytes. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export class ManifestInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`App-manifest ongeldig / app manifest invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestInvalidError';
  }
}

/** A production build found placeholder ids or URLs; every one is named with the variable that sets it. */
export class PlaceholderValuesError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Productiepakket geweigerd / production package refused: placeholder values left:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSet them in the environment or .env (docs/deploy.md, "The Teams app package").`,
    );
    this.name = 'PlaceholderValuesError';
  }
}

/** Where each manifest field comes from in the environment. */
const SOURCES: Record<string, string> = {
  '/id': 'TEAMS_APP_ID',
  '/bots/0/botId': 'MicrosoftAppId',
  '/developer/name': 'TEAMS_APP_DEVELOPER_NAME',
  '/developer/websiteUrl': 'TEAMS_APP_WEBSITE_URL',
  '/developer/privacyUrl': 'TEAMS_APP_PRIVACY_URL',
  '/developer/termsOfUseUrl': 'TEAMS_APP_TERMS_URL',
};

/** Hosts that are never a real deployment's (RFC 2606 examples, the local machine). */
const PLACEHOLDER_HOST =
  /(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$|^127\.|^0\.0\.0\.0$|^\[?::1\]?$/i;
const ZERO_GUID = /^0{8}-0{4}-0{4}-0{4}-0[0-9a-f]{11}$/i;

/**
 * Every placeholder left in a manifest: the local bot id, the template's example app id, all-zero GUIDs, and URLs on an
 * example or local host or without https. `templateAppId` is the id the template ships with.
 */
export function placeholderProblems(manifest: object, templateAppId: string): string[] {
  const problems: string[] = [];
  const source = (path: string) => (SOURCES[path] ? ` (set ${SOURCES[path]})` : '');
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (k !== '$schema') walk(v, `${path}/${k}`);
      }
    else if (typeof value === 'string') {
      if (value === LOCAL_BOT_ID || ZERO_GUID.test(value))
        problems.push(`${path}: ${value} is the local/test id, not a registered one${source(path)}`);
      else if (path === '/id' && value === templateAppId)
        problems.push(
          `${path}: ${value} is the repository's example Teams app id; use a new GUID of your own${source(path)}`,
        );
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        let url: URL | undefined;
        try {
          url = new URL(value);
        } catch {
          problems.push(`${path}: ${value} is not a valid URL${source(path)}`);
        }
        if (url && PLACEHOLDER_HOST.test(url.hostname))
          problems.push(`${path}: ${value} is a placeholder URL${source(path)}`);
        else if (url && url.protocol !== 'https:') problems.push(`${path}: ${value} must use https${source(path)}`);
      }
    }
  };
  walk(manifest, '');
  return problems;
}

/** Replaces every `${{NAME}}` in the template; an unknown placeholder is an error, not a silent leftover. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest template: no value for \${{${name}}}`);
    // The values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(resolve(MANIFEST_DIR, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

interface BuiltManifest {
  id: string;
  developer: Record<string, string>;
  bots?: { botId?: string }[];
  icons: { color: string; outline: string };
}

export async function buildAppPackage(
  options: {
    botId?: string;
    outFile?: string;
    /** Where MicrosoftAppId and the TEAMS_APP_* values are read (default process.env). */
    env?: Record<string, string | undefined>;
    /** Refuse placeholder ids and URLs (PlaceholderValuesError) instead of building a test package. */
    production?: boolean;
  } = {},
): Promise<{ file: string; manifest: object; placeholders: string[] }> {
  const env = options.env ?? process.env;
  const value = (key: string) => env[key]?.trim() || undefined;
  const botId = options.botId?.trim() || value('MicrosoftAppId') || LOCAL_BOT_ID;
  const file = resolve(options.outFile ?? DEFAULT_OUT_FILE);
  const template = await readFile(TEMPLATE_FILE, 'utf8');
  const manifest = JSON.parse(
    fillTemplate(template, { BOT_ID: botId, APP_VERSION: await packageVersion() }),
  ) as BuiltManifest;
  const templateAppId = manifest.id;
  manifest.id = value('TEAMS_APP_ID') ?? manifest.id;
  const developer: Record<string, string | undefined> = {
    name: value('TEAMS_APP_DEVELOPER_NAME'),
    websiteUrl: value('TEAMS_APP_WEBSITE_URL'),
    privacyUrl: value('TEAMS_APP_PRIVACY_URL'),
    termsOfUseUrl: value('TEAMS_APP_TERMS_URL'),
  };
  for (const [key, v] of Object.entries(developer)) if (v !== undefined) manifest.developer[key] = v;

  const placeholders = placeholderProblems(manifest, templateAppId);
  if (options.production && placeholders.length > 0) throw new PlaceholderValuesError(placeholders);

  const problems = await validateManifest(manifest);
  // The schema does not require a bot; this app is one, so a template that lost it must not ship.
  if (manifest.bots?.[0]?.botId !== botId) problems.push(`/bots/0/botId must be the bot id ${botId}`);
  if (problems.length > 0) throw new ManifestInvalidError(problems);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, await readFile(join(MANIFEST_DIR, icon)), { date: ZIP_DATE });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return { file, manifest, placeholders };
}

const USAGE = 'Gebruik / usage: npm run package [-- --production]';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--production')) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    loadDotEnvFile(process.env);
    const production = args.includes('--production');
    const { file, manifest, placeholders } = await buildAppPackage({ production });
    const m = manifest as BuiltManifest;
    console.log(
      `App-pakket gemaakt / app package built: ${file} (${production ? 'production' : 'test'}; Teams app id ${m.id}, bot id ${m.bots?.[0]?.botId})`,
    );
    if (placeholders.length > 0)
      console.warn(
        `Let op / note: a test package with placeholder values (\`--production\` refuses them):\n${placeholders.map((p) => `  - ${p}`).join('\n')}`,
      );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
