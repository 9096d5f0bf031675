import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bindMember } from '../../src/app/bind-member.js';
import { installAppForUnreachable, type InstallAppOptions } from '../../src/app/install-app-for-unreachable.js';
import { createGraphAppInstaller } from '../../src/adapters/graph/create-graph-app-installer.js';
import { createMemberBindingStore } from '../../src/adapters/sqlite/member-binding-store.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createRecordingLogger } from '../support/start-test-bot.js';
import {
  FAKE_CATALOG_APP,
  FAKE_CLIENT,
  FAKE_SECRET,
  FAKE_TENANT,
  startFakeGraph,
  type FakeGraph,
} from '../support/fake-graph.js';
import { closedAfterEach, demoRosterWith, type TestContext } from './test-context.js';

// Issue 18 item 2, part 3: with Graph settings the bot installs the Teams app for roster members it has no chat with
// (POST /users/{id}/teamwork/installedApps), against a local fake Graph over HTTP; without them nothing changes.

const context = closedAfterEach();
const GUEST = 'bbbbbbbb-1111-4000-8000-000000000018';
const DAY = 24 * 60 * 60 * 1000;

/** Eight people of Arnhem: lt-arn and vt-arn with their lead chains, and the pilot coordinator. */
const smallRoster = () =>
  demoRosterWith((r) => {
    const keep = [
      'lt-arn',
      'lead-lt-arn',
      'mgr-lt-arn',
      'dir-lt',
      'vt-arn',
      'lead-vt-1',
      'mgr-vt',
      'dir-vt',
      'coord-arn',
    ];
    r.members = r.members.filter((m) => keep.includes(m.id));
    r.fixedTeams = { Arnhem: { LT: 'lt-arn', VT: 'vt-arn' } };
    for (const m of r.members) delete m.deputy;
    const vt = r.members.find((m) => m.id === 'vt-arn')!;
    delete vt.aadObjectId; // a guest: known by e-mail, bound in the host tenant
    const dirVt = r.members.find((m) => m.id === 'dir-vt')!;
    delete dirVt.aadObjectId; // known by UPN only
    dirVt.upn = 'dir-vt@vt.example';
    const mgrVt = r.members.find((m) => m.id === 'mgr-vt')!;
    delete mgrVt.aadObjectId; // e-mail only, never seen: no id Graph knows
  });

const aad = (c: TestContext, id: string) => c.ctx.roster.member(id)!.aadObjectId!;

function arnhem(c: TestContext): void {
  c.ctx.roster = smallRoster();
  c.ctx.logger = createRecordingLogger();
  // lt-arn has a chat with the bot: nothing to install.
  c.ctx.conversations.save(
    `user:${aad(c, 'lt-arn')}`,
    { serviceUrl: 'https://smba.example/emea/', conversation: { id: 'a:lt' } },
    0,
  );
  bindMember(c.ctx, createMemberBindingStore(c.database.db), {
    tenantId: FAKE_TENANT,
    aadObjectId: GUEST,
    serviceUrl: 'https://smba.example/emea/',
    account: { email: 'vt-arn@demo.teammodel.invalid' },
  });
}

const installedRows = (c: TestContext) =>
  c.database.sqlite
    .prepare(`SELECT actor, action, case_id AS caseId, details FROM audit_log WHERE action = 'member.app_installed'`)
    .all() as Array<{ actor: string; action: string; caseId: null; details: string }>;

