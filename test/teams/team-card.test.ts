import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invokeCard } from '../support/bot-answer.js';
import type { TestBot } from '../support/start-test-bot.js';
import {
  allText,
  answerText,
  arnhemCase,
  auditOf,
  CARD_TYPE,
  MESSAGE_TYPE,
  press,
  say,
  startCaseBot,
  teamOf,
} from './case-test-kit.js';

/** The team card as this test reads it: its buttons, each with the form it opens. */
const TeamCard = z.object({
  body: z.array(z.unknown()),
  actions: z.array(
    z.object({
      type: z.string(),
      title: z.string(),
      verb: z.string().optional(),
      card: z
        .object({
          body: z.array(
            z.object({
              id: z.string().optional(),
              choices: z.array(z.object({ value: z.string(), title: z.string() })).optional(),
            }),
          ),
          actions: z.array(z.object({ verb: z.string(), data: z.unknown() })),
        })
        .optional(),
    }),
  ),
});

describe('the team card and its Action.Execute forms', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('team.show answers with the team card: name, organisation and role of each member, coordinator marked, four forms', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'lt-arn', 'team.show', { caseRef: c.ref });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      statusCode: 200,
      type: CARD_TYPE,
      value: { type: 'AdaptiveCard', version: '1.5' },
    });
    const card = invokeCard(res, TeamCard);
    const text = allText(card.body);
    expect(text).toContain(
      'Pien Meijer (fictief): Stichting Wijkteams Arnhem (Lokaal Team), uitvoerend professional · casusregisseur',
    );
    expect(text).toContain(
      'Sem Jansen (fictief): Jeugdbescherming Gelderland (Gecertificeerde Instelling), uitvoerend professional',
    );
    expect(card.actions.map((a) => a.title)).toEqual([
      'Lid toevoegen',
      'Lid vervangen',
      'Lid verwijderen',
      'Casusregie overdragen',
      'Terug naar de casus',
    ]);
    const add = card.actions[0]!.card!;
    expect(add.actions[0]).toMatchObject({ verb: 'team.add', data: { caseRef: c.ref } });
    const choices = add.body.find((i) => i.id === 'addMember')!.choices!;
    const values = choices.map((ch) => ch.value);
    expect(values).toContain('gw-lt-arn');
    expect(values).toContain('gi-arn-2');
    for (const member of teamOf(t, c.id)) expect(values).not.toContain(member);
    // grouped by organisation: Lokaal Team first, then Veilig Thuis, the GI, the Raad, the table
    const orgs = choices.map((ch) => ch.title.split(':')[0]);
    expect([...new Set(orgs)]).toEqual([
      'Lokaal Team',
      'Veilig Thuis',
      'Gecertificeerde Instelling',
      'Raad voor de Kinderbescherming',
      'Jeugdbeschermingstafel',
    ]);
  });

  it('team.add: a member adds a colleague with a reason; the refreshed team card replaces the old one', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'lt-arn', 'team.add', {
      caseRef: c.ref,
      addMember: 'gw-lt-arn',
      addReason: 'advies over veiligheid',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(answerText(res)).toContain('Quinten Hendriks (fictief) is toegevoegd aan het casusteam.');
    expect(answerText(res)).toContain(
      'Quinten Hendriks (fictief): Stichting Wijkteams Arnhem (Lokaal Team), gedragswetenschapper',
    );
    expect(teamOf(t, c.id)).toContain('gw-lt-arn');
    expect(auditOf(t, c.id).find((a) => a.action === 'member.added')).toMatchObject({
      actor: 'lt-arn',
      reason: 'advies over veiligheid',
      details: { member: 'gw-lt-arn' },
    });
  });

  it.each([
    ['no reason', { addMember: 'gw-lt-arn' }, 'Vul een reden in.'],
    ['an empty reason', { addMember: 'gw-lt-arn', addReason: '' }, 'Vul een reden in.'],
    ['a blank reason', { addMember: 'gw-lt-arn', addReason: '   ' }, 'Vul een reden in.'],
    ['no one chosen', { addReason: 'hulp nodig' }, 'Kies wie erbij komt.'],
    [
      'a member id that is not an id',
      { addMember: 'Pien <script>', addReason: 'x' },
      'Die persoon staat niet in het rooster.',
    ],
  ])('team.add with %s is refused in Dutch and stores nothing', async (_label, fields, message) => {
    const c = arnhemCase(t);
    const before = auditOf(t, c.id).length;
    const res = await press(t, 'lt-arn', 'team.add', { caseRef: c.ref, ...fields });
    expect(res.body).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: message });
    expect(teamOf(t, c.id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    expect(auditOf(t, c.id)).toHaveLength(before);
  });

  it('a card without a valid case reference gets a Dutch sentence', async () => {
    const res = await press(t, 'lt-arn', 'team.show', { caseRef: 'iets anders' });
    expect(res.body).toEqual({
      statusCode: 200,
      type: MESSAGE_TYPE,
      value: 'Deze kaart hoort niet bij een geldige casus.',
    });
    const none = await press(t, 'lt-arn', 'team.show', {});
    expect(none.body).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: 'Deze kaart hoort niet bij een casus.' });
  });

  it('replacing the GI member (by their team lead) opens an H6 warm handover, visible on the case card', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'lead-gi-1', 'team.replace', {
      caseRef: c.ref,
      replaceMember: 'gi-arn',
      replaceSuccessor: 'gi-arn-2',
      replaceReason: 'ouderschapsverlof',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    const successor = t.bot.ctx.roster.member('gi-arn-2')!.name;
    expect(answerText(res)).toContain(
      `${successor} neemt het over van Sem Jansen (fictief). Er is een warme overdracht geopend.`,
    );
    expect(teamOf(t, c.id)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    const handovers = t.bot.ctx.store.handovers.ofCase(c.id);
    expect(handovers).toMatchObject([{ moment: 'H6', fromMember: 'gi-arn', toMember: 'gi-arn-2', state: 'open' }]);
    const caseCard = allText((await say(t, 'lt-arn', `casus ${c.ref}`))[0]);
    expect(caseCard).toMatch(
      new RegExp(`H6 [^:]+: Sem Jansen \\(fictief\\) → ${successor.replace(/[()]/g, '\\$&')}, 0/\\d+ afgevinkt, loopt`),
    );
    expect(caseCard).toContain('Warme overdracht afgerond: uiterlijk');
  });

  it('replacing yourself: a short text, because you no longer see the case', async () => {
    const c = arnhemCase(t);
    const res = await press(t, 'vt-arn', 'team.replace', {
      caseRef: c.ref,
      replaceMember: 'vt-arn',
      replaceSuccessor: 'vt-doe',
      replaceReason: 'ander werkgebied',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: MESSAGE_TYPE });
    expect(answerText(res)).toContain('Je zit niet meer in dit casusteam');
    expect(teamOf(t, c.id)).toContain('vt-doe');
  });

  it('team.remove: someone else than the person, their lead or a pilot coordinator is refused; the pilot coordinator may', async () => {
    const c = arnhemCase(t);
    const refused = await press(t, 'lt-arn', 'team.remove', {
      caseRef: c.ref,
      removeMember: 'vt-arn',
      removeReason: 'niet meer nodig',
    });
    expect(refused.body).toMatchObject({
      type: MESSAGE_TYPE,
      value: expect.stringMatching(/^Iemand verwijderen kan alleen/),
    });
    expect(teamOf(t, c.id)).toContain('vt-arn');
    const res = await press(t, 'coord-arn', 'team.remove', {
      caseRef: c.ref,
      removeMember: 'vt-arn',
      removeReason: 'niet meer nodig',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(answerText(res)).toContain('Roos de Graaf (fictief) is uit het casusteam gehaald.');
    expect(teamOf(t, c.id)).not.toContain('vt-arn');
    expect(auditOf(t, c.id).find((a) => a.action === 'member.removed')).toMatchObject({
      actor: 'coord-arn',
      reason: 'niet meer nodig',
    });
  });

  it('team.setCoordinator hands the casusregie to another member, with a reason in the audit log', async () => {
    const c = arnhemCase(t);
    const missing = await press(t, 'lt-arn', 'team.setCoordinator', {
      caseRef: c.ref,
      coordinatorMember: 'gi-arn',
      coordinatorReason: '',
    });
    expect(missing.body).toMatchObject({ type: MESSAGE_TYPE, value: 'Vul een reden in.' });
    const res = await press(t, 'lt-arn', 'team.setCoordinator', {
      caseRef: c.ref,
      coordinatorMember: 'gi-arn',
      coordinatorReason: 'maatregel uitgesproken',
    });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(answerText(res)).toContain(
      'Sem Jansen (fictief): Jeugdbescherming Gelderland (Gecertificeerde Instelling), uitvoerend professional · casusregisseur',
    );
    expect(t.bot.ctx.store.cases.byId(c.id)!.coordinatorId).toBe('gi-arn');
    expect(auditOf(t, c.id).find((a) => a.action === 'case.coordinator')).toMatchObject({
      actor: 'lt-arn',
      reason: 'maatregel uitgesproken',
      details: { from: 'lt-arn', to: 'gi-arn' },
    });
    const outsider = await press(t, 'lt-arn', 'team.setCoordinator', {
      caseRef: c.ref,
      coordinatorMember: 'lt-ren',
      coordinatorReason: 'test',
    });
    expect(outsider.body).toMatchObject({ type: MESSAGE_TYPE, value: 'Die persoon zit niet in het casusteam.' });
  });
});
