/**
 * The playground's web UI in Debian's headless Chromium (playwright-core with executablePath; no browser download):
 * type `casus nieuw Arnhem` in the compose box, wait for the rendered Adaptive Card (the playground renders cards
 * with the adaptivecards library: `.ac-adaptiveCard`), screenshot it, and press its "Team" button (an invoke from the
 * UI). The screenshot goes to a temp file; with UPDATE_SCREENSHOT=1 it is also copied to
 * test/e2e/screenshots/case-card.png. Skipped, saying why, when there is no Chromium (see support/chromium.ts).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, pngSize } from './support/chromium.js';
import { CASE_REF, ROOT, startE2E, type E2E } from './support/playground-harness.js';

const missing = chromiumMissing();
if (missing) console.warn(`[e2e] playground-browser.test.ts skipped: ${missing}`);

describe.skipIf(missing !== undefined)(
  `the playground's web UI in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let e: E2E | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let dir = '';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-browser-'));
      e = await startE2E();
      context = await launchChromium(join(dir, 'profile'));
      page = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await e?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    it(
      'shows the case card after `casus nieuw Arnhem` is typed in the compose box; the screenshot is a real PNG',
      { timeout: 90_000 },
      async () => {
        await page.goto(e!.uiUrl);
        // The personal chat with the bot is open on start; opening it installs the app (installationUpdate).
        const compose = page.locator('[contenteditable="true"][role="textbox"]');
        await compose.waitFor({ timeout: 30_000 });
        await compose.click();
        await page.keyboard.type('casus nieuw Arnhem');
        await page.keyboard.press('Enter');

        const card = page.locator('.ac-adaptiveCard').filter({ hasText: CASE_REF }).first();
        await card.waitFor({ timeout: 30_000 });
        // Our own message is shown too.
        await expect.poll(() => page.getByText('casus nieuw Arnhem', { exact: true }).count()).toBeGreaterThan(0);

        const text = await card.innerText();
        const ref = CASE_REF.exec(text)![0];
        expect(text).toContain(`Casus ${ref}`);
        expect(text).toMatch(/Gemeente\s+Arnhem/);
        expect(text).toContain('Casusteam');
        expect(text).toContain('Tess de Groot (fictief)');
        // The buttons are rendered as buttons.
        for (const title of ['Team', 'Gebeurtenis vastleggen', 'Fase wijzigen', 'Casus sluiten', 'Acuut onveilig']) {
          await expect.poll(() => card.getByRole('button', { name: title, exact: true }).count()).toBe(1);
        }

        const png = join(dir, 'case-card.png');
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: png, animations: 'disabled' });
        expect(existsSync(png)).toBe(true);
        const bytes = readFileSync(png);
        const size = pngSize(bytes);
        expect(statSync(png).size).toBeGreaterThan(20_000);
        expect(size.width).toBeGreaterThan(300);
        expect(size.height).toBeGreaterThan(400);
        if (process.env.UPDATE_SCREENSHOT === '1') {
          mkdirSync(join(ROOT, 'test/e2e/screenshots'), { recursive: true });
          copyFileSync(png, join(ROOT, 'test/e2e/screenshots/case-card.png'));
        }

        // Pressing "Team" in the UI: an Action.Execute invoke; the answer (the team card) replaces the case card.
        await card.getByRole('button', { name: 'Team', exact: true }).click();
        const teamCard = page
          .locator('.ac-adaptiveCard')
          .filter({ hasText: `Casusteam ${ref}` })
          .first();
        await teamCard.waitFor({ timeout: 30_000 });
        const teamText = await teamCard.innerText();
        expect(teamText).toContain('Gemeente Arnhem.');
        expect(teamText).toContain(
          'Pien Meijer (fictief): Stichting Wijkteams Arnhem (Lokaal Team), uitvoerend professional · casusregisseur',
        );
      },
    );
  },
);
