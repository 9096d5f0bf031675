import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/main.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import {
  FAKE_CATALOG_APP,
  FAKE_CLIENT,
  FAKE_SECRET,
  FAKE_TENANT,
  startFakeGraph,
  type FakeGraph,
} from '../support/fake-graph.js';
import { createRecordingLogger } from '../support/start-test-bot.js';
import { installationUpdate, personalConversationId, personalMessage } from '../support/teams-activity.js';
import { allText, cardOf } from '../teams/case-test-kit.js';
import { liveClock, P } from '../teams/workflow-fixtures.js';

// The whole bot with the Graph settings, a fake Graph and a fake Bot Connector over HTTP: shortly after the start it
// installs the app for roster members it has no chat with; Teams then reports the install, and the pilot coordinator
// no longer finds that person under `bereikbaarheid`.

describe('the Graph install in the running bot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-graph-'));
  const logger = createRecordingLogger();
  let graph: FakeGraph;
  let connector: FakeConnector;
  let bot: RunningBot;
  const post = (activity: object) =>
    fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
  const coordinator = { aadObjectId: '00000000-0000-4000-8000-000000000021', name: 'Coördinator Arnhem (fictief)' };

  beforeAll(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector();
    graph.knowUsers(P.vt.aadObjectId);
    bot = await startBot(
      {
        DATABASE_PATH: join(dir, 'bot.sqlite'),
        LOG_LEVEL: 'silent',
        GRAPH_APP_CATALOG_ID: FAKE_CATALOG_APP,
        GRAPH_TENANT_ID: FAKE_TENANT,
        GRAPH_CLIENT_ID: FAKE_CLIENT,
        GRAPH_CLIENT_SECRET: FAKE_SECRET,
      },
      {
        clock: liveClock('2026-06-02T10:00:00+02:00'),
        logger,
        port: 0,
        scheduler: false,
        rosterWatch: false,
        graph: { graphUrl: graph.graphUrl, loginUrl: graph.loginUrl, firstRunAfterMs: 0 },
      },
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs the app for a member without a chat, on record; the install Teams reports makes her reachable', async () => {
    const ran = () => logger.records.some((r) => r.msg === 'Graph install run');
    for (let i = 0; i < 250 && !ran(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(graph.installed.has(P.vt.aadObjectId)).toBe(true);
    // At most 50 people a run, each POSTed once; the others are unknown to this fake tenant (404).
    expect(graph.installsFor()).toHaveLength(50);
    expect(new Set(graph.installsFor()).size).toBe(50);
    const rows = bot.database.sqlite
      .prepare(`SELECT actor, details FROM audit_log WHERE action = 'member.app_installed'`)
      .all();
    expect(rows).toEqual([{ actor: 'teammodel-bot', details: '{"member":"vt-arn"}' }]);
    expect(logger.records).toContainEqual(
      expect.objectContaining({ msg: 'Graph install run', obj: expect.objectContaining({ installed: 1 }) }),
    );

    // Teams tells the bot of the install in her personal scope.
    expect((await post(installationUpdate({ from: P.vt, serviceUrl: connector.url, scope: 'personal' }))).status).toBe(
      200,
    );
    const res = await post(personalMessage('bereikbaarheid Arnhem', { from: coordinator, serviceUrl: connector.url }));
    expect(res.status).toBe(200);
    const card = connector
      .activitiesTo(personalConversationId(coordinator))
      .map((a) => allText(cardOf(a)))
      .find((t) => t.includes('Wie ik nog niet zelf kan bereiken'));
    expect(card).toBeDefined();
    expect(card).not.toContain('Roos de Graaf');
    expect(card).toContain('Pien Meijer (fictief)'); // lt-arn: still no chat, and unknown to the fake tenant
  });
});
