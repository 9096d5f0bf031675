import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateFurther } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { z } from 'zod';
import { invokeCard as cardAnswer } from '../support/bot-answer.js';
import { startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import { allText, arnhemCase, press } from './case-test-kit.js';
import { cardOf, install, liveClock, P } from './workflow-fixtures.js';

// "Regionaal Expertteam inschakelen" as Teams shows it (docs/behaviour.md, "Flows between organisations"): the
// escalation card offers it from L2 on to its participants, asks for confirmation, and the RET member of Centraal
// Gelderland (ret-cg in db/seed/demo-roster.json) receives the escalation card in a chat the bot opens for them.

type Card = Record<string, unknown>;
interface Button {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { body?: unknown[]; actions?: Button[] };
}

const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };
const TITLE = 'Regionaal Expertteam inschakelen';

/** The card of an invoke answer, as a record like the cards the connector received (cardOf). */
const invokeCard = (res: PostResult): Card => cardAnswer(res, z.record(z.unknown()));
/** Delivers whatever is due and waits until nothing is pending (the case opened, the earlier levels). */
async function settle(t: TestBot): Promise<void> {
  t.bot.ctx.onOutbox?.();
  const pending = t.bot.database.sqlite.prepare(`SELECT count(*) AS n FROM deliveries WHERE state = 'pending'`);
  const deadline = Date.now() + 10_000;
  while ((pending.get() as { n: number }).n > 0) {
    if (Date.now() > deadline) throw new Error('test: the outbox did not settle within 10 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const buttons = (card: Card): Button[] => (card.actions as Button[] | undefined) ?? [];

describe('the regional expert team on the escalation card', () => {
  let t: TestBot;
  let ref: string;
  beforeAll(async () => {
    // Inside office hours, whenever the test runs: the escalation cards are not urgent and would wait for 08:30.
    t = await startTestBot({ scheduler: false, outbox: FAST, clock: liveClock('2026-06-02T10:00:00+02:00') });
    await install(t, P.lt, P.gi);
    ref = arnhemCase(t).ref;
    raiseEscalation(t.bot.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Welke passende zorg is er op korte termijn?',
      orgs: ['LT', 'GI'],
    });
    escalateFurther(t.bot.ctx, { by: 'gi-arn', caseRef: ref }); // → L1
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('at L1 the card does not offer it, and the action is refused in Dutch', async () => {
    const refused = await press(t, 'lt-arn', 'escalation.expertTeam', { caseRef: ref, escalation: 1 });
    expect(allText(refused.body)).toContain('Het Regionaal Expertteam schakel je in vanaf L2 (management).');
    expect(t.bot.ctx.store.escalations.ofCase(t.bot.ctx.store.cases.byRef(ref)!.id)[0]!.guests).toEqual([]);
  });

  it('from L2 a participant confirms it; the RET member gets the card; the button is gone', async () => {
    const l2 = invokeCard(await press(t, 'lead-lt-arn', 'escalation.raise', { caseRef: ref, escalation: 1 }));
    expect(allText(l2)).toContain('L2');
    const offer = buttons(l2).find((b) => b.title === TITLE);
    expect(offer?.type).toBe('Action.ShowCard'); // a confirmation step first
    expect(allText(offer?.card?.body)).toContain('kan de casus inzien zolang de escalatie open is');
    const confirm = offer!.card!.actions![0]!;
    await settle(t);

    const before = t.connector.requests.length;
    const answer = invokeCard(await press(t, 'lt-arn', confirm.verb!, confirm.data!));
    expect(allText(answer)).toContain('Het Regionaal Expertteam is ingeschakeld en krijgt de escalatiekaart.');
    expect(allText(answer)).toContain('Het Regionaal Expertteam neemt deel aan deze escalatie.');
    expect(buttons(answer).map((b) => b.title)).not.toContain(TITLE);

    await settle(t);
    const notice = 'Je bent als Regionaal Expertteam ingeschakeld bij deze escalatie (L2 management)';
    await t.connector.waitFor((rs) =>
      rs.slice(before).some((r) => r.method === 'POST' && allText(cardOf(r.body)).includes(notice)),
    );
    const sent = t.connector.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.status === 200 && cardOf(r.body) !== undefined);
    // Only the RET member is told; the chat was opened for them (they had not installed the bot).
    expect(sent.map((r) => allText(cardOf(r.body)).includes(notice))).toEqual([true]);
    const toRet = t.bot.database.sqlite
      .prepare(`SELECT state FROM deliveries WHERE recipient_id = 'ret-cg'`)
      .all() as Array<{ state: string }>;
    expect(toRet).toEqual([{ state: 'sent' }]);
  });
});
