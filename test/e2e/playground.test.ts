/**
 * End to end through a real client emulator: the bot (`node --import tsx src/main.ts`, local mode) and the Microsoft
 * 365 Agents Playground (`@microsoft/m365agentsplayground`, offline) as child processes. The test drives the
 * playground's own HTTP API (what its web UI calls) and reads the bot's answers from its WebSockets:
 *   - `/_ws_conversation/v1/conversations/stream`: every bot message (what the UI renders);
 *   - `/_ws/log/stream`: every activity to the bot and every connector call of the bot, with status and bodies.
 * The playground sends no conversation frame for an invoke's answer (the UI takes the refreshed card from the HTTP
 * response); the log stream shows it, and a later `casus <ref>` shows the change in a new card.
 * currentUser in .m365agentsplayground.yml is rvdk-arn (Tess de Groot), on the Arnhem fixed team.
 * Steps share one bot and one playground and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botCardIn,
  botTextIn,
  CASE_REF,
  cardOf,
  cardTexts,
  install,
  PLAYGROUND,
  pressExecute,
  sendText,
  startE2E,
  type AdaptiveCardJson,
  type ConversationStream,
  type E2E,
  type LogFrame,
  type LogStream,
  type StreamFrame,
} from './support/playground-harness.js';

const LT_ARN = '00000000-0000-4000-8000-000000000016'; // Pien Meijer, Lokaal Team Arnhem: casusregisseur of new Arnhem cases
const ARNHEM_TEAM = [
  'Pien Meijer (fictief)',
  'Roos de Graaf (fictief)',
  'Sem Jansen (fictief)',
  'Tess de Groot (fictief)',
];
const CARD = 'application/vnd.microsoft.card.adaptive';

type CardAction = NonNullable<AdaptiveCardJson['actions']>[number];

function action(card: AdaptiveCardJson | undefined, title: string): CardAction {
  const found = card?.actions?.find((a) => a.title === title);
  if (!found)
    throw new Error(`no action "${title}" on the card; actions: ${card?.actions?.map((a) => a.title).join(', ')}`);
  return found;
}

/** A button inside the card's body (an ActionSet), as the event chooser has one per event. */
function bodyAction(card: AdaptiveCardJson | undefined, title: string): CardAction {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; actions?: CardAction[] };
    if (n.type === 'ActionSet') found.push(...(n.actions ?? []).filter((a) => a.title === title));
    Object.values(node).forEach(walk);
  };
  walk((card as { body?: unknown } | undefined)?.body);
  if (!found[0]) throw new Error(`no button "${title}" in the card's body`);
  return found[0];
}

const textOf = (card: unknown) => cardTexts(card).join('\n');

/** An activity the playground delivered to the bot (log stream), with the bot's HTTP status. */
const deliveredToBot =
  (activityName: string, conversationId: string, extra: (body: Record<string, unknown>) => boolean = () => true) =>
  (f: LogFrame): boolean => {
    const body = f.log?.request?.body;
    return (
      f.log?.activityName === activityName &&
      f.log.conversationId === conversationId &&
      f.log.from === 'Microsoft 365 Agents Playground' &&
      typeof body === 'object' &&
      body !== null &&
      extra(body)
    );
  };

