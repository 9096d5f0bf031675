import { readFileSync } from 'node:fs';
import { DEFAULT_ROSTER_FILE } from '../../src/config.js';
import type { RosterInput } from '../../src/domain/roster.js';
import type { OrgType, Role } from '../../src/domain/types.js';

// A province-wide roster for the team card's typeahead and the card size tests: the demo roster plus many colleagues
// in the organisations an Arnhem case works with (so every one of them is a candidate there). All names fictional.

const FIRST = [
  'Zoë',
  'Ümit',
  'Noor',
  'Sanne',
  'Joël',
  'Fenna',
  'Ayşe',
  'Daan',
  'Loïs',
  'Bram',
  'Iris',
  'Özlem',
  'Teun',
];
const LAST = ['Ünal', 'de Vries', 'Çelik', 'Jansen', 'Müller', 'van den Berg', 'Bakker', 'Ekström', 'Visser', 'Smit'];

/** Where the extra colleagues work: the Arnhem case's own organisations. */
const ORGS: Array<{ org: OrgType; orgName: string; lead: string }> = [
  { org: 'LT', orgName: 'Stichting Wijkteams Arnhem', lead: 'lead-lt-arn' },
  { org: 'VT', orgName: 'Veilig Thuis Gelderland-Midden', lead: 'lead-vt-1' },
  { org: 'GI', orgName: 'Jeugdbescherming Gelderland', lead: 'lead-gi-1' },
  { org: 'RVDK', orgName: 'Raad voor de Kinderbescherming regio Arnhem', lead: 'lead-rvdk-1' },
];

export interface ExtraColleague {
  id: string;
  name: string;
  org: OrgType;
  orgName: string;
}

/** `count` extra colleagues, spread over the four organisations, with names that need accent folding to be found. */
export function extraColleagues(count: number): ExtraColleague[] {
  return Array.from({ length: count }, (_, i) => {
    const where = ORGS[i % ORGS.length]!;
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i + 1} (fictief)`;
    return { id: `extra-${i + 1}`, name, org: where.org, orgName: where.orgName };
  });
}

/** The demo roster with `count` extra professionals (and a few behavioural scientists) around Arnhem. */
export function largeRosterInput(count: number): RosterInput {
  const roster = JSON.parse(readFileSync(DEFAULT_ROSTER_FILE, 'utf8')) as RosterInput;
  for (const [i, c] of extraColleagues(count).entries()) {
    const role: Role = i % 10 === 9 ? 'behavioural_scientist' : 'professional';
    roster.members.push({
      ...c,
      role,
      lead: ORGS.find((o) => o.org === c.org)!.lead,
      aadObjectId: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
      email: `${c.id}@demo.teammodel.invalid`,
    });
  }
  return roster;
}
