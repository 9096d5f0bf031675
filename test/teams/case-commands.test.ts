import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_HELP_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { createdConversationActivity, invokeMessage } from '../support/bot-answer.js';
import type { TestBot } from '../support/start-test-bot.js';
import { CHANNEL_ID } from '../support/teams-activity.js';
import {
  allText,
  arnhemCase,
  auditOf,
  cardOf,
  MESSAGE_TYPE,
  press,
  problemOf,
  say,
  sayInChannel,
  startCaseBot,
  teamOf,
} from './case-test-kit.js';

describe('case chat commands', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('casus nieuw Arnhem: a pseudonymous reference, the fixed team of Arnhem as members, and the case card', async () => {
    const replies = await say(t, 'lt-arn', 'casus nieuw Arnhem');
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    const ref = /Casus (CG-ARN-\d{4}-\d{4})/.exec(allText(card))?.[1];
    expect(ref).toMatch(/^CG-ARN-\d{4}-\d{4}$/);
    const record = t.bot.ctx.store.cases.byRef(ref!)!;
    expect(teamOf(t, record.id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    const text = allText(card);
    for (const expected of [
      'Pien Meijer (fictief)',
      'Stichting Wijkteams Arnhem',
      'Lokaal Team',
      'professional',
      'casusregisseur',
      'Stilte in de casus',
    ])
      expect(text).toContain(expected);
    const actions = (card!.actions as Array<{ title: string; verb?: string; data?: unknown }>).map((a) => [
      a.title,
      a.verb,
    ]);
    expect(actions).toEqual([
      ['Team', 'team.show'],
      ['Gebeurtenis vastleggen', 'case.eventForm'],
      ['Fase wijzigen', 'case.stageForm'],
      ['Casus sluiten', 'case.close'],
      ['Acuut onveilig', 'acute.report'],
    ]);
    expect(
      (card!.actions as Array<{ verb?: string; data?: unknown }>).find((a) => a.verb === 'acute.report')?.data,
    ).toEqual({ caseRef: ref });
  });

  it.each([
    ['rooster Renkum', 'Rooster Renkum'],
    ['roster renkum', 'Rooster Renkum'],
    ['ROOSTER  Renkum', 'Rooster Renkum'],
  ])('%j shows the fixed faces with organisation, role and team lead', async (command, heading) => {
    const text = allText(cardOf((await say(t, 'lt-arn', command))[0]));
    expect(text).toContain(heading);
    for (const expected of [
      'Guus Vos (fictief)',
      'Sociaal Team Renkum',
      'Veilig Thuis',
      'Teamleider: Fleur Visser (fictief)',
    ])
      expect(text).toContain(expected);
  });

  it('the English aliases work the same: case new, case, my cases, team', async () => {
    const created = allText(cardOf((await say(t, 'vt-arn', 'case new arnhem'))[0]));
    const ref = /Casus (CG-ARN-\d{4}-\d{4})/.exec(created)![1]!;
    expect(allText(cardOf((await say(t, 'vt-arn', `case ${ref.toLowerCase()}`))[0]))).toContain(`Casus ${ref}`);
    expect(allText(cardOf((await say(t, 'vt-arn', `team ${ref}`))[0]))).toContain(`Casusteam ${ref}`);
    expect(allText(cardOf((await say(t, 'vt-arn', 'my cases'))[0]))).toContain(ref);
  });

  it('mijn casussen lists own cases, and a team lead sees the cases of the people they lead', async () => {
    const c = arnhemCase(t);
    expect(allText(cardOf((await say(t, 'lt-arn', 'mijn casussen'))[0]))).toContain(c.ref);
    const lead = allText(cardOf((await say(t, 'lead-lt-arn', 'Mijn casussen'))[0]));
    expect(lead).toContain('Casussen van mensen die je leidt');
    expect(lead).toContain(c.ref);
  });

  it.each([
    ['casus nieuw', 'Gebruik: casus nieuw <gemeente>'],
    ['case new', 'Gebruik: casus nieuw <gemeente>'],
    ['rooster', 'Gebruik: rooster <gemeente>'],
    ['casus', 'Gebruik: casus <ref>'],
    ['casus sluiten', 'Gebruik: casus <ref>'],
    ['team', 'Gebruik: team <ref>'],
    ['team iedereen', 'Gebruik: team <ref>'],
    ['casus nieuw 1234', 'Gebruik: casus nieuw <gemeente>'],
  ])('%j without a valid argument gets the usage line', async (command, usage) => {
    const replies = await say(t, 'lt-arn', command);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(new RegExp(`^${usage.replace(/[<>]/g, '.')}`));
  });

  it('an unknown municipality gets the list to choose from; nothing is created', async () => {
    const replies = await say(t, 'lt-arn', 'casus nieuw Atlantis');
    expect(replies[0]!.text).toMatch(/^Die gemeente staat niet in het rooster\. Kies uit: Arnhem, /);
  });

  it.each(['teamleider', 'casussen', 'rooster-arnhem', 'mijn casussen graag'])(
    'does not treat %j as a command',
    async (text) => {
      expect((await say(t, 'lt-arn', text))[0]!.text).toBe(SHORT_HELP_TEXT);
    },
  );

  it('refuses personal data in a command argument, naming the kind and never the value', async () => {
    const replies = await say(t, 'lt-arn', 'casus nieuw Arnhem 06-12345678');
    expect(replies[0]!.text).toContain('een telefoonnummer');
    expect(replies[0]!.text).not.toContain('12345678');
    const bsn = await say(t, 'lt-arn', 'casus 123456782');
    expect(bsn[0]!.text).toContain('een BSN');
    expect(JSON.stringify(t.logger.records)).not.toContain('123456782');
  });

  it('refuses personal data in a reason, naming the kind; nothing is stored', async () => {
    const c = arnhemCase(t);
    const auditBefore = auditOf(t, c.id).length;
    const res = await press(t, 'lt-arn', 'team.add', {
      caseRef: c.ref,
      addMember: 'gw-lt-arn',
      addReason: 'BSN kind 123456782, bellen',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: MESSAGE_TYPE });
    const value = invokeMessage(res);
    expect(value).toContain('een BSN');
    expect(value).not.toContain('123456782');
    expect(teamOf(t, c.id)).not.toContain('gw-lt-arn');
    expect(auditOf(t, c.id)).toHaveLength(auditBefore);
    const close = await press(t, 'lt-arn', 'case.closeConfirm', {
      caseRef: c.ref,
      closeReason: 'gesloten, geboren 12-03-2015',
    });
    expect(problemOf(close)?.text).toContain('een geboortedatum');
    expect(JSON.stringify(close.body)).not.toContain('12-03-2015');
    expect(t.bot.ctx.store.cases.byId(c.id)!.closedAt).toBeNull();
  });

  it('casus nieuw in a team channel starts a thread with the case card, stores case:<id> and answers in the thread asked', async () => {
    const before = t.connector.requests.length;
    const { activity } = await sayInChannel(t, 'lt-arn', 'casus nieuw Renkum');
    const calls = t.connector.requests.slice(before);
    const create = calls.find((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(create?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL_ID } } });
    const threadCard = cardOf(createdConversationActivity(create!));
    const ref = /Casus (CG-REN-\d{4}-\d{4})/.exec(allText(threadCard))![1]!;
    const record = t.bot.ctx.store.cases.byRef(ref)!;
    const stored = t.bot.ctx.conversations.get(`case:${record.id}`) as { conversation?: { id?: string } };
    expect(stored?.conversation?.id).toMatch(new RegExp(`^${CHANNEL_ID};messageid=`));
    const answer = t.repliesTo(activity.conversation.id);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ replyToId: activity.id });
    expect(answer[0]!.text).toBe(`Casus ${ref} is aangemaakt; ik heb een draad voor deze casus gestart.`);
  });

  it('in a channel, when the thread cannot be started, the case card comes in the thread asked', async () => {
    // Only the thread's creation fails (not a proactive card to someone's 1:1 chat that happens to go out first).
    t.connector.failNext(
      1,
      { status: 403 },
      {
        method: 'POST',
        path: '/v3/conversations',
        body: (b) => (b as { isGroup?: boolean } | undefined)?.isGroup === true,
      },
    );
    const { activity } = await sayInChannel(t, 'lt-arn', 'casus nieuw Renkum');
    const answer = t.repliesTo(activity.conversation.id);
    expect(answer[0]!.text).toMatch(/^Casus CG-REN-\d{4}-\d{4} is aangemaakt, maar een eigen draad starten lukte niet/);
    expect(allText(cardOf(answer[1]))).toMatch(/Casus CG-REN-\d{4}-\d{4}/);
  });
});
