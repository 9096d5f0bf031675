import { text, type AdaptiveCard, type CardElement } from './card-kit.js';

// A form answered with a problem comes back as the same form, with what the person chose still chosen and the
// problem above it (docs/behaviour.md, "A form that is not accepted"). Only inputs the form itself has are filled, and
// only with the kind of value that input takes.

const INPUT_TYPES = new Set(['Input.Text', 'Input.ChoiceSet', 'Input.Date', 'Input.Toggle', 'Input.Number']);

/** The longest value put back; a form's own limits are lower (500 characters), so this only stops abuse. */
const MAX_VALUE = 2000;

function filled(element: CardElement, given: Readonly<Record<string, string>>, skipText: boolean): CardElement {
  const out: CardElement = { ...element };
  const type = typeof element.type === 'string' ? element.type : '';
  const id = typeof element.id === 'string' ? element.id : undefined;
  if (INPUT_TYPES.has(type) && id !== undefined && Object.hasOwn(given, id)) {
    const value = given[id]!;
    const choices = Array.isArray(element.choices) ? (element.choices as Array<{ value?: unknown }>) : undefined;
    const allowed = (v: string) => !choices || choices.some((c) => c.value === v);
    const chosen = element.isMultiSelect === true ? value.split(',').filter(allowed).join(',') : value;
    if (type === 'Input.Text' && skipText) delete out.value;
    else if (type === 'Input.ChoiceSet' && !allowed(chosen) && element.isMultiSelect !== true) delete out.value;
    else if (chosen !== '') out.value = chosen;
  }
  for (const key of ['items', 'columns', 'body', 'actions', 'inlineAction', 'card'] as const) {
    const child = element[key];
    if (Array.isArray(child))
      out[key] = child.map((c) =>
        c !== null && typeof c === 'object' ? filled(c as CardElement, given, skipText) : (c as unknown),
      );
    else if (child !== null && typeof child === 'object') out[key] = filled(child as CardElement, given, skipText);
  }
  return out;
}

/**
 * `card` with the submitted values in its inputs and `problem` on top. `keepTyping: false` leaves the free-text fields
 * empty: a text the personal-data guard refused is not shown again (the card may be seen by others in a group chat).
 */
export function keepChoices(
  card: AdaptiveCard,
  submitted: unknown,
  problem: string,
  options: { keepTyping: boolean },
): AdaptiveCard {
  const given: Record<string, string> = {};
  if (submitted !== null && typeof submitted === 'object' && !Array.isArray(submitted)) {
    for (const [k, v] of Object.entries(submitted as Record<string, unknown>)) {
      if (typeof v === 'string' && v.length <= MAX_VALUE) given[k] = v;
      else if (typeof v === 'boolean' || typeof v === 'number') given[k] = String(v);
    }
  }
  const withValues = filled(card as unknown as CardElement, given, !options.keepTyping) as unknown as AdaptiveCard;
  return {
    ...withValues,
    body: [text(problem, { color: 'Attention', weight: 'Bolder' }), ...withValues.body],
  };
}
