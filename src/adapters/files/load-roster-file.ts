import { readFileSync } from 'node:fs';
import { parseRoster, type Roster, type RosterProblem } from '../../domain/roster.js';

/** A roster file that cannot be used; `problems` holds every finding as `<file>: <json.path>: <message>`. */
export class RosterFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `Rooster ongeldig / invalid roster file (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'RosterFileError';
  }
}

const HINT = 'set ROSTER_FILE to a roster JSON file, e.g. db/seed/demo-roster.json';

/** Reads and validates the roster of fixed faces (names and a Teams identity required); throws a RosterFileError listing every problem. */
export function loadRosterFile(path: string): Roster {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot read the file (${code ?? 'unknown error'})`;
    throw new RosterFileError(path, [`${path}: ${what}; ${HINT}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RosterFileError(path, [`${path}: not valid JSON (${(err as Error).message})`]);
  }
  const result = parseRoster(json, { requireNames: true, requireTeamsIdentity: true });
  if ('problems' in result)
    throw new RosterFileError(
      path,
      result.problems.map((p: RosterProblem) => `${path}: ${p.path || '(root)'}: ${p.message}`),
    );
  return result.roster;
}
