import type { TeamMemberView } from '../../../app/queries/get-case-view.js';
import type { Member } from '../../../domain/types.js';
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
} from '../cards/card-kit.js';
import { fitsInMessage } from '../cards/card-size-limit.js';

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
  /** Roster people who could join (not on the team yet), in the order to show them (app/queries/search-candidates). */
  candidates: Member[];
  notice?: string;
}

const REASON_HINT = 'Waarom? Alleen over het werk, nooit over het gezin.';

const memberTitle = (m: { name: string; orgName: string; role: Member['role'] }) =>
  `${m.name} (${m.orgName}, ${roleLabel(m.role)})`;

/** Adaptive Cards have no option groups: the organisation comes first in each title (the order is the app's). */
export const candidateTitle = (m: Member): string => `${orgLabel(m.org)}: ${memberTitle(m)}`;

/**
 * Up to this many candidates the forms list them in the card (a `filtered` list, which Teams and the Agents
 * Playground both filter as one types), if the card then fits in one message. Above it the card carries no names: the list is a typeahead whose choices Teams
 * asks the bot for (Data.Query, answered by team/candidate-search-action.ts), so that a province-wide roster keeps
 * the card far below the message size limit (card-size-limit.ts). The Playground sends no such search, and the demo
 * roster gives 41 or 42 candidates per case: it stays inline there.
 */
export const INLINE_CANDIDATES_MAX = 50;

/** The Data.Query dataset that names the case and the slot being filled: `team.candidates:<ref>:add|replace`. */
export const CANDIDATE_DATASET_PREFIX = 'team.candidates';
export const candidateDataset = (caseRef: string, slot: 'add' | 'replace'): string =>
  `${CANDIDATE_DATASET_PREFIX}:${caseRef}:${slot}`;

const SEARCH_HINT = 'Typ een naam, organisatie of gemeente';

const reason = (id: string) => input.text(id, 'Reden', { required: true, maxLength: 500, placeholder: REASON_HINT });

/**
 * The candidate picker: the whole list inline when it is short, else a typeahead on the bot's search. For a successor
 * the search gets the card's other inputs (`associatedInputs: auto`), so it can offer only people of the leaving
 * member's kind of organisation. The chosen value is a roster id either way.
 */
function candidatePicker(
  id: string,
  label: string,
  model: TeamCardModel,
  slot: 'add' | 'replace',
  inline: boolean,
): CardElement {
  if (inline) {
    const choices = model.candidates.map((m): [string, string] => [m.id, candidateTitle(m)]);
    return { ...input.choice(id, label, choices), style: 'filtered' };
  }
  return {
    ...input.choice(id, label, []),
    style: 'filtered',
    placeholder: SEARCH_HINT,
    'choices.data': {
      type: 'Data.Query',
      dataset: candidateDataset(model.caseRef, slot),
      ...(slot === 'replace' ? { associatedInputs: 'auto' } : {}),
    },
  };
}

function forms(model: TeamCardModel, inline: boolean): CardElement[] {
  const caseRef = model.caseRef;
  const members = model.members.map((m): [string, string] => [m.id, memberTitle(m)]);
  const others = model.members.filter((m) => !m.isCoordinator).map((m): [string, string] => [m.id, memberTitle(m)]);
  return [
    showCard(
      'Lid toevoegen',
      [candidatePicker('addMember', 'Wie komt erbij?', model, 'add', inline), reason('addReason')],
      execute('Toevoegen', 'team.add', { caseRef }, 'positive'),
    ),
    showCard(
      'Lid vervangen',
      [
        input.choice('replaceMember', 'Wie gaat eruit?', members),
        candidatePicker('replaceSuccessor', 'Wie neemt het over?', model, 'replace', inline),
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

/**
 * The team card. Its candidates are listed inline up to INLINE_CANDIDATES_MAX, and only while the card then still fits
 * in one message (a very large team lists its members four times); otherwise the pickers are typeaheads.
 */
export function buildTeamCard(model: TeamCardModel): AdaptiveCard {
  const inline = model.candidates.length <= INLINE_CANDIDATES_MAX;
  const card = teamCard(model, inline);
  return inline && !fitsInMessage(card) ? teamCard(model, false) : card;
}

function teamCard(model: TeamCardModel, inline: boolean): AdaptiveCard {
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
  return adaptiveCard(body, model.open ? [...forms(model, inline), back] : [back]);
}
