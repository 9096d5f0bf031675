import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { buildAppPackage, fillTemplate, LOCAL_BOT_ID, TEMPLATE_FILE } from '../../manifest/build-package.js';
import { validateManifest } from '../../manifest/validate-manifest.js';

/** The bot's chat commands (README, "Chat commands"): manifest title → the usage its description must show. */
const COMMAND_VOCABULARY: Record<string, string> = {
  hulp: 'hulp',
  'casus nieuw': 'casus nieuw <gemeente>',
  casus: 'casus <ref>',
  'mijn casussen': 'mijn casussen',
  team: 'team <ref>',
  rooster: 'rooster <gemeente>',
  overdracht: 'overdracht <ref>',
  escaleer: 'escaleer <ref>',
  acuut: 'acuut <ref>',
  overzicht: 'overzicht',
  digest: 'digest aan',
  afwezig: 'afwezig',
  consult: 'consult <ref>',
  leren: 'leren <gemeente> [van] [tot]',
  kpi: 'kpi <gemeente> <van> <tot>',
};

interface Png {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  pixels: Buffer;
}

/** Reads a non-interlaced 8-bit PNG: IHDR, then the inflated and unfiltered scanlines. */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colorType = ihdr[9]!;
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType] ?? 1;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, bitDepth, pixels };
}

async function realManifest(): Promise<Record<string, any>> {
  const template = await readFile(TEMPLATE_FILE, 'utf8');
  return JSON.parse(fillTemplate(template, { BOT_ID: LOCAL_BOT_ID, APP_VERSION: '0.1.0' }));
}

