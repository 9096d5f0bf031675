/**
 * Offline validation of a Teams app manifest against the official JSON schema that @microsoft/app-manifest bundles.
 * We load the bundled schema file ourselves and hand it to AppManifestUtils.validateAgainstSchema: given a schema,
 * that function never fetches one, so validation works without a network (@microsoft/teams-manifest's validateManifest
 * downloads the schema and fails here).
 */
import { createRequire } from 'node:module';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import appManifest from '@microsoft/app-manifest';

const { AppManifestUtils } = appManifest;
const require = createRequire(import.meta.url);
const SCHEMA_ROOT = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);
/** developer.microsoft.com/[locale/]json-schemas/teams/v1.30/MicrosoftTeams.schema.json → "v1.30". */
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[\w.]+)\/MicrosoftTeams\.schema\.json$/i;
/** Teams requires x.y.z for the app version (Developer Portal and store validation); recent schemas no longer check it. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Schema versions bundled by @microsoft/app-manifest, e.g. ["v1.0", …, "v1.30", "vDevPreview"]. */
export async function bundledSchemaVersions(): Promise<string[]> {
  return (await readdir(SCHEMA_ROOT)).filter((name) =>
    existsSync(join(SCHEMA_ROOT, name, 'MicrosoftTeams.schema.json')),
  );
}

function schemaFolderFor(manifest: Record<string, unknown>): { folder?: string; problem?: string } {
  const url = manifest.$schema;
  if (typeof url === 'string') {
    const match = SCHEMA_URL.exec(url);
    if (!match)
      return {
        problem: `/$schema is not an official Teams schema URL (https://developer.microsoft.com/json-schemas/teams/v<version>/MicrosoftTeams.schema.json): ${url}`,
      };
    return { folder: match[1]!.toLowerCase() === 'vdevpreview' ? 'vDevPreview' : match[1]!.toLowerCase() };
  }
  const version = manifest.manifestVersion;
  if (typeof version === 'string') return { folder: version === 'devPreview' ? 'vDevPreview' : `v${version}` };
  return { problem: "(root) must have required property '$schema' or 'manifestVersion'" };
}

/**
 * Validates a Teams manifest offline. Returns one readable line per problem ("<json path> <message>"); [] when valid.
 * Besides the schema it checks the two rules Teams enforces that the schema does not: $schema and manifestVersion agree,
 * and the app version is x.y.z.
 */
export async function validateManifest(manifest: object): Promise<string[]> {
  const m = manifest as Record<string, unknown>;
  const { folder, problem } = schemaFolderFor(m);
  if (!folder) return [problem!];
  const file = join(SCHEMA_ROOT, folder, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) {
    return [
      `/$schema no bundled schema for ${folder} in @microsoft/app-manifest (have: ${(await bundledSchemaVersions()).join(', ')})`,
    ];
  }
  // Same cleanup as AppManifestUtils.fetchSchema: some schema files contain \a and \v escapes that JSON.parse rejects.
  const schema = JSON.parse((await readFile(file, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
  // ajv reports problems at the top level with an empty path; name it so the line does not start with a blank.
  const errors = (await AppManifestUtils.validateAgainstSchema(m as never, schema)).map((e) =>
    e.startsWith(' ') ? `(root)${e}` : e,
  );

  const extra: string[] = [];
  const expectedVersion = folder === 'vDevPreview' ? 'devPreview' : folder.slice(1);
  if (typeof m.manifestVersion === 'string' && m.manifestVersion !== expectedVersion) {
    extra.push(`/manifestVersion "${m.manifestVersion}" does not match the $schema version "${expectedVersion}"`);
  }
  if (typeof m.version === 'string' && !SEMVER.test(m.version)) {
    extra.push(`/version must be a semantic version x.y.z (Teams rejects "${m.version}")`);
  }
  return [...errors, ...extra];
}
