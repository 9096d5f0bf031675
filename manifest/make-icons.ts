/**
 * Draws the two Teams app icons and writes them as PNG files next to this script:
 *   color.png   192×192, full colour: four dots in a circle (the four organisations of a case team: Lokaal Team,
 *               Veilig Thuis, jeugdbescherming, Raad) around the family in the middle.
 *   outline.png  32×32, the same shape in white on a transparent background (RGBA), as Teams requires.
 * Run with `npx tsx manifest/make-icons.ts`; the PNGs it writes are committed. Uses only node:zlib (no image library).
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

type Rgb = readonly [number, number, number];
/** A disc in unit coordinates (0..1 across the icon). */
interface Disc {
  cx: number;
  cy: number;
  r: number;
  color: Rgb;
}

const BACKGROUND: Rgb = [0x1f, 0x5f, 0x7a]; // the manifest's accentColor
const WHITE: Rgb = [255, 255, 255];
const ORG_COLORS: Rgb[] = [
  [0x5c, 0xb8, 0x5c], // Lokaal Team
  [0xf0, 0x8a, 0x24], // Veilig Thuis
  [0xb0, 0x6c, 0xd8], // jeugdbescherming (GI)
  [0xf5, 0xc8, 0x2a], // Raad voor de Kinderbescherming
];

/** Four organisation dots on a ring (top, right, bottom, left) and the family in the centre. */
export function iconDiscs(orgColors: readonly Rgb[], centre: Rgb, dotRadius: number, ringRadius: number): Disc[] {
  const dots = orgColors.map((color, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 2;
    return { cx: 0.5 + ringRadius * Math.cos(angle), cy: 0.5 + ringRadius * Math.sin(angle), r: dotRadius, color };
  });
  return [...dots, { cx: 0.5, cy: 0.5, r: dotRadius * 0.8, color: centre }];
}

/** Renders discs with 4×4 supersampling; `background` undefined means transparent. Returns RGBA bytes. */
export function render(size: number, discs: readonly Disc[], background?: Rgb): Uint8Array {
  const ss = 4;
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          const hit = discs.find((d) => (u - d.cx) ** 2 + (v - d.cy) ** 2 <= d.r ** 2);
          const color = hit?.color ?? background;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 255;
          }
        }
      }
      const n = ss * ss;
      const covered = a / 255;
      const i = (y * size + x) * 4;
      // Colour is averaged over covered samples only, so edges stay white (not grey) on a transparent icon.
      out[i] = covered ? Math.round(r / covered) : 0;
      out[i + 1] = covered ? Math.round(g / covered) : 0;
      out[i + 2] = covered ? Math.round(b / covered) : 0;
      out[i + 3] = Math.round(a / n);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes 8-bit RGBA pixels (colour type 6) as a PNG, every scanline with filter 0. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function makeIcons(dir: string): { color: string; outline: string } {
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, encodePng(192, 192, render(192, iconDiscs(ORG_COLORS, WHITE, 0.14, 0.3), BACKGROUND)));
  // The outline icon is small: bigger dots, closer to the edge, all white on transparent.
  writeFileSync(
    outline,
    encodePng(
      32,
      32,
      render(
        32,
        iconDiscs(
          ORG_COLORS.map(() => WHITE),
          WHITE,
          0.14,
          0.32,
        ),
      ),
    ),
  );
  return { color, outline };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = makeIcons(dirname(fileURLToPath(import.meta.url)));
  console.log(`Iconen geschreven / icons written: ${written.color}, ${written.outline}`);
}