describe('installing the Teams app through Graph', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await startFakeGraph();
  });
  afterAll(async () => {
    await graph?.close();
  });
  beforeEach(() => graph.reset());

  const installer = (secret = FAKE_SECRET) =>
    createGraphAppInstaller({
      tenantId: FAKE_TENANT,
      clientId: FAKE_CLIENT,
      clientSecret: secret,
      catalogAppId: FAKE_CATALOG_APP,
      graphUrl: graph.graphUrl,
      loginUrl: graph.loginUrl,
    });
  const options = (o: Partial<InstallAppOptions> = {}): InstallAppOptions => ({
    tenantId: FAKE_TENANT,
    tried: new Map(),
    retryAfterMs: DAY,
    ...o,
  });

  it('installs for everyone without a chat, by the id Graph knows them by, once per person; each install on record', async () => {
    const c = context();
    arnhem(c);
    graph.knowUsers(
      GUEST,
      'dir-vt@vt.example',
      ...['lead-lt-arn', 'mgr-lt-arn', 'lead-vt-1', 'coord-arn'].map((id) => aad(c, id)),
    );
    graph.installed.add(aad(c, 'lead-vt-1')); // the app was installed for this lead already
    const report = await installAppForUnreachable(c.ctx, installer(), options());
    expect(report).toEqual({
      installed: ['dir-vt', 'mgr-lt-arn', 'lead-lt-arn', 'vt-arn', 'coord-arn'],
      alreadyInstalled: ['lead-vt-1'],
      notFound: ['dir-lt'], // not in the fake tenant
      failed: [],
      wouldInstall: [],
    });
    // lt-arn has a chat; mgr-vt has only an e-mail address, which is no user id: neither was tried.
    expect(graph.installsFor()).toEqual([
      'dir-vt@vt.example', // by UPN
      aad(c, 'lead-vt-1'),
      aad(c, 'dir-lt'),
      aad(c, 'mgr-lt-arn'),
      aad(c, 'lead-lt-arn'),
      GUEST, // vt-arn by the object id of her binding in the tenant
      aad(c, 'coord-arn'),
    ]);
    // One token (client credentials, cached), then each install with it, as JSON binding the catalog app.
    const tokenCalls = graph.calls.filter((x) => x.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenCalls).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(tokenCalls[0]!.body))).toEqual({
      client_id: FAKE_CLIENT,
      client_secret: FAKE_SECRET,
      scope: 'http://127.0.0.1:' + new URL(graph.graphUrl).port + '/.default',
      grant_type: 'client_credentials',
    });
    const install = graph.calls.find((x) => x.path.includes('/teamwork/installedApps'))!;
    expect(install).toMatchObject({
      method: 'POST',
      authorization: 'Bearer fake-token-1',
      contentType: 'application/json',
    });
    expect(JSON.parse(install.body)).toEqual({
      'teamsApp@odata.bind': `${graph.graphUrl}/appCatalogs/teamsApps/${FAKE_CATALOG_APP}`,
    });
    expect(installedRows(c).map((r) => [r.actor, r.caseId, JSON.parse(r.details)])).toEqual(
      report.installed.map((m) => ['teammodel-bot', null, { member: m }]),
    );
  });

  it('tries a person again only after a day; someone whose chat Teams reported meanwhile is left alone', async () => {
    const c = context();
    arnhem(c);
    graph.knowUsers(aad(c, 'coord-arn'));
    const tried = new Map<string, number>();
    await installAppForUnreachable(c.ctx, installer(), options({ tried }));
    const first = graph.installsFor().length;
    expect(first).toBe(7);
    await installAppForUnreachable(c.ctx, installer(), options({ tried }));
    expect(graph.installsFor()).toHaveLength(first); // nobody again within the day
    // Teams told the bot of the install for coord-arn: its 1:1 chat is known now.
    c.ctx.conversations.save(
      `user:${aad(c, 'coord-arn')}`,
      { serviceUrl: 'https://x/', conversation: { id: 'a:c' } },
      0,
    );
    c.setNow(c.ctx.clock.now() + DAY);
    const again = await installAppForUnreachable(c.ctx, installer(), options({ tried }));
    expect(graph.installsFor().slice(first)).not.toContain(aad(c, 'coord-arn'));
    expect(graph.installsFor().slice(first)).toHaveLength(6);
    expect(again.installed).toEqual([]);
  });

  it('stops at a missing permission (403) and at throttling (429), and tries those people again next time', async () => {
    const c = context();
    arnhem(c);
    graph.knowUsers(...['lead-lt-arn', 'mgr-lt-arn'].map((id) => aad(c, id)));
    const tried = new Map<string, number>();
    graph.failNext(1, 403);
    const refused = await installAppForUnreachable(c.ctx, installer(), options({ tried }));
    expect(refused).toMatchObject({ installed: [], stopped: 'not_allowed' });
    expect(graph.installsFor()).toHaveLength(1);
    expect(tried.size).toBe(0);
    const logger = c.ctx.logger as ReturnType<typeof createRecordingLogger>;
    expect(logger.records.find((r) => r.level === 'error')).toMatchObject({
      obj: { status: 403, code: 'Forbidden' },
      msg: expect.stringContaining('TeamsAppInstallation.ReadWriteForUser.All'),
    });
    graph.failNext(1, 429, 7);
    expect(await installAppForUnreachable(c.ctx, installer(), options({ tried }))).toMatchObject({
      stopped: 'retry_later',
    });
    expect(logger.records.at(-1)).toMatchObject({ level: 'warn', obj: { status: 429, retryAfterMs: 7000 } });
    const third = await installAppForUnreachable(c.ctx, installer(), options({ tried }));
    expect(third.installed).toEqual(['mgr-lt-arn', 'lead-lt-arn']);
  });

  it('a wrong client secret installs nothing: the token endpoint refuses it', async () => {
    const c = context();
    arnhem(c);
    const report = await installAppForUnreachable(c.ctx, installer('wrong'), options());
    expect(report.stopped).toBe('not_allowed');
    expect(graph.installsFor()).toEqual([]);
  });

  it('DRY_RUN logs whom it would install for and calls nothing; the cap keeps a run small', async () => {
    const c = context();
    arnhem(c);
    const dry = await installAppForUnreachable(c.ctx, installer(), options({ dryRun: true }));
    expect(dry.wouldInstall).toEqual([
      'dir-vt',
      'lead-vt-1',
      'dir-lt',
      'mgr-lt-arn',
      'lead-lt-arn',
      'vt-arn',
      'coord-arn',
    ]);
    expect(graph.calls).toEqual([]);
    expect(installedRows(c)).toEqual([]);
    graph.knowUsers('dir-vt@vt.example', aad(c, 'lead-vt-1'));
    const capped = await installAppForUnreachable(c.ctx, installer(), options({ max: 2 }));
    expect(capped.installed).toEqual(['dir-vt', 'lead-vt-1']);
    expect(graph.installsFor()).toHaveLength(2);
  });
});

