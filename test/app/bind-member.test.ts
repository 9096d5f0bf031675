import { describe, expect, it } from 'vitest';
import { bindMember, bindingsOf, boundMember } from '../../src/app/bind-member.js';
import { createMemberBindingStore } from '../../src/adapters/sqlite/member-binding-store.js';
import { closedAfterEach, demoRosterWith, type TestContext } from './test-context.js';

// docs/tenants.md: someone the roster names by e-mail is bound to their entry on first contact, with an audit entry
// that holds ids only; the binding holds while the roster still has that address.

const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const AAD_B = 'bbbbbbbb-1111-4000-8000-000000000018';
const SERVICE_B = 'https://smba.trafficmanager.net/emea/tenant-b/';

const context = closedAfterEach();

/** The demo roster with vt-arn known by e-mail only (no object id). */
function withVtByEmail(c: TestContext, email = 'vt-arn@demo.teammodel.invalid'): void {
  c.ctx.roster = demoRosterWith((r) => {
    const vt = r.members.find((m) => m.id === 'vt-arn')!;
    delete vt.aadObjectId;
    vt.email = email;
  });
}

const auditRows = (c: TestContext) =>
  c.database.sqlite
    .prepare(`SELECT actor, action, case_id AS caseId, details FROM audit_log WHERE action LIKE 'member.%' ORDER BY id`)
    .all() as Array<{ actor: string; action: string; caseId: number | null; details: string }>;

describe('binding a Teams user to their roster entry', () => {
  it('binds by e-mail, case-insensitively, and records member and tenant (never the address) in the audit log', () => {
    const c = context();
    withVtByEmail(c);
    const bindings = createMemberBindingStore(c.database.db);
    const outcome = bindMember(c.ctx, bindings, {
      tenantId: TENANT_B,
      aadObjectId: AAD_B.toUpperCase(),
      serviceUrl: SERVICE_B,
      account: { email: 'VT-ARN@Demo.Teammodel.Invalid', userPrincipalName: 'r.degraaf@vt.example' },
    });
    expect(outcome).toMatchObject({ kind: 'bound', member: { id: 'vt-arn' }, via: 'email' });
    expect(boundMember(c.ctx, bindings, TENANT_B, AAD_B)?.id).toBe('vt-arn');
    expect(boundMember(c.ctx, bindings, 'another-tenant', AAD_B)).toBeUndefined();
    expect(bindingsOf(c.ctx, bindings, 'vt-arn')).toEqual([
      expect.objectContaining({ tenantId: TENANT_B, aadObjectId: AAD_B, serviceUrl: SERVICE_B }),
    ]);
    const rows = auditRows(c);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'teammodel-bot', action: 'member.bound', caseId: null });
    expect(JSON.parse(rows[0]!.details)).toEqual({ member: 'vt-arn', tenant: TENANT_B, via: 'email' });
    const stored = JSON.stringify(c.database.sqlite.prepare('SELECT * FROM member_bindings').all());
    expect(stored).not.toMatch(/@|demo\.teammodel|vt\.example/i);
  });

  it('binds nobody, and writes nothing, for an address the roster does not have', () => {
    const c = context();
    withVtByEmail(c);
    const bindings = createMemberBindingStore(c.database.db);
    expect(
      bindMember(c.ctx, bindings, {
        tenantId: TENANT_B,
        aadObjectId: AAD_B,
        serviceUrl: SERVICE_B,
        account: { email: 'iemand@elders.example', userPrincipalName: 'iemand@elders.example' },
      }),
    ).toEqual({ kind: 'no_match' });
    expect(bindings.find(TENANT_B, AAD_B)).toBeUndefined();
    expect(auditRows(c)).toEqual([]);
  });

  it('lapses when the roster no longer has the address, and is removed when the person no longer matches', () => {
    const c = context();
    withVtByEmail(c);
    const bindings = createMemberBindingStore(c.database.db);
    const input = {
      tenantId: TENANT_B,
      aadObjectId: AAD_B,
      serviceUrl: SERVICE_B,
      account: { email: 'vt-arn@demo.teammodel.invalid' },
    };
    bindMember(c.ctx, bindings, input);
    // The coordinator corrects a wrong address in the roster: the person bound by it is no longer vt-arn.
    withVtByEmail(c, 'roos.degraaf@vt.example');
    expect(boundMember(c.ctx, bindings, TENANT_B, AAD_B)).toBeUndefined();
    expect(bindingsOf(c.ctx, bindings, 'vt-arn')).toEqual([]);
    expect(bindMember(c.ctx, bindings, input)).toEqual({ kind: 'no_match' });
    expect(bindings.find(TENANT_B, AAD_B)).toBeUndefined();
    expect(auditRows(c).map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ['member.bound', { member: 'vt-arn', tenant: TENANT_B, via: 'email' }],
      ['member.unbound', { member: 'vt-arn', tenant: TENANT_B }],
    ]);
  });

  it('an object id bound anew to another member says whom it replaces', () => {
    const c = context();
    withVtByEmail(c);
    const bindings = createMemberBindingStore(c.database.db);
    const base = { tenantId: TENANT_B, aadObjectId: AAD_B, serviceUrl: SERVICE_B };
    bindMember(c.ctx, bindings, { ...base, account: { email: 'vt-arn@demo.teammodel.invalid' } });
    expect(bindMember(c.ctx, bindings, { ...base, account: { email: 'gi-arn@demo.teammodel.invalid' } })).toMatchObject(
      { kind: 'bound', member: { id: 'gi-arn' } },
    );
    expect(bindings.find(TENANT_B, AAD_B)?.memberId).toBe('gi-arn');
    expect(JSON.parse(auditRows(c).at(-1)!.details)).toEqual({
      member: 'gi-arn',
      tenant: TENANT_B,
      via: 'email',
      replaces: 'vt-arn',
    });
  });
});
