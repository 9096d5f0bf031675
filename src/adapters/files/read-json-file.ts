import { readFileSync } from 'node:fs';

/** Reads a JSON file, with one clear error for a missing file or invalid JSON. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${what} niet gevonden: ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} is geen geldige JSON: ${path} (${(err as Error).message})`, { cause: err });
  }
}
