/**
 * Builds the Teams app package manifest/build/teammodel.zip: manifest.json (the template filled in), color.png and
 * outline.png at the root of the zip, as Teams expects. Validates the manifest offline first and refuses to write an
 * invalid package. Run with `npm run package` (bot id from MicrosoftAppId, else the local GUID).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { validateManifest } from './validate-manifest.js';

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

export async function buildAppPackage(
  options: { botId?: string; outFile?: string } = {},
): Promise<{ file: string; manifest: object }> {
  const botId = options.botId?.trim() || process.env.MicrosoftAppId?.trim() || LOCAL_BOT_ID;
  const file = resolve(options.outFile ?? DEFAULT_OUT_FILE);
  const template = await readFile(TEMPLATE_FILE, 'utf8');
  const manifest = JSON.parse(fillTemplate(template, { BOT_ID: botId, APP_VERSION: await packageVersion() })) as {
    bots?: { botId?: string }[];
    icons: { color: string; outline: string };
  };

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
  return { file, manifest };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { file, manifest } = await buildAppPackage();
    const botId = (manifest as { bots: { botId: string }[] }).bots[0]!.botId;
    console.log(`App-pakket gemaakt / app package built: ${file} (bot id ${botId})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
