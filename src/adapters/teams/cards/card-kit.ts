import type { Attachment } from 'botbuilder';
import type { Role } from '../../../domain/types.js';
import { ORG_LABELS, ROLE_LABELS } from '../../../domain/types.js';

// Small typed builders for Adaptive Cards 1.5 (Action.Execute). Card files compose these; they never read a store.

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  refresh?: CardElement;
  /** What a client that cannot render the card shows instead. */
  fallbackText?: string;
  /** Teams' own extensions; `entities` holds the @mentions of the card's `<at>…</at>` texts. */
  msteams?: { entities?: CardElement[] };
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

export const heading = (text: string): CardElement => ({
  type: 'TextBlock',
  text,
  weight: 'Bolder',
  size: 'Medium',
  wrap: true,
});
export const text = (value: string, extra: CardElement = {}): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
export const subtle = (value: string): CardElement => text(value, { isSubtle: true, size: 'Small' });
export const facts = (pairs: Array<[string, string]>): CardElement => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});

/** An Action.Execute button; `verb` routes to one handler, `data` is validated there with zod. */
/**
 * Verbs whose handler reads nothing from the card's inputs (the button's own data says it all): opening a card,
 * going back, cancelling, a confirmation. Their buttons send no inputs (`associatedInputs: "none"`), so Teams does not
 * first check the card's required fields: "Annuleren" on an empty form still works, and an unrelated half-filled form
 * never blocks "Ik pak het op".
 */
export const READS_NO_INPUTS: ReadonlySet<string> = new Set([
  'case.show',
  'case.refresh',
  'team.show',
  'case.eventForm',
  'case.stageForm',
  'case.close',
  'acute.report',
  'acute.confirm',
  'acute.pickUp',
  'acute.followup',
  'handover.form',
  'handover.view',
  'handover.refresh',
  'handover.accept',
  'escalation.form',
  'escalation.raise',
  'timer.ack',
  'absence.form',
  'pilot.overview',
  'pilot.overview.municipality',
]);

export const execute = (
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: 'positive' | 'destructive',
): CardElement => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...(style ? { style } : {}),
  ...(READS_NO_INPUTS.has(verb) ? { associatedInputs: 'none' } : {}),
});

/** A button that opens an inline form (Action.ShowCard) whose submit is an Action.Execute. */
export const showCard = (title: string, body: CardElement[], submit: CardElement): CardElement => ({
  type: 'Action.ShowCard',
  title,
  card: { type: 'AdaptiveCard', version: '1.5', body, actions: [submit] },
});

export const input = {
  text: (
    id: string,
    label: string,
    options: { required?: boolean; maxLength?: number; placeholder?: string; multiline?: boolean } = {},
  ): CardElement => ({
    type: 'Input.Text',
    id,
    label,
    isRequired: options.required ?? false,
    maxLength: options.maxLength ?? 500,
    placeholder: options.placeholder,
    isMultiline: options.multiline ?? false,
    ...(options.required ? { errorMessage: 'Dit veld is verplicht.' } : {}),
  }),
  date: (id: string, label: string, required = true): CardElement => ({
    type: 'Input.Date',
    id,
    label,
    isRequired: required,
    ...(required ? { errorMessage: 'Kies een datum.' } : {}),
  }),
  choice: (
    id: string,
    label: string,
    choices: Array<[string, string]>,
    options: { required?: boolean; multi?: boolean; value?: string } = {},
  ): CardElement => ({
    type: 'Input.ChoiceSet',
    id,
    label,
    isRequired: options.required ?? true,
    isMultiSelect: options.multi ?? false,
    style: 'compact',
    choices: choices.map(([value, title]) => ({ title, value })),
    ...(options.value ? { value: options.value } : {}),
    ...((options.required ?? true) ? { errorMessage: 'Maak een keuze.' } : {}),
  }),
};

export { dutchDate, dutchDateLong } from '../../../domain/dutch-date.js';

export { STAGE_LABELS } from '../../../domain/stage-labels.js';

export { TRIGGER_LABELS } from '../../../domain/trigger-labels.js';
export { LEVEL_LABELS } from '../../../domain/level-labels.js';

export const orgLabel = (org: keyof typeof ORG_LABELS): string => ORG_LABELS[org];
export const roleLabel = (role: Role): string => ROLE_LABELS[role];
