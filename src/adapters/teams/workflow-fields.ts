import { z } from 'zod';
import { TIMER_IDS, TIMER_STEPS } from '../../domain/types.js';
import { nl, says } from './card-action.js';

// zod pieces for the workflow cards' submits, with Dutch messages (registered through nl/says so that they reach the
// person). Teams sends inputs as strings; an empty optional input arrives as "" or not at all.

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const dateField = (missing: string) =>
  z.preprocess(blankToUndefined, z.string(says(missing)).regex(/^\d{4}-\d{2}-\d{2}$/, nl(`${missing} (JJJJ-MM-DD).`)));

export const textField = (missing: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string(says(missing))
      .trim()
      .min(1, nl(missing))
      .max(max, nl(`Dat is te lang (maximaal ${max} tekens).`)),
  );

export const idField = (what: string) =>
  z.coerce
    .number(says(`Deze kaart hoort niet bij een geldige ${what}.`))
    .int()
    .positive();

export const timerFields = {
  timer: z.enum(TIMER_IDS, says('Deze kaart hoort niet bij een termijn.')),
  timerId: idField('termijn'),
  step: z.enum(TIMER_STEPS).catch('remind'),
};

/** A multi-select ChoiceSet arrives as "LT,VT"; nothing chosen as "" or absent. */
export const listField = <T extends string>(values: readonly [T, ...T[]], bad: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v === undefined || v === null
          ? []
          : v,
    z.array(z.enum(values, says(bad))),
  );
