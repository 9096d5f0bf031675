import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { PERSONAL_CHAT_ONLY_TEXT } from '../../src/adapters/teams/pilot/export-file-consent.js';
import { personalConversationId } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { allText, answerText, cardOf, person, press, say, sayInChannel } from '../teams/case-test-kit.js';
import { install, liveClock, openArnhemCase, P } from '../teams/workflow-fixtures.js';

// Issue 18 item 2, over HTTP with the fake Bot Connector: `bereikbaarheid` for pilot coordinators, the case thread
// that gets a message its member could not be sent (with an @mention), and the acute reporter who is told at once
// whom the bot cannot reach. Deliveries happen during office hours (a Tuesday morning on a clock that runs).

const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };

const textOf = (replies: Array<Record<string, unknown>>) =>
  replies.map((r) => (typeof r.text === 'string' ? r.text : allText(cardOf(r)))).join('\n');

/** The Arnhem block of the card: the line that counts, and the lines of the people it lists. */
const arnhemLines = (text: string) => text.split('\n').filter((l) => l.startsWith('Arnhem') || l.startsWith('- '));

describe('bereikbaarheid', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00');
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('names, per municipality of the pilot, whom the bot cannot reach yet and why; each install takes one off', async () => {
    const first = textOf(await say(t, 'coord-arn', 'bereikbaarheid'));
    expect(first).toContain('Wie ik nog niet zelf kan bereiken');
    // 21 people of Arnhem; the coordinator wrote just now, so the bot has their chat.
    expect(arnhemLines(first)[0]).toBe('Arnhem: 20 van de 21 mensen kan ik nog niet zelf bereiken');
    expect(first).toContain(
      '- Roos de Graaf (fictief), uitvoerend professional, Veilig Thuis Gelderland-Midden: de app is nog niet voor deze persoon geïnstalleerd, of de persoon heeft de bot nog nooit een bericht gestuurd',
    );
    expect(first).not.toContain('pilotcoördinator, ');
    expect(first).toContain('Vraag de Teams-beheerder van de organisatie de app Teammodel voor hen te installeren');

    await install(t, P.vt, P.lt);
    const after = textOf(await say(t, 'coord-arn', 'bereikbaarheid Arnhem'));
    expect(arnhemLines(after)[0]).toBe('Arnhem: 18 van de 21 mensen kan ik nog niet zelf bereiken');
    expect(after).not.toContain('Roos de Graaf');
    expect(after).not.toContain('Pien Meijer');
  });

  it('someone who blocked the bot is listed with the day of the message that did not arrive', async () => {
    const vt = personalConversationId(P.vt);
    t.connector.failConversation(vt, { status: 403 });
    try {
      const kase = openArnhemCase(t); // "added to the case" to vt-arn, gi-arn and rvdk-arn
      await t.connector.waitFor((rs) => rs.some((r) => r.conversationId === vt && r.status === 403));
      await new Promise((r) => setTimeout(r, 100)); // the mark follows the answer
      const text = textOf(await say(t, 'coord-arn', 'bereikbaarheid'));
      expect(text).toContain(
        '- Roos de Graaf (fictief), uitvoerend professional, Veilig Thuis Gelderland-Midden: het bericht van 2 juni 2026 kwam niet aan: de persoon heeft de teammodel-bot geblokkeerd of verwijderd',
      );
      expect(text).not.toContain(kase.ref); // no case in this card
    } finally {
      t.connector.failConversation(vt, undefined);
    }
  });

  it('only for pilot coordinators, within their pilot, in their personal chat; each look is on record', async () => {
    expect(textOf(await say(t, 'lt-arn', 'bereikbaarheid'))).toBe(
      'Wie de bot niet kan bereiken, zien alleen de pilotcoördinatoren, voor de gemeenten van hun pilot.',
    );
    expect(textOf(await say(t, 'lead-lt-arn', 'reachability Arnhem'))).toBe(
      'Wie de bot niet kan bereiken, zien alleen de pilotcoördinatoren, voor de gemeenten van hun pilot.',
    );
    expect(textOf(await say(t, 'coord-arn', 'bereikbaarheid Doesburg'))).toBe(
      'Dat kun je alleen zien voor de gemeenten van je pilot: Arnhem.',
    );
    const { activity } = await sayInChannel(t, 'coord-arn', 'bereikbaarheid');
    expect(t.repliesTo(activity.conversation.id).map((r) => r.text)).toEqual([PERSONAL_CHAT_ONLY_TEXT]);
    await new Promise((r) => setTimeout(r, 50)); // reads are committed together, a moment after the answer
    const audit = t.bot.database.sqlite
      .prepare(
        `SELECT actor, action FROM audit_log WHERE action IN ('reachability.viewed', 'access.refused') ORDER BY id`,
      )
      .all();
    expect(audit).toEqual([
      { actor: 'coord-arn', action: 'reachability.viewed' },
      { actor: 'coord-arn', action: 'reachability.viewed' },
      { actor: 'coord-arn', action: 'reachability.viewed' },
      { actor: 'lt-arn', action: 'access.refused' },
      { actor: 'lead-lt-arn', action: 'access.refused' },
      { actor: 'coord-arn', action: 'access.refused' },
    ]);
  });
});

