import { DomainError } from '../../domain/domain-error.js';
import { JBT_OUTCOMES, type CaseEvent, type EventFields } from '../../domain/timer-rules.js';
import { MEASURES } from '../../domain/types.js';

// The fields each event carries (docs/behaviour.md, Events), which of them it cannot do without, and the Dutch sentence
// a missing one gets. recordEvent refuses by this table; the chat's event forms are built from it, so the form marks
// as required exactly what the rule requires.

export type EventFieldName = Exclude<keyof EventFields, 'escalation'>;

export interface EventFieldSpec {
  field: EventFieldName;
  /** The event is refused without it. */
  required: boolean;
  /** Required only when another field has this value (the date the parents were told, the reason of a refusal). */
  requiredWhen?: { field: EventFieldName; is: string };
  /** The values allowed, where the field is a choice. */
  values?: readonly string[];
  /** What a missing (or not allowed) required value is told. */
  missing?: string;
}

const EVENT_FIELDS: Partial<Record<CaseEvent, readonly EventFieldSpec[]>> = {
  jbt_decision: [
    {
      field: 'outcome',
      required: true,
      values: JBT_OUTCOMES,
      missing: 'Kies de uitkomst van de Jeugdbeschermingstafel.',
    },
    { field: 'reportBackBy', required: false },
  ],
  measure_pronounced: [
    {
      field: 'measure',
      required: true,
      values: MEASURES,
      missing: 'Kies de maatregel (OTS, voorlopige OTS, MUHP of voogdij).',
    },
    { field: 'months', required: false },
  ],
  jeugdbeschermer_assigned: [
    { field: 'member', required: true, missing: 'Kies de jeugdbeschermer die is toegewezen.' },
  ],
  measure_extended: [{ field: 'months', required: false }],
  consult_requested: [{ field: 'member', required: true, missing: 'Kies wie je wilt consulteren.' }],
  consult_given: [
    {
      field: 'parentsInformed',
      required: true,
      values: ['yes', 'no'],
      missing: 'Vul in of de ouders zijn geïnformeerd.',
    },
    {
      field: 'informedOn',
      required: false,
      requiredWhen: { field: 'parentsInformed', is: 'yes' },
      missing: 'Vul in op welke datum de ouders zijn geïnformeerd.',
    },
  ],
  jeugdhulp_decided: [
    {
      field: 'outcome',
      required: true,
      values: ['approved', 'declined'],
      missing: 'Kies het besluit: akkoord of afgewezen.',
    },
    {
      field: 'reason',
      required: false,
      requiredWhen: { field: 'outcome', is: 'declined' },
      missing: 'Geef bij een afwijzing de reden.',
    },
  ],
  bridging_agreed: [
    { field: 'member', required: true, missing: 'Kies wie de overbruggingszorg biedt.' },
    { field: 'until', required: true, missing: 'Kies tot wanneer de overbruggingszorg loopt.' },
  ],
};

/** The fields of an event, in the order a form asks for them; none for most events. */
export function eventFieldsOf(event: CaseEvent): readonly EventFieldSpec[] {
  return EVENT_FIELDS[event] ?? [];
}

const isGiven = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Refuses an event whose required fields are missing or not one of the allowed values, naming what to fill in. */
export function checkEventFields(event: CaseEvent, f: EventFields): void {
  for (const spec of eventFieldsOf(event)) {
    const value = f[spec.field];
    const when = spec.requiredWhen;
    const needed = spec.required || (when !== undefined && f[when.field] === when.is);
    const allowed = spec.values === undefined || !isGiven(value) || spec.values.includes(String(value));
    if (needed && (!isGiven(value) || !allowed)) {
      throw new DomainError('FIELD_REQUIRED', spec.missing ?? 'Vul alle verplichte velden in.');
    }
  }
}