describe('the Graph install settings', () => {
  const CREDENTIALS = {
    MicrosoftAppId: FAKE_CLIENT,
    MicrosoftAppPassword: FAKE_SECRET,
    MicrosoftAppTenantId: FAKE_TENANT,
    MicrosoftAppType: 'SingleTenant',
    AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
    ALLOWED_TENANTS: FAKE_TENANT,
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('are off without GRAPH_APP_CATALOG_ID: nothing changes', () => {
    expect(loadConfig({}).graph).toBeUndefined();
    expect(loadConfig(CREDENTIALS).graph).toBeUndefined();
  });

  it("reuse the bot's own credentials, or take their own", () => {
    expect(loadConfig({ ...CREDENTIALS, GRAPH_APP_CATALOG_ID: FAKE_CATALOG_APP }).graph).toEqual({
      catalogAppId: FAKE_CATALOG_APP,
      tenantId: FAKE_TENANT,
      clientId: FAKE_CLIENT,
      clientSecret: FAKE_SECRET,
    });
    const own = {
      GRAPH_APP_CATALOG_ID: FAKE_CATALOG_APP,
      GRAPH_TENANT_ID: 'bbbbbbbb-0000-4000-8000-00000000000b',
      GRAPH_CLIENT_ID: 'cccccccc-0000-4000-8000-00000000000c',
      GRAPH_CLIENT_SECRET: 'another-secret',
    };
    expect(loadConfig(own).graph).toEqual({
      catalogAppId: FAKE_CATALOG_APP,
      tenantId: own.GRAPH_TENANT_ID,
      clientId: own.GRAPH_CLIENT_ID,
      clientSecret: 'another-secret',
    });
  });

  it('name every missing or malformed key, and never print a secret', () => {
    expect(problems({ GRAPH_APP_CATALOG_ID: FAKE_CATALOG_APP }).map((p) => p.split(':')[0])).toEqual([
      'GRAPH_TENANT_ID',
      'GRAPH_CLIENT_ID',
      'GRAPH_CLIENT_SECRET',
    ]);
    expect(problems({ GRAPH_CLIENT_SECRET: 'zeer-geheim' })).toEqual([
      expect.stringMatching(/^GRAPH_CLIENT_SECRET: set without GRAPH_APP_CATALOG_ID/),
    ]);
    expect(JSON.stringify(problems({ GRAPH_CLIENT_SECRET: 'zeer-geheim' }))).not.toContain('zeer-geheim');
    expect(problems({ ...CREDENTIALS, GRAPH_APP_CATALOG_ID: 'teammodel' })).toEqual([
      expect.stringMatching(/^GRAPH_APP_CATALOG_ID: "teammodel" is not an app id/),
    ]);
    // A managed identity has no secret and its client id is no app registration with one.
    const msi = { ...CREDENTIALS, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: '' };
    expect(problems({ ...msi, GRAPH_APP_CATALOG_ID: FAKE_CATALOG_APP, GRAPH_CLIENT_SECRET: 's' })).toEqual([
      expect.stringMatching(/^GRAPH_CLIENT_ID: missing: with a managed identity/),
    ]);
  });
});
