/**
 * Everyday journeys in the Microsoft 365 Agents Playground's web UI (Debian's headless Chromium), with the real bot
 * behind it (support/playground-harness.ts). Tess de Groot (rvdk-arn, Raad, currentUser, a plain professional) types
 * in the compose box and presses the rendered buttons; colleagues act through the playground's API
 * (support/playground-people.ts), and what the bot sends them is read from the log stream (it never reaches the UI).
 *
 * Journeys, in order, on one bot, one playground and one browser:
 *   1. `hulp`: the help card, grouped by task, every placeholder shown (‹ref›, not a swallowed `<ref>` tag).
 *   2. A warm handover: `overdracht <ref>`, its form (moment, sender Pien Meijer, receiver Tess), "Overdracht
 *      starten" → the checklist; Tess ticks C1; Pien ticks C2 in her own chat (API) and Tess's card follows in place.
 *   3. The overview: `overzicht` is for coordinators and leads, so Tess gets the Dutch refusal; `mijn casussen`
 *      lists the cases she just opened; the pilot coordinator Umar Brouwer (coord-arn) types `overzicht` (API) and
 *      gets the counts per municipality in Dutch words.
 *   4. `digest`: whether Tess gets the daily digest, and today's digest (or the "niets vandaag" answer); nothing is
 *      sent to anyone else.
 *   5. The inzage export, `casus <ref> export`: Tess is on the case team, so she gets the document in Dutch with the
 *      dates written out; the coordinator too (API); a team lead who is not on the team gets the Dutch refusal.
 * Each journey keeps one screenshot, journey-<name>.png (with UPDATE_SCREENSHOT=1 copied to test/e2e/screenshots/).
 * Skipped, saying why, when there is no Chromium (see support/chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayText } from '../../src/app/queries/export-case-history.js';
import { HELP_GROUPS } from '../../src/adapters/teams/bot-texts.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';
import {
  CASE_REF,
  PLAYGROUND,
  pressExecute,
  startE2E,
  type E2E,
  type LogFrame,
  type LogStream,
} from './support/playground-harness.js';
import {
  botPostOf,
  botPosts,
  botPostWith,
  PEOPLE,
  personalChatOf,
  sendTextAs,
  textsOf,
  type PlaygroundPerson,
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
  shootMessage,
  typeInChat,
  waitForCardText,
} from './support/playground-ui.js';

const missing = chromiumMissing();
if (missing) console.warn(`[e2e] playground-journeys.test.ts skipped: ${missing}`);

const CARD = 'application/vnd.microsoft.card.adaptive';
const JOURNEY_MS = 180_000;

/** What a person must never read: codes, field names, JSON (docs/behaviour.md, "The inzage export"). */
const CODES = [
  /[{}]/,
  /_/,
  /\.viewed/,
  /\b(?:SIGNAL|SAFETY_ASSESSMENT|PROFESSIONAL_DILEMMA|NOT_FOUND_OR_NO_ACCESS)\b/,
  /\b[a-z]+\.[a-z]+\b/, // a verb or audit action such as case.show, handover.check
  /\b\d{4}-\d{2}-\d{2}\b/, // an ISO date
  /\bT\d{1,2}\b/, // a timer id
];
const expectNoCodes = (text: string, what: string) => {
  for (const code of CODES) expect(text, `${what}: ${code}`).not.toMatch(code);
};

/** The text of a bot message in a log frame (a plain-text message), or ''. */
const textOf = (f: LogFrame): string => {
  const body = f.log?.request?.body;
  return typeof body === 'object' && typeof body.text === 'string' ? body.text : '';
};

