import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationCopyKey } from '../../src/adapters/teams/escalation/escalation-card-copies.js';
import { cardAction, personalConversationId, type Person } from '../support/teams-activity.js';
import { invokeCard } from '../support/bot-answer.js';
import { startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import type { RecordedRequest } from '../support/fake-connector.js';
import { cardOf, cardText, install, liveClock, openArnhemCase, P } from './workflow-fixtures.js';

// Every copy of an escalation card the bot sent follows the escalation (docs/behaviour.md, "Cards several people
// see"): three participants get the card in their 1:1 chat; when one of them decides, the bot updates the other two
// copies in place (PUT on the activity it sent) to the decided card without live buttons; and a press on a card that
// is out of date answers with the current card, never with an error or the old card.

describe('escalation card copies', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00'); // Tuesday, office hours
  let t: TestBot;
  let caseRef: string;
  let seq: number;
  let escalationId: number;
  /** Who gets the card in their 1:1 chat (lt-arn raises it and gets it as the answer to their press). */
  const participants: Array<[string, Person]> = [
    ['vt-arn', P.vt],
    ['gi-arn', P.gi],
    ['rvdk-arn', P.rvdk],
  ];
  /** Where the bot remembers the card it sent the person (the activity id the connector gave it). */
  const copyOf = (memberId: string) =>
    t.bot.ctx.conversations.get(escalationCopyKey(escalationId, memberId)) as { activityId: string } | undefined;
  const pressOnCopy = (memberId: string, who: Person, verb: string, data: Record<string, unknown>) =>
    t.post(
      cardAction(
        verb,
        { caseRef, escalation: seq, ...data },
        {
          from: who,
          serviceUrl: t.connector.url,
          replyToId: copyOf(memberId)!.activityId,
        },
      ),
    );
  const answerCard = (res: PostResult) => {
    expect(res.status).toBe(200);
    return invokeCard(res);
  };
  const putTo = (p: Person, activityId: string) => (r: RecordedRequest) =>
    r.method === 'PUT' && r.conversationId === personalConversationId(p) && r.activityId === activityId;

  beforeAll(async () => {
    t = await startTestBot({
      clock,
      scheduler: false,
      outbox: { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 },
    });
    await install(t, P.lt, P.vt, P.gi, P.rvdk);
    caseRef = openArnhemCase(t).ref;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('three participants get the card; the bot remembers each copy', async () => {
    const res = await t.post(
      cardAction(
        'escalation.start',
        {
          caseRef,
          trigger: 'PROFESSIONAL_DILEMMA',
          orgs: 'LT,VT,GI,RVDK',
          question: 'Wie houdt de regie op de veiligheidsafspraken?',
        },
        { from: P.lt, serviceUrl: t.connector.url },
      ),
    );
    expect(cardText(answerCard(res))).toContain('escalation.decide');
    const e = t.bot.ctx.store.escalations.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id).at(-1)!;
    seq = e.seq;
    escalationId = e.id;
    expect(e.participants).toEqual(expect.arrayContaining(['lt-arn', ...participants.map(([id]) => id)]));
    await t.connector.waitFor(() => participants.every(([id]) => copyOf(id) !== undefined), 10_000);
    for (const [id, p] of participants) {
      const sent = t.connector.requests.find(
        (r) =>
          r.method === 'POST' &&
          r.conversationId === personalConversationId(p) &&
          r.status === 200 &&
          cardText(cardOf(r.body)).includes(`Escalatie ${seq} · casus`),
      );
      expect(cardText(cardOf(sent?.body)), id).toContain('escalation.decide');
    }
  });

  it('one decides: the other two copies are updated in place to the decision, without live buttons', async () => {
    const copies = Object.fromEntries(participants.map(([id]) => [id, copyOf(id)!.activityId]));
    t.connector.reset();
    const res = await pressOnCopy('vt-arn', P.vt, 'escalation.decide', {
      decision: 'VT houdt de regie tot de evaluatie',
      owner: 'vt-arn',
      deadline: '2026-06-19',
      familyInformed: 'no',
    });
    expect(cardText(answerCard(res))).toContain('Besluit vastgelegd');
    await t.connector.waitFor(
      (rs) => rs.some(putTo(P.gi, copies['gi-arn']!)) && rs.some(putTo(P.rvdk, copies['rvdk-arn']!)),
      10_000,
    );
    for (const [id, p] of participants.filter(([id]) => id !== 'vt-arn')) {
      const put = t.connector.requests.find(putTo(p, copies[id]!))!;
      const card = cardText(cardOf(put.body));
      expect(card, id).toContain('VT houdt de regie tot de evaluatie');
      expect(card, id).toContain('besloten');
      for (const verb of ['escalation.decide', 'escalation.raise', 'escalation.withdraw', 'escalation.plan'])
        expect(card, id).not.toContain(verb);
    }
    // The person who pressed got the new card in the answer: their copy is not updated a second time.
    expect(
      t.connector.requests.filter((r) => r.method === 'PUT' && r.conversationId === personalConversationId(P.vt)),
    ).toEqual([]);
  });

  it('a press on a card that is out of date answers with the current card and says so; nothing changes', async () => {
    const before = t.bot.ctx.store.escalations.byId(escalationId)!;
    for (const [verb, data] of [
      ['escalation.decide', { decision: 'Iets anders', owner: 'gi-arn', deadline: '2026-06-20', familyInformed: 'no' }],
      ['escalation.raise', { level: 'L0' }],
      ['escalation.withdraw', { reason: 'Niet meer nodig' }],
    ] as const) {
      const card = cardText(answerCard(await pressOnCopy('gi-arn', P.gi, verb, data)));
      expect(card, verb).toContain('Hierover is al besloten; dit is de huidige stand.');
      expect(card, verb).toContain('VT houdt de regie tot de evaluatie');
      expect(card, verb).not.toContain('escalation.decide');
    }
    expect(t.bot.ctx.store.escalations.byId(escalationId)).toEqual(before);
  });

  it('"Opschalen" on a card of a level that was raised meanwhile shows the current level, not a second step up', async () => {
    const res = await t.post(
      cardAction(
        'escalation.start',
        { caseRef, trigger: 'PROFESSIONAL_DILEMMA', orgs: 'LT,VT', question: 'Wie belt de school?' },
        { from: P.lt, serviceUrl: t.connector.url },
      ),
    );
    answerCard(res);
    const e = t.bot.ctx.store.escalations.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id).at(-1)!;
    const raise = (who: Person) =>
      t.post(
        cardAction(
          'escalation.raise',
          { caseRef, escalation: e.seq, level: 'L0' },
          { from: who, serviceUrl: t.connector.url },
        ),
      );
    expect(cardText(answerCard(await raise(P.lt)))).toContain('Opgeschaald naar');
    const level = t.bot.ctx.store.escalations.byId(e.id)!.level;
    const stale = cardText(answerCard(await raise(P.vt)));
    expect(stale).toContain('Deze escalatie staat intussen op');
    expect(t.bot.ctx.store.escalations.byId(e.id)!.level).toBe(level);
  });

  it('a participant who leaves the case: each copy they hold becomes a card without case content, and later changes never reach it', async () => {
    const escalations = t.bot.ctx.store.escalations.ofCase(t.bot.ctx.store.cases.byRef(caseRef)!.id);
    const open = escalations.at(-1)!;
    const held = escalations
      .map((e) => t.bot.ctx.conversations.get(escalationCopyKey(e.id, 'vt-arn')) as { activityId: string } | undefined)
      .filter((c) => c !== undefined);
    expect(held.length).toBeGreaterThan(0); // at least the decided one she pressed on
    t.connector.reset();
    const removed = await t.post(
      cardAction(
        'team.remove',
        { caseRef, removeMember: 'vt-arn', removeReason: 'VT niet meer betrokken' },
        { from: P.vt, serviceUrl: t.connector.url },
      ),
    );
    expect(removed.status).toBe(200);
    await t.connector.waitFor((rs) => held.every((c) => rs.some(putTo(P.vt, c.activityId))), 10_000);
    const toVt = () =>
      t.connector.requests.filter((r) => r.method === 'PUT' && r.conversationId === personalConversationId(P.vt));
    for (const put of toVt()) {
      const card = cardText(cardOf(put.body));
      expect(card).toContain('Je ziet hier geen gegevens van de casus.');
      expect(card).not.toContain(caseRef);
      expect(card).not.toContain('VT houdt de regie');
      expect(card).not.toContain('escalation.');
    }
    // The escalation still open is withdrawn afterwards: the others' copies follow, hers says nothing of it.
    t.connector.reset();
    const withdrawn = await t.post(
      cardAction(
        'escalation.withdraw',
        { caseRef, escalation: open.seq, reason: 'Samen opgelost' },
        { from: P.lt, serviceUrl: t.connector.url },
      ),
    );
    expect(cardText(answerCard(withdrawn))).toContain('ingetrokken');
    await t.connector.waitFor((rs) => rs.some((r) => r.method === 'PUT'), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    for (const put of toVt()) expect(cardText(cardOf(put.body))).not.toContain('ingetrokken');
  });
});
