import { normsSchema, type Norms } from '../../domain/norms.js';
import { readJsonFile } from './read-json-file.js';

export function parseNorms(input: unknown, source: string): Norms {
  const parsed = normsSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(
      `Normenbestand ongeldig (${source}):\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export function loadNormsFile(path: string): Norms {
  return parseNorms(readJsonFile(path, 'Normenbestand'), path);
}
