import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { escalationCard } from '../../src/adapters/teams/escalation/escalation-card.js';
import { escalationViewFor } from '../../src/adapters/teams/escalation/escalation-view-for.js';
import { allText, arnhemCase, press } from './case-test-kit.js';

// "Opschalen naar …" on the escalation card asks first and names who will be told; nothing is sent and nothing
// changes before "Ja, opschalen". Over Teams-shaped HTTP.

type Button = {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { body?: unknown[]; actions?: Button[] };
};
type Card = { actions?: Button[] };

describe('raising an escalation asks first, naming who joins', () => {
  let t: TestBot;
  let ref: string;
  beforeAll(async () => {
    t = await startTestBot({ scheduler: false });
    ref = arnhemCase(t).ref;
    raiseEscalation(t.bot.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Welke passende zorg is er op korte termijn?',
      orgs: ['LT', 'GI'],
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const escalation = () => t.bot.ctx.store.escalations.ofCase(t.bot.ctx.store.cases.byRef(ref)!.id)[0]!;

  it('the button opens a confirmation with the team leads who would join; nothing changes before "Ja, opschalen"', async () => {
    const viewer = t.bot.ctx.roster.member('gi-arn')!;
    const card = escalationCard(escalationViewFor(t.bot.ctx, escalation(), viewer)) as unknown as Card;
    const raise = (card.actions ?? []).find((b) => b.title === 'Opschalen naar L1 teamleiders');
    expect(raise?.type).toBe('Action.ShowCard');
    const body = allText(raise?.card?.body);
    const leadLt = t.bot.ctx.roster.member('lead-lt-arn')!;
    const leadGi = t.bot.ctx.roster.member('lead-gi-1')!;
    expect(body).toContain('Bij L1 teamleiders komen erbij en krijgen deze escalatie:');
    expect(body).toContain(`- ${leadLt.name} (teamleider, ${leadLt.orgName})`);
    expect(body).toContain(`- ${leadGi.name} (teamleider, ${leadGi.orgName})`);
    expect(body).not.toContain(viewer.name); // who takes part already is not "joining"
    const confirm = raise!.card!.actions![0]!;
    expect([confirm.title, confirm.verb]).toEqual(['Ja, opschalen', 'escalation.raise']);
    expect(escalation().level).toBe('L0');

    // The confirmation's button does it.
    const answer = await press(t, 'gi-arn', confirm.verb!, confirm.data!);
    expect(answer.status).toBe(200);
    expect(escalation().level).toBe('L1');
    expect(escalation().participants).toEqual(expect.arrayContaining(['lead-lt-arn', 'lead-gi-1']));
  });
});
