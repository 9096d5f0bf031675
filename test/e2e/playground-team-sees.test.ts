/**
 * "The whole case team sees what stalls", as a person sees it: the Microsoft 365 Agents Playground's web UI in Debian's
 * headless Chromium, with the real bot behind it (support/playground-harness.ts). Tess de Groot (rvdk-arn, Raad,
 * currentUser) types in the compose box and presses the rendered buttons; her colleagues act through the playground's
 * API (support/playground-people.ts): Pien Meijer (lt-arn) types in her own 1:1 chat with the bot (custom activities)
 * and presses buttons there (invokes). What the bot sends to anyone but Tess never reaches the UI or the conversation
 * WebSocket (docs/agents-playground.md, quirks), so that is read from the log stream.
 *
 * Journeys, in order, on one bot, one playground and one browser:
 *   a. `acuut <ref>`: the confirmation (crisis routes, who will be told); "Annuleren" → the case card; again, and
 *      "Ja, waarschuw nu" → the others and their leads get the ACUUT card; Pien presses "Ik pak dit op" → Tess sees it;
 *      with E2E_SLOW=1 also: the three leads outside the mock tenant were not reached → Tess is told (about 3 min).
 *   b. Pien opens a case: Tess's chat shows "Je bent toegevoegd aan casus …"; "Casus bekijken" → the case card.
 *   c. Pien raises an escalation: Tess's chat shows the escalation card; Tess records a decision with its form.
 * Each step keeps screenshots in a temp dir; with UPDATE_SCREENSHOT=1 they are copied to test/e2e/screenshots/.
 * Skipped, saying why, when there is no Chromium (see support/chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchDate, dutchDateLong } from '../../src/domain/dutch-date.js';
import { resourceId } from '../support/bot-answer.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';
import {
  CASE_REF,
  PLAYGROUND,
  pressExecute,
  startE2E,
  type ConversationStream,
  type E2E,
  type LogFrame,
  type LogStream,
} from './support/playground-harness.js';
import {
  botPosts,
  botPostWith,
  chatOwners,
  OUTSIDE_TENANT,
  PEOPLE,
  personalChatOf,
  sendTextAs,
  textsOf,
  type BotPost,
} from './support/playground-people.js';
import {
  amsterdamDate,
  botMessages,
  buttonNames,
  cardIn,
  chooseOption,
  inputByLabel,
  keepScreenshot,
  nextBotMessage,
  openPersonalChat,
  pickDate,
  shootMessage,
  typeInChat,
  waitForCardText,
} from './support/playground-ui.js';

const missing = chromiumMissing();
if (missing) console.warn(`[e2e] playground-team-sees.test.ts skipped: ${missing}`);

const CARD = 'application/vnd.microsoft.card.adaptive';
const JOURNEY_MS = 240_000;

/** Who an acute alert of Tess reaches (docs/behaviour.md, "Acute danger"): the other case professionals and the
 * team leads of all four, Tess's own lead included. In the mock tenant are the first four; the other three leads are
 * on the roster only. */
const TOLD_IN_TENANT = [PEOPLE.ltArn, PEOPLE.vtArn, PEOPLE.giArn, PEOPLE.leadGi1];
const TOLD_OUTSIDE = [OUTSIDE_TENANT.leadLtArn, OUTSIDE_TENANT.leadVt1, OUTSIDE_TENANT.leadRvdk1];

/** An invoke the playground delivered to the bot, with its verb (log stream). */
const invokeWithVerb =
  (verb: string, conversationId: string) =>
  (f: LogFrame): boolean => {
    const body = f.log?.request?.body;
    if (f.log?.activityName !== 'invoke' || f.log.conversationId !== conversationId || typeof body !== 'object')
      return false;
    return (body.value as { action?: { verb?: string } } | undefined)?.action?.verb === verb;
  };

