import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startBot } from '../../src/main.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

// Without credentials the bot authenticates nobody, so it must be reachable from this machine only: HOST cannot widen
// that, and a half-filled set of credentials is an error rather than a quiet fall-back to local mode.
// (test/http/health.test.ts checks the default local-mode bind and its warning.)

describe('without credentials: local mode listens on 127.0.0.1 only', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { HOST: '0.0.0.0' }, scheduler: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('ignores HOST=0.0.0.0 and binds the loopback address', () => {
    expect(t.bot.config.localMode).toBe(true);
    expect(t.bot.config.host).toBe('127.0.0.1');
    expect(t.bot.server.address()?.address).toBe('127.0.0.1');
  });

  it('refuses to start with only some of the four credential settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teammodel-test-'));
    try {
      const env = {
        DATABASE_PATH: join(dir, 'bot.sqlite'),
        LOG_LEVEL: 'silent',
        HOST: '0.0.0.0',
        MicrosoftAppId: '6a1d2f3e-0000-4000-8000-000000000001',
      };
      await expect(startBot(env, { port: 0, scheduler: false })).rejects.toBeInstanceOf(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
