import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MODE_WARNING } from '../../src/adapters/http/create-server.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

describe('health, readiness and local mode', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('GET /healthz answers 200 {status: ok}', async () => {
    const res = await t.get('/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /readyz answers 200 while the database is open and migrated', async () => {
    expect(t.bot.ctx.isReady()).toBe(true);
    expect(await t.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('in local mode binds 127.0.0.1 only and says so loudly in the log', () => {
    expect(t.bot.config.localMode).toBe(true);
    expect(t.bot.server.address()?.address).toBe('127.0.0.1');
    const warning = t.logger.records.find((r) => r.level === 'warn' && r.msg === LOCAL_MODE_WARNING);
    expect(warning).toBeDefined();
  });

  it('GET /readyz answers 503 once the database is gone (liveness stays 200)', async () => {
    t.bot.database.close();
    expect(await t.get('/readyz')).toMatchObject({ status: 503, body: { status: 'not_ready' } });
    expect((await t.get('/healthz')).status).toBe(200);
  });
});
