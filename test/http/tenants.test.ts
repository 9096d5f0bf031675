import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_ROSTER_TEXT, TURN_ERROR_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { userRefKey } from '../../src/adapters/teams/conversation-ref-keys.js';
import { enqueueNotification } from '../../src/app/enqueue-notification.js';
import { DEFAULT_ROSTER_FILE } from '../../src/config.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';
import {
  channelMessage,
  installationUpdate,
  personalConversationId,
  personalMessage,
  TEAM_ID,
  TENANT_ID,
  type Person,
  type TeamsActivity,
} from '../support/teams-activity.js';

// Issue 18, "Tenants and guests" (docs/tenants.md), over HTTP with two fake Bot Connectors, one per tenant:
// tenant A hosts the pilot's team and has a guest; tenant B is an organisation with the app in its own tenant.
// People the roster knows by e-mail or UPN only are bound on first contact (TeamsInfo.getMember, the connector's
// members endpoint) and reached proactively in their own tenant, at their own service URL; any other tenant gets 403.

const TENANT_A = TENANT_ID;
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const TENANT_C = 'cccccccc-0000-4000-8000-00000000000c';

/** Veilig Thuis works in its own tenant B: Roos (vt-arn) in her 1:1 chat, Carla (lead-vt-1) in a team channel there. */
const vtB: Person = { aadObjectId: 'bbbbbbbb-1111-4000-8000-000000000018', name: 'Roos de Graaf (fictief)' };
const leadVtB: Person = { aadObjectId: 'bbbbbbbb-1111-4000-8000-000000000003', name: 'Carla Dekker (fictief)' };
/** Sem of the GI is a B2B guest in host tenant A: another object id there, and a #EXT# UPN. */
const giGuest: Person = { aadObjectId: 'aaaaaaaa-9999-4000-8000-000000000019', name: 'Sem Jansen (fictief)' };
/** Tess of the Raad in tenant A, known by e-mail only: the app is installed for her before she ever types. */
const rvdkA: Person = { aadObjectId: 'aaaaaaaa-9999-4000-8000-000000000020', name: 'Tess de Groot (fictief)' };
/** Someone in tenant A whom Teams cannot be asked about (the members endpoint fails). */
const unlucky: Person = { aadObjectId: 'aaaaaaaa-9999-4000-8000-0000000000ff', name: 'Pech Gehad (fictief)' };
/** Someone of an organisation that is not in ALLOWED_TENANTS. */
const outsider: Person = { aadObjectId: 'cccccccc-1111-4000-8000-000000000001', name: 'Buiten Staander (fictief)' };

const userId = (p: Person) => `29:user-${p.aadObjectId}`;

function inTenant(a: TeamsActivity, tenant: string | undefined): TeamsActivity {
  if (tenant === undefined) {
    delete a.conversation.tenantId;
    delete a.channelData.tenant;
  } else {
    a.conversation.tenantId = tenant;
    a.channelData.tenant = { id: tenant };
  }
  return a;
}

type RosterJson = { members: Array<Record<string, unknown>>; fixedTeams: Record<string, unknown> };

/** The demo roster with vt-arn, gi-arn and rvdk-arn known by e-mail only, and lead-vt-1 by a UPN of tenant B. */
function tenantsRoster(): RosterJson {
  const roster = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterJson;
  const member = (id: string) => roster.members.find((m) => m.id === id)!;
  delete member('vt-arn').aadObjectId;
  delete member('gi-arn').aadObjectId;
  delete member('lead-vt-1').aadObjectId;
  delete member('rvdk-arn').aadObjectId;
  member('lead-vt-1').upn = 'Carla.Dekker@vt-b.example';
  return roster;
}

