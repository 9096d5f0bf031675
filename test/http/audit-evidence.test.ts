import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main as verify } from '../../src/cli/audit-verify.js';
import { ConfigError } from '../../src/config.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { arnhemCase, say } from '../teams/case-test-kit.js';

// Issue 15, item 5: the running bot signs every audit row with AUDIT_MAC_KEY and writes the chain's head outside the
// database at shutdown (and every 15 minutes), where `npm run audit:verify` finds it.

const KEY = 'sleutel-van-de-bot-in-deze-test-0123456789abcdef';
const CREDENTIALS = {
  MicrosoftAppId: '6a1d2f3e-0000-4000-8000-000000000001',
  MicrosoftAppPassword: 'dummy-not-a-secret',
  MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'SingleTenant',
  ALLOWED_TENANTS: '11111111-2222-4333-8444-555555555555',
  HOST: '127.0.0.1',
};

function run(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = verify(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the audit log as evidence, in the running bot', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });
  const warnings = (bot: TestBot) =>
    bot.logger.records.filter((r) => r.level === 'warn' && r.msg?.includes('AUDIT_MAC_KEY')).map((r) => r.msg);

  it('signs every row with the key and writes a checkpoint at shutdown that audit:verify uses', async () => {
    t = await startTestBot({ env: { AUDIT_MAC_KEY: KEY }, scheduler: false });
    const c = arnhemCase(t);
    await say(t, 'lt-arn', `casus ${c.ref}`); // a view, committed with the other entries of the moment
    await new Promise((r) => setTimeout(r, 50));
    const database = join(t.dir, 'bot.sqlite');
    const checkpointFile = `${database}-audit-checkpoint.json`;
    expect(existsSync(checkpointFile)).toBe(false); // the first one comes after 15 minutes, or at shutdown

    const unsigned = t.bot.database.sqlite.prepare('SELECT count(*) FROM audit_log WHERE mac IS NULL').pluck().get();
    expect(unsigned).toBe(0);
    await t.bot.stop();

    const head = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { id: number; hash: string; macFrom: number };
    expect(head.id).toBeGreaterThan(1);
    expect(head.macFrom).toBe(1);
    const logged = t.logger.records.filter((r) => r.msg === 'audit checkpoint');
    expect(logged).toEqual([{ level: 'info', obj: { id: head.id, hash: head.hash }, msg: 'audit checkpoint' }]);
    expect(warnings(t)).toEqual([]);

    const result = run([database], { AUDIT_MAC_KEY: KEY });
    expect(result.code).toBe(0);
    expect(result.out).toContain("MAC's kloppen: elke regel is ondertekend met de sleutel uit AUDIT_MAC_KEY.");
    expect(result.out).toContain(`Controlepunt ${checkpointFile} (naast de database gevonden) klopt: regel ${head.id}`);
  });

  it('refuses to start in credentials mode without a key, saying what to set; local mode starts without one', async () => {
    for (const missing of [undefined, '', '   ']) {
      const attempt = startTestBot({ env: { ...CREDENTIALS, AUDIT_MAC_KEY: missing }, scheduler: false });
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(/AUDIT_MAC_KEY: missing: credentials mode needs the key .*openssl rand/);
    }
    t = await startTestBot({ env: { ...CREDENTIALS, AUDIT_MAC_KEY: KEY }, scheduler: false });
    expect(warnings(t)).toEqual([]);
    await t.stop();
    t = await startTestBot({ scheduler: false });
    expect(warnings(t)).toEqual([]);
  });

  it('refuses a key shorter than 32 characters, naming the key and not its value', async () => {
    const attempt = startTestBot({ env: { AUDIT_MAC_KEY: 'te-kort-geheim' } });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/AUDIT_MAC_KEY: too short: at least 32 characters/);
    await attempt.catch((e: Error) => expect(e.message).not.toContain('te-kort-geheim'));
  });
});