describe('a message that cannot reach a case member, in the case thread', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00');
  let t: TestBot;
  let ref: string;
  let thread: string;
  const vtAad = () => person(t, 'vt-arn').aadObjectId;
  /** Teams refuses to start a 1:1 chat with vt-arn: the app is not installed for her. */
  const notInstalledForVt = () =>
    t.connector.failNext(
      50,
      { status: 403 },
      {
        method: 'POST',
        path: '/v3/conversations',
        body: (b) => (b as { members?: Array<{ id?: string }> } | undefined)?.members?.[0]?.id === vtAad(),
      },
    );
  const threadCards = () =>
    t.connector
      .activitiesTo(thread)
      .map((a) => cardOf(a))
      .filter((c): c is Record<string, unknown> => c !== undefined && allText(c).includes('Roos de Graaf'));

  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(t, P.lt, P.gi, P.rvdk);
    notInstalledForVt();
    const { activity } = await sayInChannel(t, 'lt-arn', 'casus nieuw Arnhem');
    ref = /Casus (CG-ARN-\d{4}-\d{4})/.exec(String(t.repliesTo(activity.conversation.id)[0]!.text))![1]!;
    const id = t.bot.ctx.store.cases.byRef(ref)!.id;
    thread = (t.bot.ctx.conversations.get(`case:${id}`) as { conversation: { id: string } }).conversation.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('posts that there is a message for her, @mentioning her by her Entra object id, without its content', async () => {
    await t.connector.waitFor(() => threadCards().length === 1);
    const [card] = threadCards();
    expect(card!.body).toEqual([
      expect.objectContaining({ text: `Niet persoonlijk bezorgd: casus ${ref}` }),
      expect.objectContaining({
        text: '<at>Roos de Graaf (fictief)</at>, ik kon je een bericht aan het casusteam niet in je eigen chat met de teammodel-bot bezorgen.',
      }),
      expect.objectContaining({ text: expect.stringContaining(`en stuur: casus ${ref}.`) }),
      expect.objectContaining({ text: expect.stringContaining('Hier staat alleen dat er iets voor je is, niet wat.') }),
    ]);
    expect(card!.msteams).toEqual({
      entities: [
        {
          type: 'mention',
          text: '<at>Roos de Graaf (fictief)</at>',
          mentioned: { id: vtAad(), name: 'Roos de Graaf (fictief)' },
        },
      ],
    });
    expect(allText(card)).not.toMatch(/toegevoegd|Pien Meijer/);
    // Her lead hears it too, and that the thread has it.
    await t.connector.waitFor((rs) =>
      rs.some((r) => r.status === 200 && allText(r.body).includes('Ik heb in de draad van de casus gezet')),
    );
  });

  it('an acute alert: the reporter sees at once whom the bot probably cannot reach, and the thread warns her', async () => {
    const confirm = textOf(await say(t, 'lt-arn', `acuut ${ref}`));
    expect(confirm).toContain('Ik waarschuw dan direct, ook buiten kantoortijd:');
    expect(confirm).toContain('Waarschijnlijk niet bereikbaar via Teams, bel hen zelf:');
    expect(confirm).toContain(
      'Roos de Graaf (fictief), uitvoerend professional, Veilig Thuis Gelderland-Midden: het bericht van 2 juni 2026 kwam niet aan: Teams liet geen chat starten; de app is niet voor deze persoon geïnstalleerd, of geblokkeerd',
    );
    // A lead who never had a message from the bot nor wrote to it: listed too.
    expect(confirm).toMatch(/Gijs Dijkstra \(fictief\), teamleider, [^:]+: de app is nog niet voor deze persoon/);
    const raised = answerText(await press(t, 'lt-arn', 'acute.confirm', { caseRef: ref }));
    expect(raised).toContain('Acute onveiligheid gemeld');
    expect(raised).toContain('Waarschijnlijk niet bereikbaar via Teams, bel hen zelf:');
    expect(raised).toContain('Roos de Graaf (fictief), uitvoerend professional');
    // The delivery to her fails again: the thread gets the ACUUT post with her mention, the reporter a notice.
    await t.connector.waitFor(() => threadCards().some((c) => allText(c).includes('ACUUT')));
    const acute = threadCards().find((c) => allText(c).includes('ACUUT'))!;
    expect(allText(acute)).toContain(
      '<at>Roos de Graaf (fictief)</at>, ik kon je niet persoonlijk waarschuwen via Teams. Pien Meijer (fictief) (Stichting Wijkteams Arnhem) meldde acute onveiligheid: neem direct contact op met de melder.',
    );
    const reporterChat = personalConversationId(P.lt);
    await t.connector.waitFor((rs) =>
      rs.some(
        (r) =>
          r.conversationId === reporterChat &&
          allText(r.body).includes('Iemand is niet bereikbaar via Teams') &&
          allText(r.body).includes('Roos de Graaf'),
      ),
    );
  });

  it('a term of the case that cannot reach her is posted as well; her name and the case, nothing of the term', async () => {
    const before = threadCards().length;
    recordEvent(t.bot.ctx, { by: 'lt-arn', caseRef: ref, event: 'melding_received' }); // T1, owned by vt-arn
    const timer = t.bot.ctx.store.timers.open(t.bot.ctx.store.cases.byRef(ref)!.id, 'T1')[0]!;
    clock.set(new Date(timer.nextStepAt!).toISOString()); // its remind, 08:30 on a working day
    runTick(t.bot.ctx);
    t.bot.ctx.onOutbox?.();
    await t.connector.waitFor(() => threadCards().length > before);
    const card = threadCards().at(-1)!;
    expect(allText(card)).toContain('ik kon je een herinnering niet in je eigen chat');
    expect(allText(card)).not.toContain('Veiligheidsbeoordeling');
  });
});
