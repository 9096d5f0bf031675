/**
 * Debian's Chromium (apt package `chromium`, /usr/bin/chromium) driven by playwright-core. No browser is ever
 * downloaded: playwright-core only talks to the executable given here. `.ci/run` installs the package when it is
 * missing and it runs as root; elsewhere `apt-get install -y chromium` (as root) or CHROMIUM_PATH=<executable>.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why the browser test cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH}: install Debian's package as root (apt-get update && apt-get install -y --no-install-recommends chromium; .ci/run does this when apt is available) or set CHROMIUM_PATH`;
  }
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium with a fresh profile in `userDataDir`. Every request to a host other than the loopback is
 * aborted: the playground's UI asks office.net for web fonts and an animation worklet, which offline would only fail
 * later and slower (the fonts fall back to the system's).
 */
export async function launchChromium(
  userDataDir: string,
  viewport = { width: 1280, height: 1000 },
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
