import { CASE_EVENTS } from '../../../domain/timer-rules.js';
import { CASE_STAGES, MEASURES, type CaseStage, type MemberId } from '../../../domain/types.js';
import { adaptiveCard, execute, heading, input, STAGE_LABELS, subtle, type AdaptiveCard } from './card-kit.js';
import { EVENT_LABELS, MEASURE_LABELS, OUTCOME_LABELS } from './case-labels.js';

// The forms behind the case card's "Gebeurtenis vastleggen" and "Fase wijzigen". They open on demand (Action.Execute
// answers with the form, for the person who pressed only) instead of riding along inline in every case card: that
// keeps the case card small (about 4 KB instead of 9) however long the lists of events and youth protectors get.
// Teams merges the inputs of a form into the Action.Execute data, next to the button's own data ({ caseRef }).

export interface PersonChoice {
  id: MemberId;
  name: string;
  orgName: string;
}

const back = (caseRef: string) => execute('Annuleren', 'case.show', { caseRef });

/** "Gebeurtenis vastleggen": one form for every event; the fields that only some events need are optional. */
export function buildRecordEventCard(caseRef: string, jeugdbeschermers: PersonChoice[]): AdaptiveCard {
  const events = CASE_EVENTS.map((e): [string, string] => [e, EVENT_LABELS[e]]);
  return adaptiveCard(
    [
      heading(`Gebeurtenis vastleggen · ${caseRef}`),
      input.choice('event', 'Wat is er gebeurd?', events),
      input.choice(
        'measure',
        'Welke maatregel (alleen bij een uitgesproken maatregel)',
        MEASURES.map((m): [string, string] => [m, MEASURE_LABELS[m]]),
        { required: false },
      ),
      {
        type: 'Input.Number',
        id: 'months',
        label: 'Duur in maanden (bij een maatregel of verlenging; leeg is de standaardduur)',
        min: 1,
        max: 24,
      },
      input.choice('outcome', 'Uitkomst (alleen bij een besluit van de tafel)', Object.entries(OUTCOME_LABELS), {
        required: false,
      }),
      input.date('reportBackBy', 'Terugmelden uiterlijk (alleen bij terugmelden)', false),
      {
        ...input.choice(
          'member',
          'Jeugdbeschermer (alleen bij een toewijzing)',
          jeugdbeschermers.map((p): [string, string] => [p.id, `${p.name} (${p.orgName})`]),
          { required: false },
        ),
        style: 'filtered',
      },
      subtle('Vul alleen in wat bij de gebeurtenis hoort. Nooit namen of andere gegevens van het gezin.'),
    ],
    [execute('Vastleggen', 'case.recordEvent', { caseRef }, 'positive'), back(caseRef)],
  );
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
