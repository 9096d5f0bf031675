import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_ROSTER_FILE, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('runs on embedded defaults in local mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      databasePath: './data/teammodel.sqlite',
      rosterFile: DEFAULT_ROSTER_FILE,
      timezone: 'Europe/Amsterdam',
      localMode: true,
      dryRun: false,
      tickCron: '* * * * *',
    });
    expect(c.credentials).toBeUndefined();
  });

  it('names every bad key in one message, with how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', TIMEZONE: 'Mars/Base', TICK_CRON: 'nonsense', LOG_LEVEL: 'loud', MicrosoftAppId: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems).toEqual([
      'PORT',
      'TIMEZONE',
      'LOG_LEVEL',
      'TICK_CRON',
      'MicrosoftAppPassword',
      'MicrosoftAppTenantId',
      'MicrosoftAppType',
    ]);
    expect((error as Error).message).toContain('.env.example');
  });

  it('switches to credentials mode only with all four settings, and then listens beyond loopback', () => {
    const c = loadConfig({
      MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
      MicrosoftAppPassword: 's',
      MicrosoftAppTenantId: 't',
      MicrosoftAppType: 'SingleTenant',
      AUDIT_MAC_KEY: 'a-test-audit-mac-key-of-at-least-32-characters',
      ALLOWED_TENANTS: '11111111-2222-4333-8444-555555555555',
    });
    expect(c.localMode).toBe(false);
    expect(c.host).toBe('0.0.0.0');
    expect(c.botAppId).toBe('11111111-1111-1111-1111-111111111111');
  });

  it('treats empty strings as unset (as .env.example leaves them)', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', DRY_RUN: '1' })).toMatchObject({
      port: 3978,
      localMode: true,
      dryRun: true,
    });
  });
});