describe('Teams app package', () => {
  let dir: string;
  let zip: JSZip;
  let built: { file: string; manifest: Record<string, any> };
  const botId = '11111111-2222-4333-8444-555555555555';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'teammodel-manifest-'));
    built = (await buildAppPackage({ botId, outFile: join(dir, 'out', 'teammodel.zip') })) as typeof built;
    zip = await JSZip.loadAsync(await readFile(built.file));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds exactly manifest.json, color.png and outline.png at the root', () => {
    expect(built.file).toBe(join(dir, 'out', 'teammodel.zip'));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills the bot id and the package version into the manifest', async () => {
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toEqual(built.manifest);
    expect(manifest.bots[0].botId).toBe(botId);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('uses a current GA schema (1.23 or newer) and the bot settings the design asks for', () => {
    const m = built.manifest;
    const [major, minor] = String(m.manifestVersion).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(23);
    expect(m.$schema).toContain(`/v${m.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(m.name).toEqual({ short: 'Teammodel', full: 'Teammodel Gelderland – vaste gezichten per gezin' });
    expect(m.bots[0]).toMatchObject({
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: true, // the inzage export is offered as a file (file consent card) in the personal chat,
      isNotificationOnly: false,
    });
    for (const url of Object.values(m.developer).filter((v) => typeof v === 'string' && v.includes('://'))) {
      expect(url).toMatch(/^https:\/\/teammodel\.example\.org\//);
    }
    expect(m.description.full).toMatch(/geen dossier/i);
    expect(m.description.full).toMatch(/nooit namen, BSN of adressen/);
  });

  it('ships a 192×192 colour icon', async () => {
    const png = readPng(await zip.file('color.png')!.async('nodebuffer'));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(png.colorType);
  });

  it('ships a 32×32 outline icon: white on a transparent background (RGBA)', async () => {
    const png = readPng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([32, 32, 6, 8]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        if (a === 255) opaque++;
      }
    }
    expect([png.pixels[3], png.pixels[png.pixels.length - 1]]).toEqual([0, 0]); // corners are transparent
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
  });

  it('lists, for each scope, every chat command of the bot and nothing else', async () => {
    const schema = JSON.parse(
      await readFile(
        new URL(
          `../../node_modules/@microsoft/app-manifest/build/json-schemas/teams/v${built.manifest.manifestVersion}/MicrosoftTeams.schema.json`,
          import.meta.url,
        ),
        'utf8',
      ),
    );
    const maxCommands: number = schema.properties.bots.items.properties.commandLists.items.properties.commands.maxItems;
    const lists: { scopes: string[]; commands: { title: string; description: string }[] }[] =
      built.manifest.bots[0].commandLists;
    expect(lists.map((l) => l.scopes).sort()).toEqual([['groupChat'], ['personal'], ['team']]);
    // A list holds at most 12 commands, and the bot has more: the personal chat lists a professional's commands (consult,
    // afwezig, digest), team and group chats the shared ones (rooster, leren, kpi). Together they list every command.
    const seen = new Set<string>();
    for (const list of lists) {
      const titles = list.commands.map((c) => c.title);
      expect(new Set(titles).size).toBe(titles.length);
      expect(list.commands.length).toBeLessThanOrEqual(maxCommands);
      for (const title of titles) seen.add(title);
      for (const command of list.commands) {
        const usage = COMMAND_VOCABULARY[command.title]!;
        expect(command.description.length).toBeGreaterThan(10);
        // Commands with an argument show their usage, e.g. "casus nieuw <gemeente>".
        if (usage !== command.title) expect(command.description).toContain(usage);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(COMMAND_VOCABULARY).sort());
  });
});

describe('validateManifest', () => {
  it('accepts the real manifest, without touching the network', async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('validateManifest must not use the network'));
    try {
      expect(await validateManifest(await realManifest())).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('reports a missing required property', async () => {
    const manifest = await realManifest();
    delete manifest.developer;
    expect(await validateManifest(manifest)).toEqual([
      expect.stringContaining("must have required property 'developer'"),
    ]);
  });

  it('reports a wrong manifestVersion and a non-semver app version', async () => {
    const manifest = await realManifest();
    manifest.manifestVersion = '1.99';
    manifest.version = '1.0';
    const problems = await validateManifest(manifest);
    expect(problems.some((p) => p.startsWith('/manifestVersion'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/version'))).toBe(true);
  });

  it('reports a bot id that is not a GUID and too many commands', async () => {
    const manifest = await realManifest();
    manifest.bots[0].botId = 'teammodel-bot';
    manifest.bots[0].commandLists[0].commands = Array.from({ length: 13 }, (_, i) => ({ title: `opdracht ${i}` }));
    const problems = await validateManifest(manifest);
    expect(problems.some((p) => p.startsWith('/bots/0/botId'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/bots/0/commandLists/0/commands'))).toBe(true);
  });

  it('reports a schema version that is not bundled instead of downloading it', async () => {
    const manifest = await realManifest();
    manifest.$schema = 'https://developer.microsoft.com/json-schemas/teams/v9.9/MicrosoftTeams.schema.json';
    expect(await validateManifest(manifest)).toEqual([expect.stringContaining('no bundled schema for v9.9')]);
  });
});

describe('buildAppPackage', () => {
  it('falls back to MicrosoftAppId and then to the local bot id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teammodel-manifest-'));
    const saved = process.env.MicrosoftAppId;
    try {
      delete process.env.MicrosoftAppId;
      const local = await buildAppPackage({ outFile: join(dir, 'a.zip') });
      expect((local.manifest as any).bots[0].botId).toBe(LOCAL_BOT_ID);
      process.env.MicrosoftAppId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
      const fromEnv = await buildAppPackage({ outFile: join(dir, 'b.zip') });
      expect((fromEnv.manifest as any).bots[0].botId).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    } finally {
      if (saved === undefined) delete process.env.MicrosoftAppId;
      else process.env.MicrosoftAppId = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to build with an invalid bot id and names the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teammodel-manifest-'));
    try {
      await expect(buildAppPackage({ botId: 'not-a-guid', outFile: join(dir, 'x.zip') })).rejects.toThrow(
        /\/bots\/0\/botId/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
