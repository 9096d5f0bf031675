import type { TeamMemberView } from '../../../app/queries/get-case-view.js';
import { ORG_TYPES, type Member } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  heading,
  input,
  orgLabel,
  roleLabel,
  showCard,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from './card-kit.js';

// The team card: who is on the case (name, organisation, role) and the forms to change the team. Every change asks
// for a reason; the use cases decide who may do what. Input ids are unique across the card (see case-card-forms).

/** A member who is away today (docs/behaviour.md, Deputies): until when, and who stands in. */
export interface MemberAway {
  until: string;
  deputy: { name: string; orgName: string } | null;
  /** False when the deputy is away too: then nobody stands in. */
  deputyStandsIn: boolean;
}

export interface TeamCardModel {
  caseRef: string;
  municipality: string;
  open: boolean;
  members: Array<TeamMemberView & { away?: MemberAway }>;
  /** Roster people who could join (not on the team yet). */
  candidates: Member[];
  notice?: string;
}

const REASON_HINT = 'Waarom? Alleen over het werk, nooit over het gezin.';

const memberTitle = (m: { name: string; orgName: string; role: Member['role'] }) =>
  `${m.name} (${m.orgName}, ${roleLabel(m.role)})`;

/** Adaptive Cards have no option groups: sort by organisation and put the organisation first in each title. */
function candidateChoices(candidates: Member[]): Array<[string, string]> {
  const order = (m: Member) => ORG_TYPES.indexOf(m.org);
  return [...candidates]
    .sort((a, b) => order(a) - order(b) || a.orgName.localeCompare(b.orgName) || a.name.localeCompare(b.name))
    .map((m) => [m.id, `${orgLabel(m.org)}: ${memberTitle(m)}`]);
}

const reason = (id: string) => input.text(id, 'Reden', { required: true, maxLength: 500, placeholder: REASON_HINT });
const filtered = (el: CardElement): CardElement => ({ ...el, style: 'filtered' });

function forms(model: TeamCardModel): CardElement[] {
  const caseRef = model.caseRef;
  const members = model.members.map((m): [string, string] => [m.id, memberTitle(m)]);
  const others = model.members.filter((m) => !m.isCoordinator).map((m): [string, string] => [m.id, memberTitle(m)]);
  const candidates = candidateChoices(model.candidates);
  return [
    showCard(
      'Lid toevoegen',
      [filtered(input.choice('addMember', 'Wie komt erbij?', candidates)), reason('addReason')],
      execute('Toevoegen', 'team.add', { caseRef }, 'positive'),
    ),
    showCard(
      'Lid vervangen',
      [
        input.choice('replaceMember', 'Wie gaat eruit?', members),
        filtered(input.choice('replaceSuccessor', 'Wie neemt het over?', candidates)),
        reason('replaceReason'),
      ],
      execute('Vervangen', 'team.replace', { caseRef }),
    ),
    showCard(
      'Lid verwijderen',
      [input.choice('removeMember', 'Wie gaat eruit?', members), reason('removeReason')],
      execute('Verwijderen', 'team.remove', { caseRef }, 'destructive'),
    ),
    showCard(
      'Casusregie overdragen',
      [input.choice('coordinatorMember', 'Wie wordt casusregisseur?', others), reason('coordinatorReason')],
      execute('Casusregie overdragen', 'team.setCoordinator', { caseRef }),
    ),
  ];
}

/** "afwezig t/m vr 18 sep 2026 — vervanger: Saskia Dekker (fictief) (Stichting Wijkteams Arnhem)". */
export function awayText(away: MemberAway): string {
  const until = `afwezig t/m ${dutchDate(away.until)}`;
  if (!away.deputy) return `${until} — geen vervanger: berichten worden niet doorgegeven`;
  const deputy = `${away.deputy.name} (${away.deputy.orgName})`;
  return away.deputyStandsIn
    ? `${until} — vervanger: ${deputy}`
    : `${until} — vervanger ${deputy} is zelf ook afwezig: berichten worden niet doorgegeven`;
}

export function buildTeamCard(model: TeamCardModel): AdaptiveCard {
  const lines = model.members.map((m) =>
    text(
      `${m.name}: ${m.orgName} (${orgLabel(m.org)}), ${roleLabel(m.role)}${m.isCoordinator ? ' · casusregisseur' : ''}${m.away ? ` · ${awayText(m.away)}` : ''}`,
      { spacing: 'Small' },
    ),
  );
  const anyoneAway = model.members.some((m) => m.away);
  const body: CardElement[] = [
    ...(model.notice ? [text(model.notice, { color: 'Good', weight: 'Bolder' })] : []),
    heading(`Casusteam ${model.caseRef}`),
    subtle(`Gemeente ${model.municipality}. Naam, organisatie en rol van ieder lid.`),
    ...lines,
    ...(anyoneAway
      ? [
          subtle(
            'Een vervanger krijgt de berichten van wie afwezig is, en kan de casus zolang openen en erop handelen.',
          ),
        ]
      : []),
    ...(model.open
      ? [
          subtle(
            'Iemand vervangen of verwijderen kan alleen die persoon zelf, diens teamleider of een pilotcoördinator. Elke wijziging vraagt een reden.',
          ),
        ]
      : [subtle('Deze casus is gesloten; het team kan niet meer veranderen.')]),
  ];
  const back = execute('Terug naar de casus', 'case.show', { caseRef: model.caseRef });
  return adaptiveCard(body, model.open ? [...forms(model), back] : [back]);
}
