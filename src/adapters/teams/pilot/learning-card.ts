import type { LearningAgenda } from '../../../app/queries/learning-agenda.js';
import { ESCALATION_LEVELS, ESCALATION_TRIGGERS } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDateLong,
  execute,
  facts,
  heading,
  input,
  LEVEL_LABELS,
  showCard,
  subtle,
  text,
  TRIGGER_LABELS,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// `leren <gemeente>`: the agenda of a local learning group, anonymised — numbers, medians and the participants'
// reflections without their author; never a case reference, a name or a case's content.

export const LEARNING_VERB = 'pilot.learning';
export const KPI_VERB = 'pilot.kpi';

/** Reflections per card: readable, and well under Teams' card size limit (each at most 1 000 characters). */
export const MAX_REFLECTIONS = 15;
const MISSED_NORMS_SHOWN = 5;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const decimal = (x: number) => String(x).replace('.', ',');

/** "Andere periode": two date pickers, and the same card again for those days. */
export function periodForm(verb: string, municipality: string): CardElement {
  return showCard(
    'Andere periode',
    [input.date('from', 'Van'), input.date('to', 'Tot en met')],
    execute('Tonen', verb, { municipality }),
  );
}

/** A button to the other card of the same period; it takes none of this card's inputs. */
export const periodLink = (title: string, verb: string, v: { municipality: string; from: string; to: string }) => ({
  ...execute(title, verb, { municipality: v.municipality, from: v.from, to: v.to }),
  associatedInputs: 'none',
});

const item = (n: number, title: string): CardElement => text(`${n}. ${title}`, { weight: 'Bolder', spacing: 'Medium' });

function escalationLines(v: LearningAgenda): CardElement[] {
  const e = v.escalations;
  if (e.closed === 0) return [subtle('Geen escalaties afgesloten in deze periode.')];
  const how = [
    e.decided > 0 ? `${e.decided} met een besluit` : '',
    e.selfResolved > 0 ? `${e.selfResolved} vanzelf afgerond toen de termijn alsnog werd gehaald` : '',
    e.withdrawn > 0 ? `${e.withdrawn} ingetrokken` : '',
  ].filter(Boolean);
  return [
    text(`${plural(e.closed, 'escalatie', 'escalaties')} afgesloten: ${how.join(', ')}.`),
    facts(
      e.perTrigger.map((t) => [
        TRIGGER_LABELS[t.trigger],
        [
          t.manual > 0 ? `${t.manual} door een medewerker` : '',
          t.automatic > 0 ? `${t.automatic} na een verlopen termijn` : '',
        ]
          .filter(Boolean)
          .join(', '),
      ]),
    ),
    subtle(
      `Hoogste niveau: ${ESCALATION_LEVELS.filter((l) => e.perLevel[l] > 0)
        .map((l) => `${LEVEL_LABELS[l]} ${e.perLevel[l]}`)
        .join(' · ')}.`,
    ),
  ];
}

function decisionLine(v: LearningAgenda): CardElement {
  const t = v.timeToDecision;
  if (t.median === null) return subtle('Geen besluiten in deze periode.');
  const days = `${decimal(t.median)} ${t.median === 1 ? 'werkdag' : 'werkdagen'}`;
  return text(`Mediaan ${days} van escaleren tot besluit (${plural(t.n, 'besluit', 'besluiten')}).`);
}

function normLines(v: LearningAgenda): CardElement[] {
  if (v.missedNorms.length === 0) return [subtle('Geen termijn verlopen in deze periode.')];
  return [
    text(
      v.missedNorms
        .slice(0, MISSED_NORMS_SHOWN)
        .map(
          (m) =>
            `- ${m.label} (${m.timer}): ${plural(m.times, 'keer', 'keer')} verlopen, in ${plural(m.cases, 'casus', 'casussen')}`,
        )
        .join('\n'),
    ),
  ];
}

function jbLines(v: LearningAgenda): CardElement[] {
  const j = v.jbChanges;
  if (j.cases === 0) return [subtle('Geen casussen met een jeugdbeschermer in deze periode.')];
  return [
    text(
      `${plural(j.cases, 'casus', 'casussen')} met een jeugdbeschermer; ${plural(j.changes, 'wissel', 'wissels')} in deze periode.`,
    ),
    facts([
      ['Geen wissel', String(j.withoutChange)],
      ['Eén wissel', String(j.oneChange)],
      ['Twee of meer', String(j.moreChanges)],
    ]),
  ];
}

function reflectionLines(v: LearningAgenda): CardElement[] {
  if (v.reflections.length === 0)
    return [subtle('Nog geen reflecties. Deelnemers geven ze bij een besloten escalatie met "Reflectie toevoegen".')];
  const shown = v.reflections.slice(0, MAX_REFLECTIONS);
  // Grouped by what the escalation was about; newest first within each group.
  const groups = ESCALATION_TRIGGERS.map((trigger) => ({ trigger, texts: shown.filter((r) => r.trigger === trigger) }));
  return [
    ...groups
      .filter((g) => g.texts.length > 0)
      .flatMap((g) => [
        subtle(`Bij: ${TRIGGER_LABELS[g.trigger]}`),
        ...g.texts.map((r) => text(`- ${r.text}`, { spacing: 'Small' })),
      ]),
    ...(v.reflections.length > shown.length
      ? [subtle(`En nog ${v.reflections.length - shown.length} reflecties: kies een kortere periode om ze te lezen.`)]
      : []),
  ];
}

export function learningCard(v: LearningAgenda): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Leeragenda ${v.municipality}`),
    text(`${dutchDateLong(v.from)} t/m ${dutchDateLong(v.to)}`),
    subtle(
      'Geanonimiseerd voor de lerende bijeenkomst: zonder namen, casusnummers of inhoud van casussen. Reflecties staan er zonder naam in.',
    ),
    item(1, `Reflecties van deelnemers (${v.reflections.length})`),
    ...reflectionLines(v),
    item(2, 'Waarom werd er geëscaleerd?'),
    ...escalationLines(v),
    item(3, 'Hoe lang duurde het tot een besluit?'),
    decisionLine(v),
    item(4, 'Welke normen werden het vaakst gemist?'),
    ...normLines(v),
    item(5, 'Wisselingen van jeugdbeschermer per casus'),
    ...jbLines(v),
    subtle(
      v.withWorryingConduct
        ? 'Escalaties over nalatig of zorgwekkend handelen tellen mee als aantal; ze hebben geen reflecties in de agenda.'
        : 'Een bericht van de teammodel-bot (geautomatiseerd).',
    ),
  ];
  return adaptiveCard(body, [
    periodForm(LEARNING_VERB, v.municipality),
    periodLink("KPI's van deze periode", KPI_VERB, v),
  ]);
}
