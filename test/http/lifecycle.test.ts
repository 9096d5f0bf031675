import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandSelector } from '../../src/adapters/teams/command-selector.js';
import type { BotApplication } from '../../src/adapters/teams/create-teams-bot.js';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('stopping and restarting the bot', () => {
  it('stop() lets a turn in flight finish (its answer is sent) and then refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const turnStarted = new Promise<void>((r) => (started = r));
    const t = await startTestBot({
      registerRoutes: (app) => {
        app.message(commandSelector(/^traag$/i), async (context) => {
          started();
          await gate;
          await context.sendActivity('klaar');
        });
      },
    });
    const pending = t.post(personalMessage('traag', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
    await turnStarted;
    let stopped = false;
    const stopping = t.bot.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false); // still waiting for the turn
    release();
    expect((await pending).status).toBe(200);
    await stopping;
    expect(t.repliesTo(personalConversationId(DEMO.ltArnhem)).map((a) => a.text)).toEqual(['klaar']);
    await expect(fetch(`${t.baseUrl}/healthz`)).rejects.toThrow();
    await t.stop(); // idempotent
  });

  it('keeps TurnState (conversation and user scope) in SQLite across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teammodel-restart-'));
    dirs.push(dir);
    const env = { DATABASE_PATH: join(dir, 'bot.sqlite') };
    const registerRoutes = (app: BotApplication) => {
      app.message(commandSelector(/^tel$/i), async (context, state) => {
        const conversation = state.conversation as { count?: number };
        const count = (conversation.count ?? 0) + 1;
        conversation.count = count;
        (state.user as { seen?: boolean }).seen = true;
        await context.sendActivity(`teller ${count}`);
      });
    };
    const say = async (t: TestBot) => {
      await t.post(personalMessage('tel', { from: DEMO.ltArnhem, serviceUrl: t.connector.url }));
      return t.repliesTo(personalConversationId(DEMO.ltArnhem)).at(-1)?.text;
    };
    const first = await startTestBot({ env, registerRoutes });
    expect(await say(first)).toBe('teller 1');
    expect(await say(first)).toBe('teller 2');
    await first.stop();
    const second = await startTestBot({ env, registerRoutes });
    expect(await say(second)).toBe('teller 3');
    await second.stop();
  });
});
