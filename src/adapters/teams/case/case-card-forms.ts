import type { EventFieldSpec } from '../../../app/events/event-fields.js';
import type { EventFormView, PersonChoice } from '../../../app/queries/get-event-form.js';
import type { CaseEvent } from '../../../domain/timer-rules.js';
import { CASE_STAGES, MEASURES, type CaseStage } from '../../../domain/types.js';
import {
  adaptiveCard,
  execute,
  heading,
  input,
  STAGE_LABELS,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { EVENT_LABELS, MEASURE_LABELS, OUTCOME_LABELS } from './case-labels.js';

// The forms behind the case card's "Gebeurtenis vastleggen" and "Fase wijzigen". They open on demand (Action.Execute
// answers with the form, for the person who pressed only) instead of riding along inline in every case card: that
// keeps the case card small however long the lists of events and people get. "Gebeurtenis vastleggen" takes two
// steps: a chooser of the events, then a form with exactly that event's fields (which ones, and which are required,
// come from the use case's own table). Teams merges the inputs of a form into the Action.Execute data, next to the
// button's own data ({ caseRef, event }).

export type { PersonChoice };

/** Back to the case card; the inputs of the form are not sent (nor checked) on the way out. */
const back = (caseRef: string): CardElement => ({
  ...execute('Annuleren', 'case.show', { caseRef }),
  associatedInputs: 'none',
});

/**
 * The events the chooser offers, grouped as the work goes. `ret_engaged` is not among them: the Regional Expert Team
 * is engaged from the escalation card, after a confirmation.
 */
export const EVENT_GROUPS: ReadonlyArray<readonly [string, readonly CaseEvent[]]> = [
  ['Veilig Thuis', ['melding_received', 'safety_assessment_done', 'vt_followup_done']],
  ['Jeugdbeschermingstafel', ['jbt_decision', 'report_back_done', 'report_back_not_needed']],
  [
    'Raad voor de Kinderbescherming',
    ['rvdk_request_received', 'rvdk_investigation_started', 'rvdk_investigation_done'],
  ],
  ['Maatregel', ['measure_pronounced', 'measure_extended', 'ots_evaluation_done', 'measure_ended']],
  ['Jeugdbeschermer', ['jeugdbeschermer_assigned', 'bridging_agreed', 'plan_of_approach_done']],
  [
    'Jeugdhulp',
    ['jeugdhulp_needed', 'jeugdhulp_proposed', 'jeugdhulp_decided', 'jeugdhulp_started', 'jeugdhulp_ended'],
  ],
  [
    'Preventieve jeugdbescherming',
    ['preventive_jb_requested', 'preventive_jb_approved', 'preventive_jb_consent', 'preventive_jb_started'],
  ],
  ['Consultatie', ['consult_requested', 'consult_given']],
  ['Overig', ['crisis_event', 'decision_done', 'activity']],
];

export const OFFERED_EVENTS: readonly CaseEvent[] = EVENT_GROUPS.flatMap(([, events]) => events);

/** "Gebeurtenis vastleggen", step 1: one button per event (one per row, so that its whole label shows), in groups. */
export function buildEventChooserCard(caseRef: string): AdaptiveCard {
  const body: CardElement[] = [heading(`Gebeurtenis vastleggen · ${caseRef}`), text('Wat is er gebeurd?')];
  for (const [group, events] of EVENT_GROUPS) {
    body.push(text(group, { weight: 'Bolder', spacing: 'Medium' }));
    for (const event of events)
      body.push({ type: 'ActionSet', actions: [execute(EVENT_LABELS[event], 'case.eventForm', { caseRef, event })] });
  }
  return adaptiveCard(body, [back(caseRef)]);
}

const PREVENTIVE_ORDER =
  'De volgorde ligt vast: aanvraag, goedkeuring door het Lokaal Team, instemming van het gezin, start door de GI. Een stap die te vroeg komt, legt de bot niet vast en hij zegt wat er nog ontbreekt.';

/** A short line on what the event means, where the label alone does not say it. */
const EVENT_HINTS: Partial<Record<CaseEvent, string>> = {
  consult_requested:
    'Vraag een professional of gedragswetenschapper van een andere organisatie om mee te denken. Staat die nog niet in het casusteam, dan komt die erbij. Die krijgt een bericht en een termijn om te antwoorden.',
  consult_given:
    'Leg vast dat je je advies hebt gegeven en of de ouders weten dat er is meegedacht. Dat komt in het inzage-overzicht van de casus.',
  preventive_jb_requested: `Preventieve jeugdbescherming is vrijwillige hulp van de GI, zonder uitspraak van de rechter. Dit is de eerste stap: de aanvraag. ${PREVENTIVE_ORDER}`,
  preventive_jb_approved: `Het Lokaal Team keurt de aanvraag voor preventieve jeugdbescherming goed. ${PREVENTIVE_ORDER}`,
  preventive_jb_consent: `Het gezin stemt in met preventieve jeugdbescherming; zonder die instemming kan het niet. ${PREVENTIVE_ORDER}`,
  preventive_jb_started: `De GI start de preventieve jeugdbescherming. ${PREVENTIVE_ORDER}`,
  jeugdhulp_proposed:
    'De jeugdbeschermer draagt jeugdhulp voor bij de gemeente. De gemeente (het Lokaal Team) krijgt een termijn om te besluiten.',
  jeugdhulp_decided: 'Het besluit van de gemeente over de voorgedragen jeugdhulp. Bij een afwijzing hoort een reden.',
  bridging_agreed:
    'Wie biedt overbruggingszorg zolang er nog geen jeugdbeschermer is, en tot wanneer. De termijn voor het toewijzen van een jeugdbeschermer loopt gewoon door.',
};

const MEMBER_LABELS: Partial<Record<CaseEvent, string>> = {
  jeugdbeschermer_assigned: 'Welke jeugdbeschermer?',
  consult_requested: 'Wie wil je consulteren?',
  bridging_agreed: 'Wie biedt de overbruggingszorg?',
};

const NO_PEOPLE: Partial<Record<CaseEvent, string>> = {
  consult_requested:
    'Er staat niemand van een andere organisatie rond deze casus die je kunt consulteren. Voeg eerst iemand toe aan het team.',
};

const people = (list: PersonChoice[]): Array<[string, string]> => list.map((p) => [p.id, `${p.name} (${p.orgName})`]);

/** One input per field; `required` follows the use case's table, a condition is said in the label. */
function fieldInput(spec: EventFieldSpec, v: EventFormView & { event: CaseEvent }): CardElement {
  const required = { required: spec.required };
  switch (spec.field) {
    case 'measure':
      return input.choice(
        'measure',
        'Welke maatregel?',
        MEASURES.map((m): [string, string] => [m, MEASURE_LABELS[m]]),
        required,
      );
    case 'months':
      return {
        type: 'Input.Number',
        id: 'months',
        label:
          v.event === 'measure_extended'
            ? 'Met hoeveel maanden verlengd? (leeg: 12 maanden)'
            : 'Duur in maanden (leeg: de standaardduur van de maatregel)',
        min: 1,
        max: 24,
        isRequired: spec.required,
      };
    case 'outcome':
      return input.choice(
        'outcome',
        v.event === 'jbt_decision' ? 'Uitkomst van de Jeugdbeschermingstafel' : 'Besluit van de gemeente',
        (spec.values ?? []).map((o): [string, string] => [o, OUTCOME_LABELS[o as keyof typeof OUTCOME_LABELS]]),
        required,
      );
    case 'reportBackBy':
      return input.date(
        'reportBackBy',
        'Terugmelden uiterlijk (alleen bij vrijwillig verder met terugmelden; leeg: de afgesproken termijn)',
        spec.required,
      );
    case 'member':
      return {
        ...input.choice('member', MEMBER_LABELS[v.event] ?? 'Wie?', people(v.people), required),
        style: 'filtered',
      };
    case 'parentsInformed':
      return input.choice(
        'parentsInformed',
        'Zijn de ouders geïnformeerd dat er is meegedacht?',
        [
          ['yes', 'Ja'],
          ['no', 'Nee'],
        ],
        required,
      );
    case 'informedOn':
      return input.date('informedOn', 'Zo ja: op welke datum?', spec.required);
    case 'until':
      return input.date('until', 'Tot wanneer?', spec.required);
    case 'reason':
      return input.text('reason', 'Reden (verplicht bij een afwijzing; alleen in het auditlog)', {
        required: spec.required,
        multiline: true,
        maxLength: 500,
      });
  }
}

/** "Gebeurtenis vastleggen", step 2: exactly the fields of one event, then "Vastleggen" or "Annuleren". */
export function buildEventFormCard(v: EventFormView & { event: CaseEvent }): AdaptiveCard {
  const hint = EVENT_HINTS[v.event];
  const asksPerson = v.fields.some((f) => f.field === 'member');
  const noPeople = asksPerson && v.people.length === 0 ? NO_PEOPLE[v.event] : undefined;
  const freeText = v.fields.some((f) => f.field === 'reason');
  const body: CardElement[] = [
    heading(`${EVENT_LABELS[v.event]} · ${v.caseRef}`),
    ...(hint ? [text(hint)] : []),
    ...v.fields.map((f) => fieldInput(f, v)),
    ...(noPeople ? [text(noPeople, { color: 'Attention' })] : []),
    ...(v.fields.length === 0 ? [subtle('Er is niets meer in te vullen. Druk op Vastleggen.')] : []),
    ...(freeText ? [subtle('Nooit namen of andere gegevens van het gezin.')] : []),
  ];
  return adaptiveCard(body, [
    execute('Vastleggen', 'case.recordEvent', { caseRef: v.caseRef, event: v.event }, 'positive'),
    back(v.caseRef),
  ]);
}

/** "Fase wijzigen": the stages except CLOSED (closing has its own confirmation). */
export function buildSetStageCard(caseRef: string, current: CaseStage): AdaptiveCard {
  const stages = CASE_STAGES.filter((s) => s !== 'CLOSED').map((s): [string, string] => [s, STAGE_LABELS[s]]);
  return adaptiveCard(
    [
      heading(`Fase wijzigen · ${caseRef}`),
      subtle(`Nu: ${STAGE_LABELS[current]}`),
      input.choice('stage', 'Nieuwe fase', stages, { value: current }),
    ],
    [execute('Fase opslaan', 'case.setStage', { caseRef }, 'positive'), back(caseRef)],
  );
}
