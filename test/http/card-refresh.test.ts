import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/app/change-membership.js';
import { NO_VIEW_TEXT } from '../../src/adapters/teams/cards/user-specific-view.js';
import { z } from 'zod';
import { attachedCard, createdConversationActivity, invokeCard as cardAnswer } from '../support/bot-answer.js';
import { largeRosterInput } from '../support/large-roster.js';
import { DEMO, startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import {
  cardAction,
  CHANNEL_ID,
  channelMessage,
  TEAM_ID,
  TENANT_ID,
  type Person,
  type TeamsActivity,
} from '../support/teams-activity.js';
import { allText, arnhemCase, auditOf, MESSAGE_TYPE, person, press, teamOf } from '../teams/case-test-kit.js';
import { install } from '../teams/workflow-fixtures.js';

// Cards that several people see (docs/behaviour.md, "Cards several people see"), over HTTP as Teams sends them: the
// case card in a channel thread carries `refresh` with the Teams user ids of the case team; Teams then asks for each
// person's own view with an `adaptiveCard/action` invoke whose trigger is `automatic`, answered by the bot's own
// route: a member gets their view, anyone else a card without case content; above 60 people a neutral view.

/** A card as these tests read it: its buttons and its `refresh` (the Action.Execute and the Teams ids). */
const Card = z.object({
  body: z.array(z.unknown()).optional(),
  actions: z.array(z.record(z.unknown())).optional(),
  refresh: z.object({ action: z.record(z.unknown()).optional(), userIds: z.array(z.string()).optional() }).optional(),
});
type Card = z.infer<typeof Card>;

let counter = 0;

/** An automatic refresh of the card with id `cardId`, as Teams sends it from a channel thread. */
function refreshInvoke(t: TestBot, from: Person, verb: string, data: Record<string, unknown>): TeamsActivity {
  const a = cardAction(verb, data, { from, serviceUrl: t.connector.url, trigger: 'automatic', replyToId: 'thread-1' });
  a.id = `f:refresh-${Date.now()}-${++counter}`;
  a.conversation = { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: `${CHANNEL_ID};messageid=1` };
  a.channelData = { ...a.channelData, channel: { id: CHANNEL_ID }, team: { id: TEAM_ID } };
  return a;
}

const invokeCard = (res: PostResult): Card => {
  expect(res.status).toBe(200);
  return cardAnswer(res, Card);
};

describe('cards several people see: refresh with userIds and the bot’s own refresh route', () => {
  let t: TestBot;
  let rosterDir: string;
  const auditRows = () =>
    (t.bot.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const outboxRows = () => (t.bot.database.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  /** Audit rows keep who did what under the case's key: read through the audit log. */
  const viewsOf = (caseId: number, actor: string) =>
    auditOf(t, caseId).filter((e) => e.actor === actor && e.action === 'case.viewed').length;

  beforeAll(async () => {
    // The demo roster plus 70 colleagues around Arnhem, so that one case can have more than 60 people.
    rosterDir = mkdtempSync(join(tmpdir(), 'teammodel-roster-'));
    const file = join(rosterDir, 'roster.json');
    writeFileSync(file, JSON.stringify(largeRosterInput(70)));
    t = await startTestBot({ scheduler: false, env: { ROSTER_FILE: file } });
    // lt-arn and vt-arn chatted with the bot: their `29:` ids are known; gi-arn never did.
    await install(t, person(t, 'lt-arn'), person(t, 'vt-arn'));
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(rosterDir, { recursive: true, force: true });
  });

  let caseRef: string;
  let caseId: number;

  it('the case card in a new channel thread carries refresh with the Teams ids of the case team', async () => {
    const before = t.connector.requests.length;
    await t.post(channelMessage('casus nieuw Arnhem', { from: person(t, 'lt-arn'), serviceUrl: t.connector.url }));
    const create = t.connector.requests
      .slice(before)
      .find((r) => r.method === 'POST' && r.path === '/v3/conversations');
    const card = attachedCard(createdConversationActivity(create!), Card);
    caseRef = /Casus (CG-ARN-\d{4}-\d{4})/.exec(allText(card))![1]!;
    caseId = t.bot.ctx.store.cases.byRef(caseRef)!.id;
    const team = teamOf(t, caseId);
    expect(card.refresh?.action).toEqual({
      type: 'Action.Execute',
      title: 'Vernieuwen',
      verb: 'case.refresh',
      data: { caseRef },
    });
    expect(card.refresh?.userIds).toHaveLength(team.length);
    const aad = (id: string) => person(t, id).aadObjectId;
    expect(card.refresh?.userIds).toContain(`29:user-${aad('lt-arn')}`);
    expect(card.refresh?.userIds).toContain(`29:user-${aad('vt-arn')}`);
    expect(card.refresh?.userIds).toContain(`8:orgid:${aad('gi-arn')}`);
    expect(card.refresh?.userIds).not.toContain(`8:orgid:${aad('lt-doe')}`);
  });

  it('a member’s automatic refresh gets their own current case card, with the same refresh; on record once per version', async () => {
    const outboxBefore = outboxRows();
    const viewsBefore = viewsOf(caseId, 'vt-arn');
    const card = invokeCard(await t.post(refreshInvoke(t, person(t, 'vt-arn'), 'case.refresh', { caseRef })));
    expect(allText(card)).toContain(caseRef);
    expect(JSON.stringify(card)).toContain('case.eventForm');
    expect(card.refresh?.action).toMatchObject({ verb: 'case.refresh', data: { caseRef } });
    expect(card.refresh?.userIds).toHaveLength(teamOf(t, caseId).length);
    expect(viewsOf(caseId, 'vt-arn')).toBe(viewsBefore + 1);
    // Shown again (Teams refreshes whenever the card comes into view): the same card, and no new audit row.
    const rowsBefore = auditRows();
    const again = invokeCard(await t.post(refreshInvoke(t, person(t, 'vt-arn'), 'case.refresh', { caseRef })));
    expect(again).toEqual(card);
    expect(auditRows()).toBe(rowsBefore);
    expect(outboxRows()).toBe(outboxBefore);
  });

  it('someone who may not see the case gets a card without case content, and nothing is written', async () => {
    const rowsBefore = auditRows();
    for (const who of [person(t, 'lt-doe'), DEMO.stranger]) {
      const card = invokeCard(await t.post(refreshInvoke(t, who, 'case.refresh', { caseRef })));
      const text = allText(card.body);
      expect(card.actions).toBeUndefined();
      expect(card.refresh?.userIds).toBeUndefined();
      expect(text).toContain(NO_VIEW_TEXT);
      expect(text).not.toContain(caseRef);
      expect(text).not.toMatch(/Arnhem|Pien|Roos|Sem/);
    }
    // A case that does not exist answers the same.
    const unknown = invokeCard(
      await t.post(refreshInvoke(t, person(t, 'lt-doe'), 'case.refresh', { caseRef: 'CG-ARN-2026-9999' })),
    );
    expect(allText(unknown)).toContain(NO_VIEW_TEXT);
    expect(auditRows()).toBe(rowsBefore);
  });

  it('"Vernieuwen" pressed by hand is an ordinary card action: the own view, or the refusal as for an unknown case', async () => {
    const own = invokeCard(await press(t, 'gi-arn', 'case.refresh', { caseRef }));
    expect(allText(own)).toContain(caseRef);
    expect(own.refresh).toBeUndefined(); // teams-ai answers it: never with refresh (docs/architecture.md, Teams facts)
    const refused = await press(t, 'lt-doe', 'case.refresh', { caseRef });
    const unknown = await press(t, 'lt-doe', 'case.refresh', { caseRef: 'CG-ARN-2026-9999' });
    expect(refused.body).toMatchObject({ statusCode: 200, type: MESSAGE_TYPE });
    expect(refused.body).toEqual(unknown.body);
  });

  it('above 60 people the card in the channel is a neutral view with "Vernieuwen"; a member’s refresh gets their view', async () => {
    const big = arnhemCase(t);
    const extras = t.bot.ctx.roster.members.filter((m) => m.id.startsWith('extra-')).slice(0, 60);
    for (const m of extras) addMember(t.bot.ctx, { by: 'lt-arn', caseRef: big.ref, member: m.id, reason: 'Meedenken' });
    expect(teamOf(t, big.id).length).toBeGreaterThan(60);
    const ask = channelMessage(`casus ${big.ref}`, { from: person(t, 'lt-arn'), serviceUrl: t.connector.url });
    await t.post(ask);
    const shown = attachedCard(t.repliesTo(ask.conversation.id as string).at(-1), Card);
    expect(shown.refresh?.action).toMatchObject({
      type: 'Action.Execute',
      verb: 'case.refresh',
      data: { caseRef: big.ref },
    });
    expect(shown.refresh).not.toHaveProperty('userIds');
    expect(allText(shown.body)).not.toContain(big.ref);
    expect(allText(shown.body)).not.toMatch(/Arnhem|Pien|Roos|Sem/);
    expect(shown.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        title: 'Vernieuwen',
        verb: 'case.refresh',
        data: { caseRef: big.ref },
      }),
    ]);
    const mine = invokeCard(await t.post(refreshInvoke(t, person(t, 'vt-arn'), 'case.refresh', { caseRef: big.ref })));
    expect(allText(mine)).toContain(big.ref);
    expect(mine.refresh?.action).toMatchObject({ verb: 'case.refresh' });
    expect(mine.refresh).not.toHaveProperty('userIds');
  });

  it('the same case card in a 1:1 chat carries no refresh', async () => {
    const res = await press(t, 'lt-arn', 'case.show', { caseRef });
    expect(invokeCard(res).refresh).toBeUndefined();
  });
});
