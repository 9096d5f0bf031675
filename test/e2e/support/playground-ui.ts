/**
 * The playground's web UI as a person uses it (see docs/agents-playground.md, "The web UI in a headless browser"):
 * the compose box, the bot's messages (each a Fluent `.fai-OutputCard` holding the rendered `.ac-adaptiveCard`), the
 * Adaptive Card inputs as the playground renders them (Fluent comboboxes and date pickers, labelled by `<label for>`),
 * and screenshots kept per journey.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { pngSize } from './chromium.js';
import { ROOT } from './playground-harness.js';

export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

/** Opens the UI on the personal chat (which installs the app there) and waits for the compose box. */
export async function openPersonalChat(page: Page, uiUrl: string): Promise<void> {
  await page.goto(uiUrl);
  await page.locator('[contenteditable="true"][role="textbox"]').waitFor({ timeout: 60_000 });
}

/** Types `text` in the compose box and sends it (Enter), as the person in the UI (currentUser). */
export async function typeInChat(page: Page, text: string): Promise<void> {
  const compose = page.locator('[contenteditable="true"][role="textbox"]');
  await compose.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Every bot message in the open chat, oldest first. */
export const botMessages = (page: Page): Locator => page.locator('.fai-OutputCard');

/**
 * The bot message that arrives after `before` messages were shown and whose text contains `text`: waits for it and
 * returns it by position, so that it can still be found after a button press replaced its card.
 */
export async function nextBotMessage(page: Page, before: number, text: string, timeoutMs = 60_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await botMessages(page).count();
    for (let i = before; i < count; i++) {
      const message = botMessages(page).nth(i);
      if ((await message.innerText()).includes(text)) return message;
    }
    if (Date.now() > deadline) {
      const shown = await botMessages(page).allInnerTexts();
      throw new Error(
        `no bot message with "${text}" after message ${before} within ${timeoutMs} ms; shown:\n${shown.map((s) => s.slice(0, 120).replace(/\n/g, ' | ')).join('\n')}`,
      );
    }
    await page.waitForTimeout(250);
  }
}

/** The card of a bot message (the outer `.ac-adaptiveCard`; an open Action.ShowCard form is inside it). */
export const cardIn = (message: Locator): Locator => message.locator('.ac-adaptiveCard').first();

/** Waits until the message's card contains `text` (after an Action.Execute replaced it in place). */
export async function waitForCardText(message: Locator, text: string, timeoutMs = 60_000): Promise<void> {
  await expect.poll(() => cardIn(message).innerText(), { timeout: timeoutMs, interval: 250 }).toContain(text);
}

/** The card buttons (Adaptive Card actions: `<button role="button" aria-label=title>`) in a card, by name. */
export async function buttonNames(scope: Locator): Promise<string[]> {
  return scope
    .locator('button[role="button"]')
    .evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
}

/** An Adaptive Card input by its label (the renderer links `<label for>` to the input's id). */
export async function inputByLabel(scope: Locator, label: string): Promise<Locator> {
  const id = await scope.locator('label', { hasText: label }).first().getAttribute('for');
  if (!id) throw new Error(`no input labelled "${label}"`);
  return scope.locator(`[id="${id}"]`);
}

/** Picks an option of a compact Input.ChoiceSet (a Fluent combobox): opens it and clicks the option. */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp): Promise<void> {
  await combobox.click();
  await page.getByRole('option', { name: option }).first().click();
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Picks a date in an Input.Date (a Fluent date picker, whose calendar the playground shows in English): opens the
 * calendar, goes to the month, and clicks the day ("16, December, 2026").
 */
export async function pickDate(page: Page, input: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  await input.click();
  const dialog = page.getByRole('dialog', { name: 'Calendar' });
  await dialog.waitFor({ timeout: 10_000 });
  const dayButton = dialog.getByRole('button', { name: `${day}, ${MONTHS[month - 1]}, ${year}`, exact: true });
  for (let i = 0; i < 24 && !(await dayButton.isVisible()); i++) {
    await dialog.locator('button[title^="Next month"]').click();
  }
  await dayButton.click();
}

/** Today in Europe/Amsterdam (the bot's time zone), and `days` later, as YYYY-MM-DD. */
export function amsterdamDate(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);
}

/**
 * Keeps a screenshot: `take` writes it to `dir/<name>.png`; the file is checked to be a real PNG of some size, and
 * with UPDATE_SCREENSHOT=1 copied to test/e2e/screenshots/<name>.png. Returns the temp path.
 */
export async function keepScreenshot(
  dir: string,
  name: string,
  take: (path: string) => Promise<unknown>,
  minimum = { width: 300, height: 100 },
): Promise<string> {
  const png = join(dir, `${name}.png`);
  await take(png);
  const size = pngSize(readFileSync(png));
  expect(size.width, `${name}.png width`).toBeGreaterThanOrEqual(minimum.width);
  expect(size.height, `${name}.png height`).toBeGreaterThanOrEqual(minimum.height);
  expect(statSync(png).size, `${name}.png bytes`).toBeGreaterThan(5_000);
  if (process.env.UPDATE_SCREENSHOT === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(png, join(SCREENSHOTS, `${name}.png`));
  }
  return png;
}

/** Screenshots one bot message (its card) after scrolling it into view, with animations off. */
export async function shootMessage(message: Locator, path: string): Promise<void> {
  await message.scrollIntoViewIfNeeded();
  await message.screenshot({ path, animations: 'disabled' });
}
