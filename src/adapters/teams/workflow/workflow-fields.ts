import { z } from 'zod';
import { TIMER_IDS, TIMER_STEPS } from '../../../domain/types.js';

// zod pieces for the workflow cards' submits, with Dutch messages. Teams sends inputs as strings; an empty optional
// input arrives as "" or not at all.

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const dateField = (missing: string) =>
  z.preprocess(blankToUndefined, z.string({ required_error: missing, invalid_type_error: missing }).regex(/^\d{4}-\d{2}-\d{2}$/, `${missing} (JJJJ-MM-DD)`));

export const textField = (missing: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.string({ required_error: missing, invalid_type_error: missing }).trim().min(1, missing).max(max, `Dat is te lang (maximaal ${max} tekens).`),
  );

export const idField = (what: string) =>
  z.coerce.number({ invalid_type_error: `Deze kaart hoort niet bij een geldige ${what}.` }).int().positive(`Deze kaart hoort niet bij een geldige ${what}.`);

export const timerFields = {
  timer: z.enum(TIMER_IDS, { required_error: 'Deze kaart hoort niet bij een termijn.', invalid_type_error: 'Deze kaart hoort niet bij een termijn.' }),
  timerId: idField('termijn'),
  step: z.enum(TIMER_STEPS).catch('remind'),
};

/** A multi-select ChoiceSet arrives as "LT,VT"; nothing chosen as "" or absent. */
export const listField = <T extends string>(values: readonly [T, ...T[]], bad: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v === undefined || v === null ? [] : v),
    z.array(z.enum(values, { invalid_type_error: bad, errorMap: () => ({ message: bad }) })),
  );
