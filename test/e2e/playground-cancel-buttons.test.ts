/**
 * Cancel, back and navigation buttons in the playground's web UI (headless Chromium): each is pressed on a form whose
 * required fields are still empty, and the answer must come back. Without `associatedInputs: "none"` the client first
 * validates every input ("Dit veld is verplicht.") and sends nothing. One screenshot per journey under
 * test/e2e/screenshots/ (with UPDATE_SCREENSHOT=1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './support/chromium.js';
import { CASE_REF, startE2E, type E2E } from './support/playground-harness.js';
import {
  botMessages,
  buttonNames,
  cardIn,
  keepScreenshot,
  nextBotMessage,
  openPersonalChat,
  typeInChat,
  waitForCardText,
} from './support/playground-ui.js';

const missing = chromiumMissing();
if (missing) console.warn(`[e2e] playground-cancel-buttons.test.ts skipped: ${missing}`);

describe.skipIf(missing !== undefined)(
  `cancel and back on empty forms, in the playground's web UI${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let e: E2E | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let dir = '';
    let caseCard: Locator;
    let ref = '';

    const press = async (scope: Locator, name: string) => {
      await scope.locator(`button[role="button"][aria-label="${name}"]`).first().click();
    };
    const backOnTheCaseCard = async () => {
      // The case card is back when its own button is (the confirmation's heading also names the case).
      await expect
        .poll(() => buttonNames(cardIn(caseCard)), { timeout: 60_000, interval: 250 })
        .toContain('Gebeurtenis vastleggen');
      await waitForCardText(caseCard, `Casus ${ref}`);
      // No client-side validation message was left on the way out.
      expect(await cardIn(caseCard).innerText()).not.toContain('Dit veld is verplicht');
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-cancel-'));
      e = await startE2E({ startTimeoutMs: 120_000 });
      context = await launchChromium(join(dir, 'profile'), { width: 1280, height: 1400 });
      page = context.pages()[0] ?? (await context.newPage());
      await openPersonalChat(page, e.uiUrl);
      const before = await botMessages(page).count();
      await typeInChat(page, 'casus nieuw Arnhem');
      caseCard = await nextBotMessage(page, before, 'Gebeurtenis vastleggen');
      ref = CASE_REF.exec(await caseCard.innerText())![0];
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await e?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it(
      '"Annuleren" on the close confirmation, with its required reason empty, brings the case card back',
      { timeout: 90_000 },
      async () => {
        await press(cardIn(caseCard), 'Casus sluiten');
        await waitForCardText(caseCard, `Casus ${ref} sluiten?`);
        await keepScreenshot(dir, 'cancel-close-confirmation', (path) => cardIn(caseCard).screenshot({ path }));
        await press(cardIn(caseCard), 'Annuleren');
        await backOnTheCaseCard();
      },
    );

    it(
      '"Annuleren" on the event chooser and on an event form with an empty required choice',
      { timeout: 90_000 },
      async () => {
        await press(cardIn(caseCard), 'Gebeurtenis vastleggen');
        await waitForCardText(caseCard, 'Wat is er gebeurd?');
        await press(cardIn(caseCard), 'Annuleren');
        await backOnTheCaseCard();

        await press(cardIn(caseCard), 'Gebeurtenis vastleggen');
        await waitForCardText(caseCard, 'Wat is er gebeurd?');
        await press(cardIn(caseCard), 'Maatregel uitgesproken door de rechter');
        await waitForCardText(caseCard, 'Welke maatregel?');
        await keepScreenshot(dir, 'cancel-event-form', (path) => cardIn(caseCard).screenshot({ path }));
        await press(cardIn(caseCard), 'Annuleren');
        await backOnTheCaseCard();
      },
    );

    it('"Terug naar de casus" on the team card, whose forms have required fields', { timeout: 90_000 }, async () => {
      await press(cardIn(caseCard), 'Team');
      await waitForCardText(caseCard, `Casusteam ${ref}`);
      await press(cardIn(caseCard), 'Terug naar de casus');
      await backOnTheCaseCard();
      await keepScreenshot(dir, 'cancel-back-on-case-card', (path) => cardIn(caseCard).screenshot({ path }));
    });
  },
);