describe('the bot in the Microsoft 365 Agents Playground (real processes, offline)', { timeout: 60_000 }, () => {
  let e: E2E | undefined;
  let stream: ConversationStream;
  let log: LogStream;
  const personal = PLAYGROUND.personalChat;
  // Filled in by the steps, in order.
  let caseRef = '';
  let caseCardFrame: StreamFrame;

  beforeAll(async () => {
    e = await startE2E();
    stream = await e.openStream();
    log = await e.openLogStream();
  }, 120_000);

  afterAll(async () => {
    stream?.close();
    log?.close();
    await e?.stop();
  }, 30_000);

  const pg = (): E2E => {
    if (!e) throw new Error('not started');
    return e;
  };

  it('installs the app in the personal chat: the bot accepts installationUpdate and conversationUpdate', async () => {
    await install(pg(), personal);
    const installation = await log.next(
      deliveredToBot('installationUpdate', personal),
      'installationUpdate to the bot',
    );
    expect(installation.log?.response?.statusCode).toBe(200);
    expect(installation.log?.request?.body).toMatchObject({ action: 'add', channelId: 'msteams' });
    const update = await log.next(deliveredToBot('conversationUpdate', personal), 'conversationUpdate to the bot');
    expect(update.log?.response?.statusCode).toBe(200);
  });

  it('`casus nieuw Arnhem` answers with the case card on the conversation stream', async () => {
    const sent = await sendText(pg(), personal, 'casus nieuw Arnhem');
    expect(sent.messageId).toMatch(/^\d+$/);

    caseCardFrame = await stream.next(botCardIn(personal, CASE_REF), 'case card in the personal chat');
    expect(caseCardFrame.message?.from?.id).toBe(PLAYGROUND.botId);
    const card = cardOf(caseCardFrame)!;
    const text = textOf(card);
    caseRef = CASE_REF.exec(text)![0];
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardTexts(card)[0]).toBe(`Casus ${caseRef}`);
    expect(card.body).toContainEqual({
      type: 'FactSet',
      facts: expect.arrayContaining([
        { title: 'Gemeente', value: 'Arnhem' },
        { title: 'Casusregisseur', value: 'Pien Meijer (fictief)' },
      ]),
    });
    for (const name of ARNHEM_TEAM) expect(text).toContain(name);
    expect(action(card, 'Team')).toEqual({
      type: 'Action.Execute',
      title: 'Team',
      verb: 'team.show',
      data: { caseRef },
      associatedInputs: 'none', // opening the team card reads no inputs: no client-side validation first
    });
    expect(card.actions?.map((a) => a.title)).toEqual([
      'Team',
      'Gebeurtenis vastleggen',
      'Fase wijzigen',
      'Casus sluiten',
      'Acuut onveilig',
    ]);

    // The message went to the bot from currentUser, as the playground says (log stream).
    const delivered = await log.next(
      deliveredToBot('message', personal, (b) => b.text === 'casus nieuw Arnhem'),
      'the message to the bot',
    );
    expect(delivered.log?.request?.body).toMatchObject({
      from: { id: PLAYGROUND.currentUserId },
      conversation: { conversationType: 'personal' },
    });
    expect(delivered.log?.response?.statusCode).toBe(200);
  });

  it('`team <ref>` answers with the team card: name, organisation and role of each member', async () => {
    await sendText(pg(), personal, `team ${caseRef}`);
    const frame = await stream.next(botCardIn(personal, `Casusteam ${caseRef}`), 'team card in the personal chat');
    const card = cardOf(frame)!;
    const text = textOf(card);
    expect(cardTexts(card)[0]).toBe(`Casusteam ${caseRef}`);
    expect(text).toContain('Gemeente Arnhem.');
    expect(text).toContain(
      'Pien Meijer (fictief): Stichting Wijkteams Arnhem (Lokaal Team), uitvoerend professional · casusregisseur',
    );
    expect(text).toContain(
      'Tess de Groot (fictief): Raad voor de Kinderbescherming regio Arnhem (Raad voor de Kinderbescherming), uitvoerend professional',
    );
    for (const name of ARNHEM_TEAM) expect(text).toContain(name);
    expect(action(card, 'Terug naar de casus')).toMatchObject({
      type: 'Action.Execute',
      verb: 'case.show',
      data: { caseRef },
    });
    expect(card.actions?.map((a) => a.title)).toEqual([
      'Lid toevoegen',
      'Lid vervangen',
      'Lid verwijderen',
      'Casusregie overdragen',
      'Terug naar de casus',
    ]);
  });

  it('pressing "Team" on the case card (invoke) returns the team card; the log stream shows the invoke and its answer', async () => {
    const team = action(cardOf(caseCardFrame), 'Team');
    const replyToId = caseCardFrame.message!.messageId;
    const answer = await pressExecute(pg(), {
      conversationId: personal,
      replyToId,
      verb: team.verb!,
      data: team.data!,
    });
    expect(answer.type).toBe(CARD);
    expect(cardTexts(answer.value)[0]).toBe(`Casusteam ${caseRef}`);
    for (const name of ARNHEM_TEAM) expect(textOf(answer.value)).toContain(name);

    const invoke = await log.next(
      deliveredToBot(
        'invoke',
        personal,
        (b) => (b.value as { action?: { verb?: string } }).action?.verb === 'team.show',
      ),
      'the invoke to the bot',
    );
    expect(invoke.log?.request?.body).toMatchObject({
      name: 'adaptiveCard/action',
      replyToId,
      from: { id: PLAYGROUND.currentUserId },
      value: { action: { type: 'Action.Execute', verb: 'team.show', data: { caseRef } } },
    });
    expect(invoke.log?.response?.statusCode).toBe(200);
    expect(invoke.log?.response?.body).toMatchObject({ statusCode: 200, type: CARD, value: { type: 'AdaptiveCard' } });

    // And back: "Terug naar de casus" on the team card (which now replaces the case card in that message).
    const back = action(answer.value as AdaptiveCardJson, 'Terug naar de casus');
    const caseAgain = await pressExecute(pg(), {
      conversationId: personal,
      replyToId,
      verb: back.verb!,
      data: back.data!,
    });
    expect(cardTexts(caseAgain.value)[0]).toBe(`Casus ${caseRef}`);
  });

  it('recording an event with the card form changes the case: the answer says so, and the next case card on the stream shows the new timer', async () => {
    // The form opens on demand: "Gebeurtenis vastleggen" answers with the form card, for the person who pressed.
    const open = action(cardOf(caseCardFrame), 'Gebeurtenis vastleggen');
    expect(open.type).toBe('Action.Execute');
    const form = await pressExecute(pg(), {
      conversationId: personal,
      replyToId: caseCardFrame.message!.messageId,
      verb: open.verb!,
      data: open.data!,
    });
    expect(form.type).toBe(CARD);
    // Step 1 chooses the event; step 2 is the form of exactly that event (this one has no fields).
    expect(textOf(form.value)).toContain('Wat is er gebeurd?');
    const choose = bodyAction(form.value as AdaptiveCardJson, 'Melding ontvangen bij Veilig Thuis');
    const eventForm = await pressExecute(pg(), {
      conversationId: personal,
      replyToId: caseCardFrame.message!.messageId,
      verb: choose.verb!,
      data: choose.data!,
    });
    expect(eventForm.type).toBe(CARD);
    expect(cardTexts(eventForm.value)[0]).toBe(`Melding ontvangen bij Veilig Thuis · ${caseRef}`);
    const submit = action(eventForm.value as AdaptiveCardJson, 'Vastleggen');
    const data = { ...submit.data };
    const answer = await pressExecute(pg(), {
      conversationId: personal,
      replyToId: caseCardFrame.message!.messageId,
      verb: submit.verb!,
      data,
    });
    expect(answer.type).toBe(CARD);
    const texts = cardTexts(answer.value);
    expect(texts[0]).toBe('Vastgelegd: Melding ontvangen bij Veilig Thuis.');
    expect(texts.join('\n')).toMatch(/Veiligheidsbeoordeling Veilig Thuis: uiterlijk /);

    await sendText(pg(), personal, `casus ${caseRef}`);
    const frame = await stream.next(
      botCardIn(personal, /Veiligheidsbeoordeling Veilig Thuis: uiterlijk /),
      'the case card with the new timer',
    );
    expect(cardTexts(cardOf(frame))[0]).toBe(`Casus ${caseRef}`);
  });

  it('in the team channel, `@Teammodel casus nieuw Arnhem` starts a thread with the case card; a teammate presses "Team" on it', async () => {
    await install(pg(), PLAYGROUND.team);
    const sent = await sendText(pg(), PLAYGROUND.team, 'casus nieuw Arnhem', { mentionBot: true });
    expect(sent.postConversationId).toBe(`${PLAYGROUND.team};messageid=${sent.messageId}`);

    // A new post in the General channel, carrying the card of a second case...
    const thread = await stream.next(
      (f) => botCardIn(PLAYGROUND.team, CASE_REF)(f) && f.message?.postConversationId !== undefined,
      'the case thread (a new channel post with the case card)',
    );
    const ref = CASE_REF.exec(textOf(cardOf(thread)))![0];
    expect(ref).not.toBe(caseRef);
    expect(thread.message?.postConversationId).toBe(`${PLAYGROUND.team};messageid=${thread.message?.messageId}`);
    // ...and a short answer in the person's own thread.
    const reply = await stream.next(
      botTextIn(sent.postConversationId!, /is aangemaakt; ik heb een draad voor deze casus gestart\.$/),
      'the answer in the asking thread',
    );
    expect(reply.message?.text).toBe(`Casus ${ref} is aangemaakt; ik heb een draad voor deze casus gestart.`);

    // Pien Meijer (lt-arn), not the one typing, presses "Team" on the card in the case thread.
    const team = action(cardOf(thread), 'Team');
    const answer = await pressExecute(pg(), {
      conversationId: thread.message!.postConversationId!,
      replyToId: thread.message!.messageId,
      verb: team.verb!,
      data: team.data!,
      from: LT_ARN,
    });
    expect(cardTexts(answer.value)[0]).toBe(`Casusteam ${ref}`);
    const invoke = await log.next(
      deliveredToBot('invoke', thread.message!.postConversationId!),
      'the teammate’s invoke to the bot',
    );
    expect(invoke.log?.request?.body).toMatchObject({
      from: { id: LT_ARN },
      conversation: { conversationType: 'channel' },
      channelData: { team: { id: PLAYGROUND.team } },
    });
    expect(invoke.log?.response?.statusCode).toBe(200);
  });

  it('nothing failed on the way: every activity to the bot and every connector call of the bot got a 2xx; the bot logged no error', async () => {
    const calls = log.frames.filter((f) => f.log?.activityName !== undefined);
    expect(calls.length).toBeGreaterThanOrEqual(15);
    const failed = calls.filter((f) => {
      const status = f.log?.response?.statusCode ?? 0;
      return status < 200 || status > 299;
    });
    expect(
      failed.map((f) => `${f.log?.activityName} ${f.log?.from} -> ${f.log?.to}: ${f.log?.response?.statusCode}`),
    ).toEqual([]);
    const errors = pg()
      .bot.output()
      .split('\n')
      .filter((line) => /^\{"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