describe.skipIf(missing !== undefined)(
  `the case team sees what stalls, in the playground's web UI${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let e: E2E | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let log: LogStream;
    let stream: ConversationStream;
    let dir = '';
    // Filled in by the steps, in order.
    let caseRef = '';
    let ltChat = '';
    let teamCaseRef = '';

    const pg = (): E2E => {
      if (!e) throw new Error('not started');
      return e;
    };
    const shot = (name: string, take: (path: string) => Promise<unknown>) => keepScreenshot(dir, name, take);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-team-sees-'));
      e = await startE2E({ startTimeoutMs: 120_000 });
      // Both streams before the UI connects: nothing is buffered yet, and every later frame reaches every client.
      log = await e.openLogStream();
      stream = await e.openStream();
      context = await launchChromium(join(dir, 'profile'), { width: 1280, height: 1800 });
      page = context.pages()[0] ?? (await context.newPage());
      await openPersonalChat(page, e.uiUrl);
      // Opening the chat installs the app there: the bot keeps Tess's conversation for its proactive messages.
      const installed = await log.next(
        (f) => f.log?.activityName === 'installationUpdate' && f.log.conversationId === PLAYGROUND.personalChat,
        'installationUpdate from the UI',
        60_000,
      );
      expect(installed.log?.response?.statusCode).toBe(200);
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      stream?.close();
      log?.close();
      await e?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it(
      'a1. `acuut <ref>`: the confirmation names the crisis routes and who will be told; "Annuleren" (no inputs) brings back the case card and alarms nobody',
      { timeout: JOURNEY_MS },
      async () => {
        let before = await botMessages(page).count();
        await typeInChat(page, 'casus nieuw Arnhem');
        const caseMessage = await nextBotMessage(page, before, 'Casusteam');
        caseRef = CASE_REF.exec(await cardIn(caseMessage).innerText())![0];

        before = await botMessages(page).count();
        await typeInChat(page, `acuut ${caseRef}`);
        const confirm = await nextBotMessage(page, before, `Acute onveiligheid melden voor casus ${caseRef}?`);
        const text = await cardIn(confirm).innerText();
        expect(text).toContain('Is er direct gevaar? Wacht niet op Teams:');
        expect(text).toContain('Direct gevaar: bel 112.');
        expect(text).toContain('Veilig Thuis (dag en nacht): 0800-2000.');
        expect(text).toContain('Raad voor de Kinderbescherming, bureaudienst');
        expect(text).toContain('Crisisdienst jeugd van de regio');
        expect(text).toContain('Ik waarschuw dan direct, ook buiten kantoortijd:');
        for (const person of [...TOLD_IN_TENANT, ...TOLD_OUTSIDE]) expect(text).toContain(person.name);
        expect(text).not.toContain(PEOPLE.rvdkArn.name); // not the reporter herself
        expect(await buttonNames(cardIn(confirm))).toEqual(['Ja, waarschuw nu', 'Annuleren']);
        await shot('acute-confirm', (path) => shootMessage(confirm, path));

        // "Annuleren": an Action.Execute with associatedInputs "none" — nothing to fill in, and it works.
        await cardIn(confirm).getByRole('button', { name: 'Annuleren', exact: true }).click();
        await waitForCardText(confirm, `Casus ${caseRef}`);
        const back = await cardIn(confirm).innerText();
        expect(back).not.toContain('Acute onveiligheid melden');
        expect(back).toMatch(/Casusregisseur\s+Pien Meijer \(fictief\)/);
        const invoke = await log.next(invokeWithVerb('case.show', PLAYGROUND.personalChat), 'the "Annuleren" invoke');
        expect(invoke.log?.request?.body).toMatchObject({
          from: { id: PLAYGROUND.currentUserId },
          value: { action: { type: 'Action.Execute', verb: 'case.show', data: { caseRef } } },
        });
        expect(invoke.log?.response?.statusCode).toBe(200);
        expect(invoke.log?.response?.body).toMatchObject({ type: CARD, value: { type: 'AdaptiveCard' } });
        await shot('acute-cancelled-case-card', (path) => shootMessage(confirm, path));

        // Nobody was alarmed.
        await page.waitForTimeout(1_500);
        expect(botPosts(log).filter((p) => textsOf(p.card).join('\n').includes('ACUUT'))).toEqual([]);
      },
    );

    it(
      'a2. "Ja, waarschuw nu": Tess sees "Acute onveiligheid gemeld …"; every other case professional and their team leads are sent the ACUUT card with "Ik pak dit op"',
      { timeout: JOURNEY_MS },
      async () => {
        const before = await botMessages(page).count();
        await typeInChat(page, `acuut ${caseRef}`);
        const confirm = await nextBotMessage(page, before, `Acute onveiligheid melden voor casus ${caseRef}?`);
        await cardIn(confirm).getByRole('button', { name: 'Ja, waarschuw nu', exact: true }).click();
        await waitForCardText(confirm, `Acute onveiligheid gemeld voor casus ${caseRef}`);
        const raised = await cardIn(confirm).innerText();
        expect(raised).toContain('Direct gevaar: bel 112.');
        expect(raised).toContain('Ik waarschuw nu direct:');
        for (const person of [...TOLD_IN_TENANT, ...TOLD_OUTSIDE]) expect(raised).toContain(person.name);
        expect(raised).toContain('De melding staat in het logboek van de casus (zonder inhoud).');
        expect(await buttonNames(cardIn(confirm))).toEqual([]);
        await shot('acute-raised', (path) => shootMessage(confirm, path));

        // What the bot posted to each person's 1:1 chat (log stream): the ACUUT card, with "Ik pak dit op".
        const acutePosts = (): BotPost[] =>
          botPosts(log).filter((p) =>
            textsOf(p.card).join('\n').includes(`ACUUT: onveiligheid gemeld in casus ${caseRef}`),
          );
        const reached = () => {
          const owners = chatOwners(log);
          return [...new Set(acutePosts().map((p) => owners.get(p.conversationId) ?? p.conversationId))].sort();
        };
        const everyone = [...TOLD_IN_TENANT, ...TOLD_OUTSIDE].map((p) => p.id).sort();
        await expect.poll(reached, { timeout: 90_000, interval: 500 }).toEqual(everyone);

        const owners = chatOwners(log);
        for (const person of TOLD_IN_TENANT) {
          const post = acutePosts().find((p) => owners.get(p.conversationId) === person.id)!;
          expect(post.status, `ACUUT card to ${person.name}`).toBe(201);
          expect(post.summary).toBe(`ACUUT: casus ${caseRef}`);
          const facts = JSON.stringify(post.card);
          expect(facts).toContain(
            '"title":"Gemeld door","value":"Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem)"',
          );
          expect(facts).toContain('"title":"Opgepakt door","value":"nog niemand"');
          expect(post.card?.actions).toEqual([
            expect.objectContaining({
              type: 'Action.Execute',
              title: 'Ik pak dit op',
              verb: 'acute.pickUp',
              data: { caseRef, acuteId: expect.any(Number) },
            }),
          ]);
        }
        // The three leads outside the mock tenant: the bot tries, and the playground answers 500 (UserNotFound).
        for (const person of TOLD_OUTSIDE) {
          const post = acutePosts().find((p) => owners.get(p.conversationId) === person.id)!;
          expect(post.status, `ACUUT card to ${person.name} (not in the mock tenant)`).toBe(500);
        }
        // Tess, who raised it, does not get the ACUUT card herself.
        expect(acutePosts().filter((p) => p.conversationId === PLAYGROUND.personalChat)).toEqual([]);
        // And her chat in the UI shows no other new message than the answer to her press.
        expect(await botMessages(page).count()).toBe(before + 1);
      },
    );

    it(
      'a3. Pien Meijer (lt-arn) presses "Ik pak dit op" on her ACUUT card (API): in Tess\'s chat the UI shows that Pien takes it on',
      { timeout: JOURNEY_MS },
      async () => {
        ltChat = await personalChatOf(pg(), PEOPLE.ltArn);
        const posts = botPosts(log).filter(
          (p) => p.conversationId === ltChat && p.status === 201 && textsOf(p.card).join('\n').includes('ACUUT'),
        );
        expect(posts).toHaveLength(1);
        const pickUp = posts[0]!.card!.actions![0]!;

        const before = await botMessages(page).count();
        const answer = await pressExecute(pg(), {
          conversationId: ltChat,
          replyToId: posts[0]!.messageId!,
          verb: pickUp.verb!,
          data: pickUp.data!,
          from: PEOPLE.ltArn.id,
        });
        expect(answer.type).toBe(CARD);
        const picked = JSON.stringify(answer.value);
        expect(picked).toContain(
          '"title":"Opgepakt door","value":"Pien Meijer (fictief) (Stichting Wijkteams Arnhem)"',
        );
        expect((answer.value as { actions?: unknown[] }).actions).toBeUndefined(); // the button is gone

        const message = await nextBotMessage(page, before, 'pakt de acute melding');
        const text = await cardIn(message).innerText();
        expect(text).toContain(
          `Pien Meijer (fictief) (Stichting Wijkteams Arnhem) pakt de acute melding over casus ${caseRef} op.`,
        );
        expect(text).toContain('Spreek samen af wie wat doet.');
        await shot('acute-picked-up', (path) => shootMessage(message, path));
        // It reached Tess's chat as a proactive message on the conversation stream too.
        const frame = await stream.next(
          (f) =>
            f.action === 'createMessage' &&
            f.actionConversationId === PLAYGROUND.personalChat &&
            textsOf(f.message?.attachments).join('\n').includes('pakt de acute melding'),
          'the picked-up message on the conversation stream',
        );
        expect(frame.message?.from?.id).toBe(PLAYGROUND.botId);

        // Sem Jansen (gi-arn) presses it too, later: the first one counts, and he is told who has it.
        const giChat = await personalChatOf(pg(), PEOPLE.giArn);
        const giPost = botPosts(log).find(
          (p) => p.conversationId === giChat && p.status === 201 && textsOf(p.card).join('\n').includes('ACUUT'),
        )!;
        const late = await pressExecute(pg(), {
          conversationId: giChat,
          replyToId: giPost.messageId!,
          verb: 'acute.pickUp',
          data: giPost.card!.actions![0]!.data!,
          from: PEOPLE.giArn.id,
        });
        expect(JSON.stringify(late)).toContain('Pien Meijer (fictief) heeft deze melding al opgepakt.');
      },
    );

    // Slow (about three minutes): the playground answers 500 for the three leads outside the mock tenant, which the
    // outbox retries with backoff (8 attempts) before it gives up and tells the reporter. E2E_SLOW=1 runs it.
    it.skipIf(process.env.E2E_SLOW !== '1')(
      'a4. (E2E_SLOW=1) the leads the bot could not reach: once the outbox gives up, Tess\'s chat shows "Iemand is niet bereikbaar via Teams" for each',
      { timeout: 600_000 },
      async () => {
        const firstNotice = await nextBotMessage(page, 0, 'Iemand is niet bereikbaar via Teams', 540_000);
        await expect
          .poll(
            async () =>
              (await botMessages(page).allInnerTexts()).filter((t) => t.includes('Iemand is niet bereikbaar via Teams'))
                .length,
            { timeout: 120_000, interval: 1_000 },
          )
          .toBe(TOLD_OUTSIDE.length);
        const notices = (await botMessages(page).allInnerTexts()).filter((t) =>
          t.includes('Iemand is niet bereikbaar via Teams'),
        );
        for (const person of TOLD_OUTSIDE)
          expect(notices.some((t) => t.includes(`Ik kon ${person.name}`) && t.includes(`casus ${caseRef}`))).toBe(true);
        await shot('acute-unreachable-notice', (path) => shootMessage(firstNotice, path));
      },
    );

    it(
      'b. Pien opens a case (`casus nieuw Arnhem` in her chat, API): Tess\'s chat shows "Je bent toegevoegd aan casus …"; "Casus bekijken" opens the case card',
      { timeout: JOURNEY_MS },
      async () => {
        const before = await botMessages(page).count();
        const already = log.frames.length;
        await sendTextAs(pg(), PEOPLE.ltArn, ltChat, 'casus nieuw Arnhem');
        // Pien gets the new case card in her own chat...
        const own = await log.next(
          (f) => log.frames.indexOf(f) >= already && botPostWith('Casusteam', ltChat)(f),
          'the case card in Pien’s chat',
          60_000,
        );
        teamCaseRef = CASE_REF.exec(textsOf(own.log?.request?.body).join('\n'))![0];
        expect(teamCaseRef).not.toBe(caseRef);

        // ...and Tess, a fixed face of Arnhem, hears she is on the team.
        const message = await nextBotMessage(page, before, `Je bent toegevoegd aan casus ${teamCaseRef}`);
        const text = await cardIn(message).innerText();
        expect(text).toContain(`Je bent toegevoegd aan casus ${teamCaseRef} (Arnhem)`);
        expect(text).toContain(
          'Pien Meijer (fictief) (Stichting Wijkteams Arnhem) heeft de casus geopend; jij bent een van de vaste gezichten in het casusteam.',
        );
        expect(text).toContain('zodat het hele casusteam weet wat er speelt');
        expect(await buttonNames(cardIn(message))).toEqual(['Casus bekijken']);
        await shot('team-message-added', (path) => shootMessage(message, path));
        const frame = await stream.next(
          (f) =>
            f.action === 'createMessage' &&
            f.actionConversationId === PLAYGROUND.personalChat &&
            textsOf(f.message?.attachments).join('\n').includes(`Je bent toegevoegd aan casus ${teamCaseRef}`),
          'the team message on the conversation stream',
        );
        expect(frame.message?.from?.id).toBe(PLAYGROUND.botId);
        // Roos and Sem heard it too (their chats: log stream); Pien, who opened it, did not.
        const owners = chatOwners(log);
        const told = botPosts(log)
          .filter(
            (p) =>
              p.status === 201 && textsOf(p.card).join('\n').includes(`Je bent toegevoegd aan casus ${teamCaseRef}`),
          )
          .map((p) => owners.get(p.conversationId))
          .sort();
        expect(told).toEqual([PEOPLE.rvdkArn.id, PEOPLE.vtArn.id, PEOPLE.giArn.id].sort());

        await cardIn(message).getByRole('button', { name: 'Casus bekijken', exact: true }).click();
        await waitForCardText(message, `Casus ${teamCaseRef}`);
        const caseCard = await cardIn(message).innerText();
        expect(caseCard).toMatch(/Gemeente\s+Arnhem/);
        expect(caseCard).toMatch(/Casusregisseur\s+Pien Meijer \(fictief\)/);
        expect(caseCard).toContain('Tess de Groot (fictief): Raad voor de Kinderbescherming regio Arnhem');
        expect(await buttonNames(cardIn(message))).toEqual([
          'Team',
          'Gebeurtenis vastleggen',
          'Fase wijzigen',
          'Casus sluiten',
          'Acuut onveilig',
        ]);
        await shot('team-message-case-card', (path) => shootMessage(message, path));
      },
    );

    it(
      "c. Pien raises an escalation (`escaleer <ref>` and its form, API): Tess's chat shows the escalation card; she records the decision with its form in the UI",
      { timeout: JOURNEY_MS },
      async () => {
        const already = log.frames.length;
        await sendTextAs(pg(), PEOPLE.ltArn, ltChat, `escaleer ${teamCaseRef}`);
        const form = await log.next(
          (f) => log.frames.indexOf(f) >= already && botPostWith(`Escaleren · casus ${teamCaseRef}`, ltChat)(f),
          'the escalation form in Pien’s chat',
          60_000,
        );
        const formId = resourceId(form.log?.response?.body);
        const question = 'Wie voert het veiligheidsgesprek met het gezin, en wanneer?';

        const before = await botMessages(page).count();
        const started = await pressExecute(pg(), {
          conversationId: ltChat,
          replyToId: formId,
          verb: 'escalation.start',
          // As Teams sends the form: the inputs merged into the button's data; no organisations chosen = all.
          data: { caseRef: teamCaseRef, trigger: 'PROFESSIONAL_DILEMMA', question, orgs: '' },
          from: PEOPLE.ltArn.id,
        });
        expect(started.type).toBe(CARD);
        const startedText = textsOf(started.value).join('\n');
        expect(startedText).toContain('Escalatie gestart op L0 casusoverleg.');
        expect(startedText).toContain('Tess de Groot (fictief)');

        const message = await nextBotMessage(page, before, `Escalatie 1 · casus ${teamCaseRef}`);
        const text = await cardIn(message).innerText();
        expect(text).toMatch(/Gemeente\s+Arnhem/);
        expect(text).toMatch(/Aanleiding\s+Professioneel dilemma \(verschil van inzicht\)/);
        expect(text).toMatch(/Niveau\s+L0 casusoverleg/);
        expect(text).toMatch(/Stand\s+open/);
        expect(text).toContain('Vraag om te beslissen:');
        expect(text).toContain(question);
        await shot('escalation-card', (path) => shootMessage(message, path));
        // An L0 casusoverleg: plan, decide, raise to L1, withdraw. The regional expert team comes in from L2 only
        // (docs/behaviour.md, "Regional expert team"), so no "Regionaal Expertteam inschakelen" here. Soft: the rest of
        // the journey still runs when this fails.
        expect
          .soft(await buttonNames(cardIn(message)), 'the buttons of an L0 escalation card')
          .toEqual(['Overleg plannen', 'Besluit vastleggen', 'Opschalen naar L1 teamleiders', 'Intrekken']);

        // The decision form opens in the card (Action.ShowCard); Tess is a participant of L0, so she may decide.
        const card = cardIn(message);
        await card.getByRole('button', { name: 'Besluit vastleggen', exact: true }).first().click();
        await expect.poll(() => card.innerText()).toContain('Is het gezin geïnformeerd over het besluit?');
        const deadline = amsterdamDate(14);
        const today = amsterdamDate();
        const decision = 'De jeugdbeschermer voert het veiligheidsgesprek en legt de afspraken vast.';
        await (await inputByLabel(card, 'Besluit (zonder namen')).fill(decision);
        await chooseOption(page, await inputByLabel(card, 'Wie voert het besluit uit?'), /^Sem Jansen \(fictief\)/);
        await pickDate(page, await inputByLabel(card, 'Deadline'), deadline);
        await chooseOption(page, await inputByLabel(card, 'Is het gezin geïnformeerd over het besluit?'), 'Ja');
        await pickDate(page, await inputByLabel(card, 'Zo ja: op welke datum?'), today);
        await shot('escalation-decision-form', (path) => shootMessage(message, path));

        await card.getByRole('button', { name: 'Besluit vastleggen', exact: true }).last().click();
        await waitForCardText(message, 'Besluit vastgelegd.');
        const decided = await cardIn(message).innerText();
        expect(decided).toMatch(/Stand\s+besloten/);
        expect(decided).toContain(`Besluit: ${decision}`);
        expect(decided).toContain(`Uitvoering: Sem Jansen (fictief), uiterlijk ${dutchDate(deadline)}.`);
        expect(decided).toContain('Gezin geïnformeerd: ja, op');
        expect(await buttonNames(cardIn(message))).toEqual(['Reflectie toevoegen']);
        await shot('escalation-decided', (path) => shootMessage(message, path));

        // What the UI sent: the form's inputs merged into the button's data, dates as YYYY-MM-DD.
        const invoke = await log.next(
          invokeWithVerb('escalation.decide', PLAYGROUND.personalChat),
          'the decision invoke from the UI',
        );
        expect(invoke.log?.request?.body).toMatchObject({
          from: { id: PLAYGROUND.currentUserId },
          value: {
            action: {
              verb: 'escalation.decide',
              data: {
                caseRef: teamCaseRef,
                escalation: 1,
                decision,
                owner: 'gi-arn',
                deadline,
                familyInformed: 'yes',
                familyInformedOn: today,
              },
            },
          },
        });
        expect(invoke.log?.response?.statusCode).toBe(200);

        // The rest of the case team hears the decision (their chats: log stream); Tess, who recorded it, does not.
        const owners = chatOwners(log);
        const heard = async () =>
          botPosts(log)
            .filter((p) => p.status === 201 && textsOf(p.card).join('\n').includes(`Besluit over casus ${teamCaseRef}`))
            .map((p) => owners.get(p.conversationId) ?? p.conversationId)
            .sort();
        await expect
          .poll(heard, { timeout: 60_000, interval: 500 })
          .toEqual([PEOPLE.ltArn.id, PEOPLE.vtArn.id, PEOPLE.giArn.id].sort());
        const toPien = botPosts(log).find(
          (p) =>
            p.conversationId === ltChat && textsOf(p.card).join('\n').includes(`Besluit over casus ${teamCaseRef}`),
        )!;
        expect(textsOf(toPien.card)).toEqual(
          expect.arrayContaining([
            `Besluit: ${decision}`,
            `Uitvoering: Sem Jansen (fictief) (Jeugdbescherming Gelderland), uiterlijk ${dutchDate(deadline)}.`,
            `Gezin geïnformeerd: ja, op ${dutchDateLong(today)}.`,
            'Vastgelegd door Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem).',
          ]),
        );
      },
    );

    it('nothing failed on the way except the deliveries to people outside the mock tenant; the bot logged no error', async () => {
      const tenant = new Set<string>(Object.values(PEOPLE).map((p) => p.id));
      const owners = chatOwners(log);
      const failed = log.frames.filter((f) => {
        const status = f.log?.response?.statusCode;
        if (f.log?.activityName === undefined || status === undefined) return false;
        if (status >= 200 && status < 300) return false;
        const owner = owners.get(f.log.conversationId ?? '');
        return owner === undefined || tenant.has(owner);
      });
      expect(
        failed.map((f) => `${f.log?.activityName} ${f.log?.conversationId}: ${f.log?.response?.statusCode}`),
      ).toEqual([]);
      const errors = pg()
        .bot.output()
        .split('\n')
        .filter((line) => /^\{"level":(50|60)/.test(line));
      expect(errors).toEqual([]);
    });
  },
);