describe('two tenants and a guest', () => {
  let t: TestBot;
  let connB: FakeConnector;
  let rosterDir: string;
  const sql = <T>(query: string, ...params: unknown[]) => t.bot.database.sqlite.prepare(query).all(...params) as T[];
  const bindingRows = () =>
    sql<{ tenant_id: string; aad_object_id: string; member_id: string }>(
      'SELECT tenant_id, aad_object_id, member_id FROM member_bindings ORDER BY member_id',
    );
  const boundAudit = () =>
    sql<{ actor: string; details: string }>(`SELECT actor, details FROM audit_log WHERE action = 'member.bound'`).map(
      (r) => ({ actor: r.actor, details: JSON.parse(r.details) as Record<string, unknown> }),
    );
  const membersLookups = (c: FakeConnector) =>
    c.requests.filter((r) => r.method === 'GET' && r.path.includes('/members/'));
  /** What a person was sent in their 1:1 chat (teams-ai's "typing" after a slow second is no answer). */
  const textsTo = (c: FakeConnector, p: Person) =>
    c
      .activitiesTo(personalConversationId(p))
      .filter((a) => a.type !== 'typing')
      .map((a) => (typeof a.text === 'string' ? a.text : '(card)'));

  beforeAll(async () => {
    connB = await startFakeConnector();
    rosterDir = mkdtempSync(join(tmpdir(), 'teammodel-tenants-'));
    const rosterFile = join(rosterDir, 'roster.json');
    writeFileSync(rosterFile, JSON.stringify(tenantsRoster()));
    t = await startTestBot({
      env: { ROSTER_FILE: rosterFile, ALLOWED_TENANTS: `${TENANT_A.toUpperCase()}, ${TENANT_B}` },
      scheduler: false,
      outbox: { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 },
    });
    // What each tenant's Teams says about its people (GET /v3/conversations/{id}/members/{userId}).
    connB.setDirectory([
      {
        id: userId(vtB),
        aadObjectId: vtB.aadObjectId,
        name: vtB.name,
        email: 'VT-ARN@demo.teammodel.invalid',
        userPrincipalName: 'roos.degraaf@vt-b.example',
        tenantId: TENANT_B,
      },
      {
        id: userId(leadVtB),
        aadObjectId: leadVtB.aadObjectId,
        name: leadVtB.name,
        email: 'c.dekker@vt-b.example',
        userPrincipalName: 'carla.dekker@vt-b.example',
        tenantId: TENANT_B,
      },
    ]);
    t.connector.setDirectory([
      {
        id: userId(giGuest),
        aadObjectId: giGuest.aadObjectId,
        name: giGuest.name,
        userPrincipalName: 'gi-arn_demo.teammodel.invalid#EXT#@gastheer.onmicrosoft.com',
        tenantId: TENANT_A,
      },
      {
        id: userId(rvdkA),
        aadObjectId: rvdkA.aadObjectId,
        name: rvdkA.name,
        email: 'rvdk-arn@demo.teammodel.invalid',
        userPrincipalName: 'rvdk-arn@demo.teammodel.invalid',
        tenantId: TENANT_A,
      },
      {
        id: userId(DEMO.stranger),
        aadObjectId: DEMO.stranger.aadObjectId,
        name: DEMO.stranger.name,
        email: 'niet.in.rooster@elders.example',
        userPrincipalName: 'niet.in.rooster@elders.example',
        tenantId: TENANT_A,
      },
    ]);
  });
  afterAll(async () => {
    await t?.stop();
    await connB?.close();
    if (rosterDir) rmSync(rosterDir, { recursive: true, force: true });
  });

  it('binds a person of tenant B by e-mail on first contact, with an audit row of ids only; then knows them', async () => {
    const first = await t.post(
      inTenant(personalMessage('mijn casussen', { from: vtB, serviceUrl: connB.url }), TENANT_B),
    );
    expect(first.status).toBe(200);
    expect(membersLookups(connB).map((r) => r.path)).toEqual([
      `/v3/conversations/${encodeURIComponent(personalConversationId(vtB))}/members/${encodeURIComponent(userId(vtB))}`,
    ]);
    const answers = textsTo(connB, vtB);
    expect(answers).toHaveLength(1);
    expect(answers[0]).not.toBe(NOT_IN_ROSTER_TEXT);
    expect(answers[0]).not.toBe(TURN_ERROR_TEXT);
    expect(bindingRows()).toEqual([{ tenant_id: TENANT_B, aad_object_id: vtB.aadObjectId, member_id: 'vt-arn' }]);
    expect(boundAudit()).toEqual([
      { actor: 'teammodel-bot', details: { member: 'vt-arn', tenant: TENANT_B, via: 'email' } },
    ]);
    expect(
      t.logger.records.some((r) => JSON.stringify(r).includes('@') || JSON.stringify(r).includes('mijn casussen')),
    ).toBe(false);
    // Their 1:1 chat is kept with their own tenant and service URL.
    expect(t.bot.ctx.conversations.get(userRefKey(vtB.aadObjectId))).toMatchObject({
      serviceUrl: connB.url,
      conversation: { id: personalConversationId(vtB), tenantId: TENANT_B },
    });

    // The next turn uses the binding: Teams is not asked again.
    await t.post(inTenant(personalMessage('hulp', { from: vtB, serviceUrl: connB.url }), TENANT_B));
    expect(membersLookups(connB)).toHaveLength(1);
    expect(textsTo(connB, vtB)).toHaveLength(2);
    expect(textsTo(connB, vtB)[1]).not.toBe(NOT_IN_ROSTER_TEXT);
    expect(t.connector.requests).toHaveLength(0); // nothing went to tenant A's connector
  });

  it('binds a B2B guest in the host tenant by the home address in their #EXT# UPN', async () => {
    await t.post(inTenant(personalMessage('hulp', { from: giGuest, serviceUrl: t.connector.url }), TENANT_A));
    expect(textsTo(t.connector, giGuest)).toHaveLength(1);
    expect(textsTo(t.connector, giGuest)[0]).not.toBe(NOT_IN_ROSTER_TEXT);
    expect(bindingRows()).toContainEqual({
      tenant_id: TENANT_A,
      aad_object_id: giGuest.aadObjectId,
      member_id: 'gi-arn',
    });
    expect(boundAudit().at(-1)).toEqual({
      actor: 'teammodel-bot',
      details: { member: 'gi-arn', tenant: TENANT_A, via: 'guest_upn' },
    });
  });

  it('binds someone when the app is installed for them, so that the bot can reach them before they type', async () => {
    await t.post(
      inTenant(installationUpdate({ from: rvdkA, serviceUrl: t.connector.url, scope: 'personal' }), TENANT_A),
    );
    expect(bindingRows()).toContainEqual({
      tenant_id: TENANT_A,
      aad_object_id: rvdkA.aadObjectId,
      member_id: 'rvdk-arn',
    });
    expect(boundAudit().at(-1)!.details).toEqual({ member: 'rvdk-arn', tenant: TENANT_A, via: 'email' });
    expect(textsTo(t.connector, rvdkA)).not.toContain(NOT_IN_ROSTER_TEXT);
  });

  it('answers someone whose e-mail matches no roster entry with "not in the roster", and binds nothing', async () => {
    const bindingsBefore = bindingRows();
    const auditBefore = boundAudit();
    await t.post(
      inTenant(personalMessage('mijn casussen', { from: DEMO.stranger, serviceUrl: t.connector.url }), TENANT_A),
    );
    expect(textsTo(t.connector, DEMO.stranger)).toEqual([NOT_IN_ROSTER_TEXT]);
    expect(membersLookups(t.connector).some((r) => r.conversationId === personalConversationId(DEMO.stranger))).toBe(
      true,
    );
    expect(bindingRows()).toEqual(bindingsBefore);
    expect(boundAudit()).toEqual(auditBefore);
    expect(t.logger.records.some((r) => (r.obj as { outcome?: string }).outcome === 'member_not_in_roster')).toBe(true);
  });

  it('answers the same, logs without content and binds nothing when Teams cannot be asked who someone is', async () => {
    const bindingsBefore = bindingRows();
    t.connector.failNext(
      10,
      { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'roster of secrets' } } },
      { conversationId: personalConversationId(unlucky), method: 'GET' },
    );
    const res = await t.post(
      inTenant(personalMessage('mijn casussen', { from: unlucky, serviceUrl: t.connector.url }), TENANT_A),
    );
    expect(res.status).toBe(200);
    expect(textsTo(t.connector, unlucky)).toEqual([NOT_IN_ROSTER_TEXT]);
    expect(bindingRows()).toEqual(bindingsBefore);
    const failed = t.logger.records.filter((r) => (r.obj as { outcome?: string }).outcome === 'member_lookup_failed');
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed)).not.toMatch(/secrets|mijn casussen|Pech/);
  });

  it('refuses an activity from a tenant that is not allowed with 403, before anything runs or is stored', async () => {
    const count = (table: string) => sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)[0]!.n;
    const before = {
      refs: count('conversation_refs'),
      bindings: count('member_bindings'),
      audit: count('audit_log'),
      requestsA: t.connector.requests.length,
      requestsB: connB.requests.length,
    };
    const refused = [
      inTenant(personalMessage('mijn casussen', { from: outsider, serviceUrl: t.connector.url }), TENANT_C),
      inTenant(installationUpdate({ from: outsider, serviceUrl: t.connector.url, scope: 'personal' }), TENANT_C),
      // A roster member's object id does not help from another tenant.
      inTenant(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }), TENANT_C),
      // Both tenant fields must be allowed; an activity naming no tenant is refused too.
      {
        ...inTenant(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }), TENANT_A),
        conversation: { conversationType: 'personal', id: 'a:x', tenantId: TENANT_C },
      },
      inTenant(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }), undefined),
    ];
    for (const activity of refused) {
      const res = await t.post(activity);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'tenant_not_allowed' });
    }
    expect({
      refs: count('conversation_refs'),
      bindings: count('member_bindings'),
      audit: count('audit_log'),
      requestsA: t.connector.requests.length,
      requestsB: connB.requests.length,
    }).toEqual(before);
    const logged = t.logger.records.filter((r) => r.msg === 'rejected activity: tenant not allowed');
    expect(logged).toHaveLength(refused.length);
    expect(logged[0]!.obj).toMatchObject({ status: 403, reason: 'tenant_not_allowed', tenants: [TENANT_C] });
    expect(logged.at(-1)!.obj).toMatchObject({ reason: 'no_tenant' });
    expect(JSON.stringify(logged)).not.toMatch(/mijn casussen|hulp|Buiten|Pien/);
  });

  describe('proactive messages reach each person in their own tenant', () => {
    const notify = (memberId: string) => {
      const ctx = t.bot.ctx;
      ctx.store.transaction(() =>
        enqueueNotification(ctx, {
          caseId: null,
          recipients: [memberId],
          payload: { kind: 'notice', notice: 'unreachable', member: 'lt-arn', caseRef: null, about: null },
          urgent: true,
        }),
      );
      ctx.onOutbox?.();
    };

    it("goes to the stored 1:1 chat of a tenant-B person, at tenant B's service URL, with tenant B's id", async () => {
      const beforeA = t.connector.requests.length;
      const conv = personalConversationId(vtB);
      const before = connB.activitiesTo(conv).length;
      notify('vt-arn');
      await connB.waitFor(() => connB.activitiesTo(conv).length === before + 1);
      const sent = connB.activitiesTo(conv).at(-1)!;
      expect(sent).toMatchObject({ conversation: { id: conv, tenantId: TENANT_B } });
      expect(JSON.stringify(sent)).toContain('attachments');
      expect(t.connector.requests.length).toBe(beforeA);
    });

    it('creates the 1:1 chat in tenant B, at its service URL, for someone bound there in a channel', async () => {
      // Carla's first contact is in a channel of a team in tenant B: bound by her UPN, no 1:1 chat yet.
      await t.post(inTenant(channelMessage('hulp', { from: leadVtB, serviceUrl: connB.url }), TENANT_B));
      expect(membersLookups(connB).at(-1)?.conversationId).toBe(TEAM_ID);
      expect(bindingRows()).toContainEqual({
        tenant_id: TENANT_B,
        aad_object_id: leadVtB.aadObjectId,
        member_id: 'lead-vt-1',
      });
      expect(boundAudit().at(-1)!.details).toEqual({ member: 'lead-vt-1', tenant: TENANT_B, via: 'upn' });
      expect(t.bot.ctx.conversations.get(userRefKey(leadVtB.aadObjectId))).toBeUndefined();

      const beforeA = t.connector.requests.length;
      notify('lead-vt-1');
      // The chat is created, its reference stored, then the card is posted to it.
      await connB.waitFor((rs) =>
        rs.some(
          (r) => r.method === 'POST' && !!r.conversationId?.startsWith('a:fake-conversation') && r.status === 200,
        ),
      );
      const create = connB.requests.find((r) => r.method === 'POST' && r.path === '/v3/conversations')!;
      expect(create.body).toMatchObject({
        isGroup: false,
        members: [{ id: leadVtB.aadObjectId }],
        tenantId: TENANT_B,
        channelData: { tenant: { id: TENANT_B } },
      });
      const stored = t.bot.ctx.conversations.get(userRefKey(leadVtB.aadObjectId)) as {
        serviceUrl: string;
        conversation: { id: string; tenantId: string };
      };
      expect(stored).toMatchObject({ serviceUrl: connB.url, conversation: { tenantId: TENANT_B } });
      expect(connB.activitiesTo(stored.conversation.id)).toHaveLength(1);
      expect(t.connector.requests.length).toBe(beforeA);
    });

    it('reaches someone bound at install in the 1:1 chat Teams opened then', async () => {
      const conv = personalConversationId(rvdkA);
      const before = t.connector.activitiesTo(conv).length;
      notify('rvdk-arn');
      await t.connector.waitFor(() => t.connector.activitiesTo(conv).length === before + 1);
      expect(t.connector.activitiesTo(conv).at(-1)).toMatchObject({ conversation: { id: conv, tenantId: TENANT_A } });
    });

    it('reaches the guest through their host-tenant identity', async () => {
      const conv = personalConversationId(giGuest);
      const before = t.connector.activitiesTo(conv).length;
      notify('gi-arn');
      await t.connector.waitFor(() => t.connector.activitiesTo(conv).length === before + 1);
      expect(t.connector.activitiesTo(conv).at(-1)).toMatchObject({ conversation: { id: conv, tenantId: TENANT_A } });
    });
  });
});
