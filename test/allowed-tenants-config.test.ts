import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

// ALLOWED_TENANTS (docs/tenants.md): the organisations whose Teams may reach the bot. Required in credentials mode,
// optional in local mode; every entry must be a tenant id.

const CREDENTIALS = {
  MicrosoftAppId: '6a1d2f3e-0000-4000-8000-000000000001',
  MicrosoftAppPassword: 'dummy-not-a-secret',
  MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'SingleTenant',
  AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('ALLOWED_TENANTS', () => {
  it('is required in credentials mode, and the message says what to set', () => {
    const problems = problemsOf(CREDENTIALS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ALLOWED_TENANTS: missing: .*tenant ids.*docs\/tenants\.md/);
    expect(problemsOf({ ...CREDENTIALS, ALLOWED_TENANTS: '  ' })).toEqual(problems);
  });

  it('reads a comma-separated list into lower-case tenant ids, each once', () => {
    const c = loadConfig({
      ...CREDENTIALS,
      ALLOWED_TENANTS:
        ' 11111111-2222-4333-8444-555555555555 ,BBBBBBBB-0000-4000-8000-00000000000B,,11111111-2222-4333-8444-555555555555',
    });
    expect(c.localMode).toBe(false);
    expect(c.allowedTenants).toEqual(['11111111-2222-4333-8444-555555555555', 'bbbbbbbb-0000-4000-8000-00000000000b']);
  });

  it('refuses an entry that is not a tenant id, together with every other bad key', () => {
    const problems = problemsOf({
      ...CREDENTIALS,
      ALLOWED_TENANTS: 'contoso.onmicrosoft.com,11111111-2222-4333-8444-555555555555',
      PORT: 'x',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'ALLOWED_TENANTS']);
    expect(problems[1]).toContain('"contoso.onmicrosoft.com" is not a tenant id');
    expect(problemsOf({ ALLOWED_TENANTS: ',' })).toEqual([
      'ALLOWED_TENANTS: names no tenant id (leave it empty in local mode)',
    ]);
  });

  it('is optional in local mode: unset, every tenant is served; set, it is checked there too', () => {
    expect(loadConfig({}).allowedTenants).toBeUndefined();
    expect(loadConfig({ ALLOWED_TENANTS: 'BBBBBBBB-0000-4000-8000-00000000000B' })).toMatchObject({
      localMode: true,
      allowedTenants: ['bbbbbbbb-0000-4000-8000-00000000000b'],
    });
  });

  it('is not asked for while the credentials are incomplete (their own problems are reported instead)', () => {
    const problems = problemsOf({ MicrosoftAppId: CREDENTIALS.MicrosoftAppId });
    expect(problems.some((p) => p.startsWith('ALLOWED_TENANTS'))).toBe(false);
    expect(problems.length).toBeGreaterThan(0);
  });
});
