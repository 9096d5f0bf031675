import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './read-json-file.js';

const REGIONS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../db/seed/regions.json');

const schema = z.object({
  regions: z.array(
    z.object({
      code: z.string().regex(/^[A-Z]{2}$/),
      name: z.string(),
      municipalities: z.record(z.string(), z.string().regex(/^[A-Z]{3}$/)),
    }),
  ),
});

export interface Regions {
  list: Array<{ code: string; name: string; municipalities: Record<string, string> }>;
  codesOf(municipality: string): { region: string; municipality: string };
}

/** Region and municipality codes for case references (CG-ARN-…). A municipality outside the table gets NL-<first three letters>. */
export function loadRegions(path = REGIONS_FILE): Regions {
  const data = schema.parse(readJsonFile(path, 'Regiobestand'));
  const index = new Map<string, { region: string; municipality: string }>();
  for (const r of data.regions)
    for (const [name, code] of Object.entries(r.municipalities))
      index.set(name.toLowerCase(), { region: r.code, municipality: code });
  return {
    list: data.regions,
    codesOf: (m) =>
      index.get(m.toLowerCase()) ?? {
        region: 'NL',
        municipality: (
          m
            .normalize('NFD')
            .replace(/[^A-Za-z]/g, '')
            .toUpperCase() + 'XXX'
        ).slice(0, 3),
      },
  };
}
