import cron from 'node-cron';
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { AUDIT_MAC_KEY_MIN_LENGTH } from './domain/audit-mac.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ROSTER_FILE = resolve(root, 'db/seed/demo-roster.json');
export const DEFAULT_NORMS_FILE = resolve(root, 'db/seed/norms.json');
export const DEFAULT_HANDOVER_TEMPLATES_FILE = resolve(root, 'db/seed/handover-templates.json');

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const schema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3978)),
  HOST: optionalString,
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default('./data/teammodel.sqlite')),
  ROSTER_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_ROSTER_FILE)),
  NORMS_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_NORMS_FILE)),
  TIMEZONE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('Europe/Amsterdam')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown IANA time zone; use e.g. Europe/Amsterdam'),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  TICK_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('* * * * *')
      .refine((c) => cron.validate(c), 'not a cron expression; e.g. "* * * * *" (every minute)'),
  ),
  DRY_RUN: z.preprocess(emptyToUndefined, z.enum(['0', '1', 'true', 'false']).default('0')),
  /** The app id used for channel threads and proactive sends in local mode (any GUID works in the Agents Playground). */
  LOCAL_BOT_APP_ID: z.preprocess(emptyToUndefined, z.string().default('00000000-0000-0000-0000-000000000b07')),
  /** Comma-separated Entra tenant ids whose activities are served (docs/tenants.md); required in credentials mode. */
  ALLOWED_TENANTS: optionalString,
  /** Signs every audit row (HMAC-SHA256, src/domain/audit-mac.ts); at least 32 characters; never in the database. */
  AUDIT_MAC_KEY: optionalString,
  /**
   * The Graph install (docs/behaviour.md, "Who cannot be reached"): the app's id in the organisation's Teams app
   * catalog turns it on; the tenant, client id and secret default to the bot's own MicrosoftAppTenantId,
   * MicrosoftAppId and MicrosoftAppPassword.
   */
  GRAPH_APP_CATALOG_ID: optionalString,
  GRAPH_TENANT_ID: optionalString,
  GRAPH_CLIENT_ID: optionalString,
  GRAPH_CLIENT_SECRET: optionalString,
});

/** Every setting the bot reads (`.env.example` lists each one; test/cli/env-file.test.ts checks). */
export const CONFIG_KEYS = Object.keys(schema.shape) as ReadonlyArray<keyof typeof schema.shape>;

const CREDENTIAL_KEYS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const;

/** All four credentials together (a managed identity needs no password), or none: checked on the raw environment so
 * that its problems are reported together with every other bad key. */
