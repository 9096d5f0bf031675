import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { DomainError } from '../../../domain/domain-error.js';
import type { Member } from '../../../domain/types.js';
import type { AdaptiveCard } from '../cards/card-kit.js';
import type { RouteTools } from '../create-teams-bot.js';

// One Action.Execute handler: a verb, a zod schema for the submitted data (the button's data plus the form's inputs,
// which Teams sends as strings), and what to do. The answer is a card (it replaces the card for the person who
// pressed) or a short text shown on the card.

export interface CardAction {
  verb: string;
  handle(context: TurnContext, input: { actor: Member; data: unknown }, tools: RouteTools): Promise<AdaptiveCard | string>;
}

const BAD_FORM = 'Dit formulier is niet goed ingevuld. Open de kaart opnieuw en probeer het nog eens.';

/** Shown when zod finds a problem without a Dutch message of our own. */
const dutchFallback: z.ZodErrorMap = () => ({ message: BAD_FORM });

export function defineCardAction<S extends z.ZodTypeAny>(
  verb: string,
  schema: S,
  run: (context: TurnContext, input: { actor: Member; data: z.output<S> }, tools: RouteTools) => Promise<AdaptiveCard | string>,
): CardAction {
  return {
    verb,
    async handle(context, { actor, data }, tools) {
      const parsed = schema.safeParse(data, { errorMap: dutchFallback });
      if (!parsed.success) throw new DomainError('BAD_CARD_DATA', parsed.error.issues[0]?.message ?? BAD_FORM);
      return run(context, { actor, data: parsed.data as z.output<S> }, tools);
    },
  };
}

// Building blocks for the schemas. Adaptive Cards send an empty optional input as "" (or leave it out).
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const caseRefField = z
  .string({ required_error: 'Deze kaart hoort niet bij een casus.' })
  .trim()
  .regex(/^[A-Za-z]{2}-[A-Za-z]{3}-\d{4}-\d{4,}$/, 'Deze kaart hoort niet bij een geldige casus.')
  .transform((s) => s.toUpperCase());

export const memberField = (missing: string) =>
  z.preprocess(emptyToUndefined, z.string({ required_error: missing }).regex(/^[A-Za-z0-9._-]{1,64}$/, 'Die persoon staat niet in het rooster.'));

export const reasonField = z.preprocess(emptyToUndefined, z.string({ required_error: 'Vul een reden in.' }).trim().min(1, 'Vul een reden in.').max(500, 'De reden is te lang (maximaal 500 tekens).'));

export const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
