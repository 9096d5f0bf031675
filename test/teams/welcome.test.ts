import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationUpdate, membersAdded, personalConversationId } from '../support/teams-activity.js';
import { DEMO, type TestBot } from '../support/start-test-bot.js';
import { HELP_GROUPS, HELP_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { allText, cardOf, say, startCaseBot } from './case-test-kit.js';

// The welcome on install (installationUpdate `add`): once, in the personal chat or the team, saying what the bot does,
// what it never stores and the three commands to start with. An upgrade, a removal or the conversationUpdate Teams
// sends alongside get nothing.

describe('the welcome on install', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const welcomeIn = (conversationId: string) => t.repliesTo(conversationId).map((a) => allText(cardOf(a)));

  it('a roster member installing the app in their personal chat gets the welcome card, once', async () => {
    const me = DEMO.ltArnhem;
    await t.post(installationUpdate({ from: me, serviceUrl: t.connector.url, scope: 'personal' }));
    await t.post(membersAdded({ from: me, serviceUrl: t.connector.url, scope: 'personal' }));
    const [welcome, ...more] = welcomeIn(personalConversationId(me));
    expect(more).toEqual([]);
    expect(welcome).toContain('Welkom bij de teammodel-bot');
    expect(welcome).toContain('geautomatiseerde assistent, geen persoon');
    expect(welcome).toContain('Wat ik nooit bewaar');
    expect(welcome).toContain('Geen namen, BSN, adressen, geboortedata');
    for (const command of ['**mijn casussen**', '**casus nieuw ‹gemeente›**', '**hulp**'])
      expect(welcome).toContain(command);
    expect(welcome).not.toContain('niet in het rooster');
  });

  it('someone not in the roster is welcomed and told whom to ask; an upgrade or removal gets nothing', async () => {
    const stranger = DEMO.stranger;
    await t.post(installationUpdate({ from: stranger, serviceUrl: t.connector.url, scope: 'personal' }));
    await t.post(
      installationUpdate({ from: stranger, serviceUrl: t.connector.url, scope: 'personal', action: 'remove' }),
    );
    const [welcome, ...more] = welcomeIn(personalConversationId(stranger));
    expect(more).toEqual([]);
    expect(welcome).toContain('Je staat nog niet in het rooster van vaste gezichten.');
  });

  it('in a team the welcome goes to the channel and says a new case gets its own thread', async () => {
    const install = installationUpdate({ from: DEMO.ltArnhem, serviceUrl: t.connector.url, scope: 'team' });
    await t.post(install);
    const [welcome, ...more] = welcomeIn(install.conversation.id);
    expect(more).toEqual([]);
    expect(welcome).toContain('een nieuwe casus, met een eigen draad in dit kanaal');
  });
});

describe('hulp', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers with a card grouped by task, every command in it, the plain text as its fallback', async () => {
    const [reply] = await say(t, 'lt-arn', 'hulp');
    const card = cardOf(reply) as { fallbackText?: string; body: unknown };
    const text = allText(card.body);
    for (const group of HELP_GROUPS) {
      expect(text).toContain(group.title);
      for (const [command] of group.commands) expect(text).toContain(command.replace(/</g, '‹').replace(/>/g, '›'));
    }
    expect(text).not.toMatch(/<ref>|<gemeente>/); // bare angle brackets would be swallowed by the client
    expect(card.fallbackText).toBe(HELP_TEXT);
  });
});