describe.skipIf(missing !== undefined)(
  `everyday journeys in the playground's web UI${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let e: E2E | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let log: LogStream;
    let dir = '';
    // Filled in by the journeys, in order.
    let caseRef = '';
    let secondRef = '';
    let ltChat = '';
    let coordChat = '';

    const pg = (): E2E => {
      if (!e) throw new Error('not started');
      return e;
    };
    const shot = (name: string, take: (path: string) => Promise<unknown>) =>
      keepScreenshot(dir, `journey-${name}`, take);
    /** Tess types `text`; returns the first new bot message containing `wait`. */
    const say = async (text: string, wait: string): Promise<Locator> => {
      const before = await botMessages(page).count();
      await typeInChat(page, text);
      return nextBotMessage(page, before, wait);
    };
    /** Someone else types `text` in their 1:1 chat; returns the frames of what the bot sent back there. */
    const sayAs = async (person: PlaygroundPerson, chat: string, text: string, wait: (f: LogFrame) => boolean) => {
      const already = log.frames.length;
      await sendTextAs(pg(), person, chat, text);
      return log.next(
        (f) => log.frames.indexOf(f) >= already && botPostOf(f)?.conversationId === chat && wait(f),
        `the answer to "${text}"`,
        60_000,
      );
    };
    /** Bot messages to anyone but Tess so far. */
    const postsToOthers = () => botPosts(log).filter((p) => p.conversationId !== PLAYGROUND.personalChat);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-journeys-'));
      e = await startE2E({ startTimeoutMs: 120_000 });
      log = await e.openLogStream();
      context = await launchChromium(join(dir, 'profile'), { width: 1280, height: 1800 });
      page = context.pages()[0] ?? (await context.newPage());
      await openPersonalChat(page, e.uiUrl);
      // Opening the chat installs the app there (the welcome card); wait for it so that it is not taken for an answer.
      await nextBotMessage(page, 0, 'Welkom bij de teammodel-bot');
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      log?.close();
      await e?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it(
      '1. `hulp`: the help card arrives grouped by task, each command with its placeholder (‹ref›, ‹gemeente›)',
      { timeout: JOURNEY_MS },
      async () => {
        const message = await say('hulp', 'Wat kan ik?');
        const text = await cardIn(message).innerText();
        expect(text).toContain('Ik ben de teammodel-bot: een geautomatiseerde assistent, geen persoon.');
        // Every group heading, in the order of bot-texts.ts, each followed by its own commands.
        const headings = HELP_GROUPS.map((g) => text.indexOf(g.title));
        expect(headings.every((i) => i >= 0)).toBe(true);
        expect([...headings].sort((a, b) => a - b)).toEqual(headings);
        expect(HELP_GROUPS.map((g) => g.title)).toEqual(
          expect.arrayContaining(['Een casus', 'Samenwerken', 'Als het stokt of onveilig is', 'Instellingen']),
        );
        const between = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
        expect(between('Een casus', 'Samenwerken')).toContain('casus nieuw ‹gemeente›: een nieuwe casus starten');
        expect(between('Samenwerken', 'Als het stokt')).toContain('overdracht ‹ref›: een warme overdracht starten');
        expect(between('Als het stokt', 'Overzicht (')).toContain('acuut ‹ref›: acute onveiligheid melden');
        // The placeholders survive the client's renderer (a bare <ref> would be swallowed as a tag).
        for (const command of [
          'casus ‹ref›: de stand van een casus',
          'team ‹ref›:',
          'rooster ‹gemeente›:',
          'escaleer ‹ref›:',
          'casus ‹ref› export:',
          'leren ‹gemeente› [van] [tot]:',
          'kpi ‹gemeente› ‹van› ‹tot›:',
          'overzicht [gemeente]:',
        ])
          expect(text).toContain(command);
        expect(text).not.toMatch(/<|&lt;|&gt;/);
        expect(text).not.toMatch(/^(?:casus|team|rooster|overdracht|escaleer|acuut)\s*:/m); // a placeholder lost
        expect(text).toContain('nooit namen of andere gegevens van kinderen of ouders.');
        // The commands are bold in the page.
        await expect.poll(() => cardIn(message).locator('strong', { hasText: 'overdracht ‹ref›' }).count()).toBe(1);
        await shot('help', (path) => shootMessage(message, path));
      },
    );

    it(
      '2. a warm handover: `overdracht <ref>`, its form, the checklist; Tess ticks C1, Pien ticks C2 in her chat and Tess sees her card follow',
      { timeout: JOURNEY_MS },
      async () => {
        const caseMessage = await say('casus nieuw Arnhem', 'Casusteam');
        caseRef = CASE_REF.exec(await cardIn(caseMessage).innerText())![0];
        ltChat = await personalChatOf(pg(), PEOPLE.ltArn);

        const message = await say(`overdracht ${caseRef}`, `Warme overdracht starten · casus ${caseRef}`);
        const card = cardIn(message);
        expect(await card.innerText()).toContain('Kies het overdrachtsmoment en wie overdraagt aan wie.');
        expect(await buttonNames(card)).toEqual(['Overdracht starten']);
        // H4: the Jeugdbeschermingstafel's decision goes to the Raad; Pien (Lokaal Team) hands over to Tess.
        await chooseOption(page, await inputByLabel(card, 'Overdrachtsmoment'), /^H4 Jeugdbeschermingstafel/);
        await chooseOption(page, await inputByLabel(card, 'Van (verzender)'), /^Pien Meijer \(fictief\)/);
        await chooseOption(page, await inputByLabel(card, 'Naar (ontvanger)'), /^Tess de Groot \(fictief\)/);
        const already = log.frames.length;
        await card.getByRole('button', { name: 'Overdracht starten', exact: true }).click();

        await waitForCardText(message, 'Warme overdracht H4: Jeugdbeschermingstafel → Raad / uitstel');
        const started = await cardIn(message).innerText();
        expect(started).toContain('Overdracht gestart. Tess de Groot (fictief) krijgt de checklist.');
        expect(started).toMatch(/Van\s+Pien Meijer \(fictief\) \(Stichting Wijkteams Arnhem\)/);
        expect(started).toMatch(/Naar\s+Tess de Groot \(fictief\) \(Raad voor de Kinderbescherming regio Arnhem\)/);
        expect(started).toMatch(/Voortgang\s+0\/6 verplichte punten/);
        expect(started).toMatch(/Afronden vóór\s+\S+ \d{1,2} \S+ \d{4}/);
        expect(started).toContain('⬜ C1 Overdrachtsgesprek gehouden met verzender en ontvanger');
        expect(started).toContain('Nog open (verplicht): C1, C2, C3, C4, C5, C7.');
        // Tess, the receiver, may tick only the items of either side (C1, C5, C7 and H4's own); no accept yet.
        const buttons = await buttonNames(cardIn(message));
        expect(buttons.filter((b) => b === 'Afvinken')).toHaveLength(5);
        expect(buttons).not.toContain('Accepteren');
        expect(buttons).toContain('Vernieuwen');

        // The sender, Pien, gets the checklist in her own chat (log stream), with her own buttons.
        const toPien = botPostOf(
          await log.next(
            (f) => log.frames.indexOf(f) >= already && botPostWith('Warme overdracht H4', ltChat)(f),
            'the checklist in Pien’s chat',
            60_000,
          ),
        )!;
        expect(toPien.status).toBe(201);
        const c2 = JSON.stringify(toPien.card).match(/"verb":"handover\.check","data":(\{[^}]*"item":"C2"[^}]*\})/);
        expect(c2, 'a C2 button on Pien’s copy').not.toBeNull();
        const c2Data = JSON.parse(c2![1]!) as Record<string, unknown>;

        // Tess ticks C1 in the UI.
        const c1 = cardIn(message)
          .locator('.ac-container')
          .filter({ hasText: 'C1 Overdrachtsgesprek gehouden' })
          .last();
        await c1.getByRole('button', { name: 'Afvinken', exact: true }).click();
        await waitForCardText(message, 'Afgevinkt: C1.');
        const ticked = await cardIn(message).innerText();
        expect(ticked).toContain('✅ C1 Overdrachtsgesprek gehouden');
        expect(ticked).toMatch(/Afgevinkt door Tess de Groot \(fictief\), \S+ \d{1,2} \S+ \d{4} \d{2}:\d{2}/);
        expect(ticked).toMatch(/Voortgang\s+1\/6 verplichte punten/);
        expect(ticked).toContain('Nog open (verplicht): C2, C3, C4, C5, C7.');

        // Pien ticks C2 (the sender's item: the family knows the new contact) on her copy; Tess's card follows.
        const answer = await pressExecute(pg(), {
          conversationId: ltChat,
          replyToId: toPien.messageId!,
          verb: 'handover.check',
          data: c2Data,
          from: PEOPLE.ltArn.id,
        });
        expect(answer.type).toBe(CARD);
        expect(textsOf(answer.value).join('\n')).toContain('Afgevinkt: C2.');
        await waitForCardText(message, 'Afgevinkt door Pien Meijer (fictief)');
        const followed = await cardIn(message).innerText();
        expect(followed).toMatch(/✅ C2 Gezin .* weet wie de nieuwe contactpersoon is/);
        expect(followed).toMatch(/Voortgang\s+2\/6 verplichte punten/);
        expect(followed).toContain('Nog open (verplicht): C3, C4, C5, C7.');
        expectNoCodes(followed.replace(/\bH4\.\d\b/g, ''), 'the checklist');
        await shot('handover', (path) => shootMessage(message, path));
      },
    );

    it(
      '3. the overview: `overzicht` is refused to Tess in Dutch; `mijn casussen` lists her new cases; the pilot coordinator gets the counts in Dutch (API)',
      { timeout: JOURNEY_MS },
      async () => {
        const second = await say('casus nieuw Arnhem', 'Casusteam');
        secondRef = CASE_REF.exec(await cardIn(second).innerText())![0];
        expect(secondRef).not.toBe(caseRef);

        const refusal = await say('overzicht', 'overzicht');
        expect((await refusal.innerText()).trim()).toBe('Het overzicht is voor pilotcoördinatoren en leidinggevenden.');

        const mine = await say('mijn casussen', 'Mijn casussen');
        const text = await cardIn(mine).innerText();
        expect(text).toContain('Casussen waarin je zit');
        expect(text).toContain(`${caseRef}: Arnhem, Signaal / melding`);
        expect(text).toContain(`${secondRef}: Arnhem, Signaal / melding`);
        expect(await buttonNames(cardIn(mine))).toEqual(['Bekijken', 'Bekijken']);
        expectNoCodes(text, 'mijn casussen');
        // One picture with both answers: the refusal and the list.
        await mine.scrollIntoViewIfNeeded();
        const top = (await refusal.boundingBox())!;
        const bottom = (await mine.boundingBox())!;
        await shot('overview', (path) =>
          page.screenshot({
            path,
            animations: 'disabled',
            clip: {
              x: Math.min(top.x, bottom.x) - 8,
              y: top.y - 28,
              width: page.viewportSize()!.width - Math.min(top.x, bottom.x) - 8,
              height: bottom.y + bottom.height - top.y + 36,
            },
          }),
        );

        // "Bekijken" opens the case card in place.
        await cardIn(mine).getByRole('button', { name: 'Bekijken', exact: true }).first().click();
        await waitForCardText(mine, 'Casusregisseur');
        expect(await cardIn(mine).innerText()).toMatch(new RegExp(`Casus (?:${caseRef}|${secondRef})`));

        // Umar Brouwer, pilot coordinator of Arnhem, asks in his own chat.
        coordChat = await personalChatOf(pg(), PEOPLE.coordArn);
        const overview = botPostOf(
          await sayAs(PEOPLE.coordArn, coordChat, 'overzicht', botPostWith('Overzicht per gemeente', coordChat)),
        )!;
        expect(overview.status).toBe(201);
        const texts = textsOf(overview.card);
        expect(texts).toEqual(
          expect.arrayContaining([
            'Alle lopende casussen van de pilot. 2 casussen in totaal.',
            'Arnhem: 2 casussen',
            'Signaal / melding',
            'Open warme overdrachten',
            'Details Arnhem',
          ]),
        );
        const facts = JSON.stringify(overview.card);
        expect(facts).toContain('"title":"Signaal / melding","value":"2"');
        expect(facts).toContain('"title":"Open warme overdrachten","value":"1"');
        expect(facts).toContain('"title":"Open escalaties","value":"geen"');
        expectNoCodes(texts.filter((t) => t !== 'Details Arnhem').join('\n'), 'the coordinator’s overview');
      },
    );

    it(
      '4. `digest`: the status in Dutch and today’s digest (or "niets vandaag"); nobody else is sent anything',
      { timeout: JOURNEY_MS },
      async () => {
        // Whatever earlier journeys sent to others has gone out: the count stands still.
        let count = -1;
        await expect
          .poll(
            async () => {
              const now = postsToOthers().length;
              const still = now === count;
              count = now;
              await page.waitForTimeout(1_000);
              return still;
            },
            { timeout: 30_000, interval: 500 },
          )
          .toBe(true);
        const before = postsToOthers().length;
        const shownBefore = await botMessages(page).count();

        const status = await say('digest', 'dagoverzicht');
        const statusText = (await status.innerText()).trim();
        expect(statusText).toMatch(
          /^Je dagoverzicht staat (aan|uit) \((je eigen keuze|de standaard van de pilot|zo ingesteld in het rooster)\)\./,
        );
        expect(statusText).toMatch(/typ 'digest (aan|uit)'\.$/);
        // Then today's digest: a card (the open handover of journey 2 is Tess's) or the Dutch "nothing today".
        await expect.poll(() => botMessages(page).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(shownBefore + 2);
        const today = botMessages(page).nth(shownBefore + 1);
        const todayText = (await today.innerText()).trim();
        if ((await today.locator('.ac-adaptiveCard').count()) > 0) {
          expect(todayText).toContain(caseRef);
          expect(todayText).toMatch(/overdracht/i);
        } else {
          expect(todayText).toBe(
            'Er staat vandaag niets in je dagoverzicht: geen termijnen die bijna verlopen, geen open overdrachten en geen escalaties.',
          );
        }
        expectNoCodes(`${statusText}\n${todayText}`, 'the digest');
        await shot('digest', (path) => shootMessage(today, path));

        await page.waitForTimeout(3_000);
        expect(
          postsToOthers()
            .slice(before)
            .map((p) => p.conversationId),
        ).toEqual([]);
        expect(await botMessages(page).count()).toBe(shownBefore + 2);
      },
    );

    it(
      '5. the inzage export: Tess (on the team) reads the document in Dutch with dates written out; the coordinator gets it too; a lead outside the team is refused',
      { timeout: JOURNEY_MS },
      async () => {
        const shownBefore = await botMessages(page).count();
        const message = await say(`casus ${caseRef} export`, 'Inzage-overzicht (AVG art. 15)');
        const text = await message.innerText();
        const day = dayText(amsterdamDate()); // "donderdag 3 december 2026"
        expect(text).toContain(`Inzage-overzicht (AVG art. 15) van casus ${caseRef}, om aan het gezin te geven.`);
        expect(text).toMatch(
          new RegExp(`Opgesteld op ${day} om \\d{2}:\\d{2}, op verzoek van Tess de Groot \\(fictief\\)`),
        );
        expect(text).toMatch(new RegExp(`Geopend: ${day} om \\d{2}:\\d{2}, door Tess de Groot \\(fictief\\)`));
        for (const heading of [
          'Over dit overzicht',
          'Het casusteam',
          'Wat er gebeurde',
          'Warme overdrachten',
          'Escalaties',
          'Termijnen',
          'Wie keek of veranderde iets',
        ])
          expect(text).toContain(heading);
        expect(text).toContain('Fase: Signaal / melding');
        expect(text).toContain('Casusregisseur: Pien Meijer (fictief) (Stichting Wijkteams Arnhem)');
        // The handover of journey 2, in words.
        expect(text).toMatch(/Jeugdbeschermingstafel → Raad \/ uitstel/);
        expect(text).toContain('Einde van het overzicht.');
        expectNoCodes(text, 'the inzage document');

        // Then the offer of the file (the playground cannot show a file consent card; the log stream has it).
        const offer = await nextBotMessage(page, shownBefore, 'Wil je het overzicht als bestand');
        expect((await offer.innerText()).trim()).toBe(
          'Wil je het overzicht als bestand, om te printen of te mailen? Sta het bestand hieronder toe; het komt in je OneDrive.',
        );
        // The document is taller than the window: make the window fit it, so the playground's toolbar does not cover it.
        const box = (await message.boundingBox())!;
        await page.setViewportSize({ width: 1280, height: Math.ceil(box.height) + 600 });
        await shot('export', (path) => shootMessage(message, path));
        await page.setViewportSize({ width: 1280, height: 1800 });

        // Umar Brouwer, pilot coordinator of Arnhem, may ask too (his chat: log stream).
        const forCoord = await sayAs(PEOPLE.coordArn, coordChat, `casus ${caseRef} export`, (f) =>
          textOf(f).startsWith(`Inzage-overzicht (AVG art. 15) van casus ${caseRef}`),
        );
        const document = textOf(forCoord);
        expect(document).toMatch(
          new RegExp(
            `Opgesteld op ${day} om \\d{2}:\\d{2}, op verzoek van Umar Brouwer \\(fictief\\) \\(Toekomsttuin Arnhem\\)\\.`,
          ),
        );
        expect(document).toContain('\nWie keek of veranderde iets\n---------------------------\n');
        expect(document).toMatch(
          new RegExp(`- ${day} om \\d{2}:\\d{2} — Tess de Groot \\(fictief\\) .*opende de casus\\.`),
        );
        expectNoCodes(document, 'the coordinator’s inzage document');

        // Gijs Dijkstra leads the GI team but is not on the case: the Dutch refusal, no document.
        const leadChat = await personalChatOf(pg(), PEOPLE.leadGi1);
        const refused = await sayAs(PEOPLE.leadGi1, leadChat, `casus ${caseRef} export`, (f) => textOf(f) !== '');
        expect(textOf(refused)).toBe(
          'Een overzicht van alles wat is vastgelegd kunnen alleen leden van het casusteam en pilotcoördinatoren opvragen.',
        );
        await page.waitForTimeout(1_500);
        expect(
          botPosts(log).filter((p) => p.conversationId === leadChat && textOf(p.frame).includes('Inzage-overzicht')),
        ).toEqual([]);
      },
    );

    it('nothing failed on the way; the bot logged no error', async () => {
      const failed = log.frames.filter((f) => {
        const status = f.log?.response?.statusCode;
        return f.log?.activityName !== undefined && status !== undefined && (status < 200 || status >= 300);
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