function credentialProblems(env: Record<string, string | undefined>): string[] {
  const has = (k: string) => (env[k] ?? '').trim() !== '';
  const set = CREDENTIAL_KEYS.filter(has);
  if (set.length === 0) return [];
  const needed =
    env.MicrosoftAppType === 'UserAssignedMSI'
      ? CREDENTIAL_KEYS.filter((k) => k !== 'MicrosoftAppPassword')
      : CREDENTIAL_KEYS;
  return needed
    .filter((k) => !has(k))
    .map(
      (k) =>
        `${k}: missing: credentials mode needs MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and MicrosoftAppType together (leave all four empty for local mode)`,
    );
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ALLOWED_TENANTS as a list (lower case, each once), and what is wrong with it; `required` in credentials mode. */
function allowedTenants(
  raw: string | undefined,
  required: boolean,
): { tenants: string[] | undefined; problems: string[] } {
  if (raw === undefined)
    return {
      tenants: undefined,
      problems: required
        ? [
            'ALLOWED_TENANTS: missing: credentials mode needs the tenant ids (comma-separated) of the organisations whose Teams may reach the bot; see docs/tenants.md',
          ]
        : [],
    };
  const entries = raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const problems = entries
    .filter((t) => !TENANT_ID.test(t))
    .map(
      (t) =>
        `ALLOWED_TENANTS: ${JSON.stringify(t)} is not a tenant id (a GUID, e.g. 11111111-2222-4333-8444-555555555555)`,
    );
  if (entries.length === 0) problems.push('ALLOWED_TENANTS: names no tenant id (leave it empty in local mode)');
  return { tenants: [...new Set(entries.map((t) => t.toLowerCase()))], problems };
}

/** The Graph install's settings, each defaulting to the bot's own credential (docs/behaviour.md), and their problems. */
function graphSettings(env: Record<string, string | undefined>): {
  graph: Config['graph'];
  problems: string[];
} {
  const value = (k: string) => {
    const v = env[k]?.trim();
    return v ? v : undefined;
  };
  const catalogAppId = value('GRAPH_APP_CATALOG_ID');
  const own = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET'].filter((k) => value(k) !== undefined);
  if (catalogAppId === undefined)
    return {
      graph: undefined,
      problems: own.map(
        (k) =>
          `${k}: set without GRAPH_APP_CATALOG_ID, which turns the Graph install on (the app's id in your Teams app catalog; docs/behaviour.md); set it too, or leave ${k} empty`,
      ),
    };
  const tenantId = value('GRAPH_TENANT_ID') ?? value('MicrosoftAppTenantId');
  // A managed identity has no secret: its client id cannot be used with GRAPH_CLIENT_SECRET of another registration.
  const msi = value('MicrosoftAppType') === 'UserAssignedMSI';
  const clientId = value('GRAPH_CLIENT_ID') ?? (msi ? undefined : value('MicrosoftAppId'));
  const clientSecret = value('GRAPH_CLIENT_SECRET') ?? value('MicrosoftAppPassword');
  const problems: string[] = [];
  if (!TENANT_ID.test(catalogAppId))
    problems.push(
      `GRAPH_APP_CATALOG_ID: ${JSON.stringify(catalogAppId)} is not an app id (a GUID; Teams admin center → Teams apps → Manage apps → the app → App ID)`,
    );
  if (tenantId === undefined)
    problems.push(
      'GRAPH_TENANT_ID: missing: the Graph install needs a tenant (GRAPH_TENANT_ID or MicrosoftAppTenantId)',
    );
  else if (!TENANT_ID.test(tenantId))
    problems.push(`GRAPH_TENANT_ID: ${JSON.stringify(tenantId)} is not a tenant id (a GUID)`);
  if (clientId === undefined)
    problems.push(
      msi
        ? 'GRAPH_CLIENT_ID: missing: with a managed identity the Graph install needs an app registration of its own (GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET)'
        : 'GRAPH_CLIENT_ID: missing: the Graph install needs an app registration (GRAPH_CLIENT_ID or MicrosoftAppId)',
    );
  if (clientSecret === undefined)
    problems.push(
      'GRAPH_CLIENT_SECRET: missing: the Graph install needs a client secret (GRAPH_CLIENT_SECRET, or MicrosoftAppPassword of a SingleTenant bot; a managed identity has none); its value is never shown',
    );
  return problems.length === 0
    ? { graph: { catalogAppId, tenantId: tenantId!, clientId: clientId!, clientSecret: clientSecret! }, problems }
    : { graph: undefined, problems };
}

/** Whether the credentials present are a complete set, i.e. the bot would start in credentials mode. */
function credentialsComplete(env: Record<string, string | undefined>): boolean {
  const has = (k: string) => (env[k] ?? '').trim() !== '';
  return CREDENTIAL_KEYS.some(has) && credentialProblems(env).length === 0;
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  rosterFile: string;
  normsFile: string;
  timezone: string;
  logLevel: string;
  tickCron: string;
  dryRun: boolean;
  /** Undefined in local mode (no credentials). */
  credentials?: {
    appId: string;
    appPassword?: string;
    tenantId: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  };
  botAppId: string;
  localMode: boolean;
  /**
   * The tenants whose activities are served (lower case): any other is refused with 403 before a handler runs.
   * Always set in credentials mode; undefined in local mode unless ALLOWED_TENANTS is set.
   */
  allowedTenants?: readonly string[];
  /** AUDIT_MAC_KEY: the key of the audit rows' MACs; always set in credentials mode; undefined = rows without MAC. */
  auditMacKey?: string;
  /** The Graph install of the Teams app for roster members the bot cannot reach yet; undefined = off. */
  graph?: { catalogAppId: string; tenantId: string; clientId: string; clientSecret: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuratie ongeldig / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting and its default.`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads `.env` (default: the one in the working directory) into `env` when the file exists, with Node's own parser
 * (the one behind `node --env-file` and `process.loadEnvFile`: KEY=value lines, # comments, quotes). A variable that is
 * already set wins, so the shell, systemd's Environment/EnvironmentFile and `docker run -e` override the file.
 * Returns the file it read, or undefined when there is none.
 */
export function loadDotEnvFile(
  env: Record<string, string | undefined> = process.env,
  file: string = resolve('.env'),
): string | undefined {
  if (!existsSync(file)) return undefined;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8'))))
    if (env[key] === undefined && value !== undefined) env[key] = value;
  return file;
}

/**
 * AUDIT_MAC_KEY: required in credentials mode, where the audit log is evidence (without MACs a log rewritten with its
 * hash chain recomputed passes every check); optional in local mode. Checked here, not in the schema: a schema
 * problem prints the value, and this one is a secret.
 */
function auditMacKeyProblems(key: string | undefined, credentials: boolean): string[] {
  const set = typeof key === 'string' && key.trim() !== '';
  if (!set && credentials)
    return [
      "AUDIT_MAC_KEY: missing: credentials mode needs the key of the audit log's MACs, so that a rewritten audit log is detected (generate one with `openssl rand -base64 48`, keep it outside the database and its backups; docs/deploy.md)",
    ];
  if (set && key.length < AUDIT_MAC_KEY_MIN_LENGTH)
    return [
      `AUDIT_MAC_KEY: too short: at least ${AUDIT_MAC_KEY_MIN_LENGTH} characters (generate one with \`openssl rand -base64 48\`); its value is not shown`,
    ];
  return [];
}

/** Reads the configuration from the environment; throws one ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const wouldBeCredentials = credentialsComplete(env);
  const tenants = allowedTenants(
    typeof env.ALLOWED_TENANTS === 'string' && env.ALLOWED_TENANTS.trim() !== '' ? env.ALLOWED_TENANTS : undefined,
    wouldBeCredentials,
  );
  const graph = graphSettings(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map(
          (i) => `${i.path.join('.') || '(env)'}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])] ?? null)})`,
        )),
    ...credentialProblems(env),
    ...tenants.problems,
    // Checked here, not in the schema: a schema problem prints the value, and this one is a secret.
    ...auditMacKeyProblems(env.AUDIT_MAC_KEY, wouldBeCredentials),
    ...graph.problems,
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const credentials =
    e.MicrosoftAppId && e.MicrosoftAppTenantId && e.MicrosoftAppType
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          tenantId: e.MicrosoftAppTenantId,
          appType: e.MicrosoftAppType,
        }
      : undefined;
  return {
    port: e.PORT,
    host: credentials ? (e.HOST ?? '0.0.0.0') : '127.0.0.1',
    databasePath: e.DATABASE_PATH,
    rosterFile: e.ROSTER_FILE,
    normsFile: e.NORMS_FILE,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    tickCron: e.TICK_CRON,
    dryRun: e.DRY_RUN === '1' || e.DRY_RUN === 'true',
    credentials,
    botAppId: credentials?.appId ?? e.LOCAL_BOT_APP_ID,
    localMode: !credentials,
    ...(tenants.tenants ? { allowedTenants: tenants.tenants } : {}),
    ...(e.AUDIT_MAC_KEY ? { auditMacKey: e.AUDIT_MAC_KEY } : {}),
    ...(graph.graph ? { graph: graph.graph } : {}),
  };
}
