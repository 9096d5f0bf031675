import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CaseRef } from '../../domain/case-ref.js';
import { DomainError, isInputProblem } from '../../domain/domain-error.js';
import type { Member } from '../../domain/types.js';
import type { AdaptiveCard } from './cards/card-kit.js';
import { keepChoices } from './cards/keep-choices.js';
import type { RouteTools } from './create-teams-bot.js';
import { recordTurnRefusal } from './record-turn-refusal.js';

// One Action.Execute handler: a verb, a zod schema for the submitted data (the button's data plus the form's inputs,
// which Teams sends as strings), and what to do. The answer is a card (it replaces the card for the person who
// pressed) or a short text shown on the card.

export interface CardAction {
  verb: string;
  handle(
    context: TurnContext,
    input: { actor: Member; data: unknown },
    tools: RouteTools,
  ): Promise<AdaptiveCard | string>;
}

const BAD_FORM = 'Dit formulier is niet goed ingevuld. Open de kaart opnieuw en probeer het nog eens.';

/** Our own Dutch messages; any other zod message (English, may echo input) is replaced by BAD_FORM. */
const DUTCH_MESSAGES = new Set<string>();
export function nl(message: string): string {
  DUTCH_MESSAGES.add(message);
  return message;
}

/** A schema-level Dutch message for every problem of one field (missing, wrong type, not in the list). */
export const says = (message: string) => ({ errorMap: () => ({ message: nl(message) }) });

/**
 * The form a submit came from, built again for the person (with the same access checks as when it was first shown),
 * from the submitted data as it arrived (not yet validated). Undefined when it cannot be built from that data.
 */
export type RefillForm = (
  input: { actor: Member; data: Record<string, unknown> },
  tools: RouteTools,
) => AdaptiveCard | undefined;

export function defineCardAction<S extends z.ZodTypeAny>(
  verb: string,
  schema: S,
  run: (
    context: TurnContext,
    input: { actor: Member; data: z.output<S> },
    tools: RouteTools,
  ) => Promise<AdaptiveCard | string>,
  options: { refill?: RefillForm } = {},
): CardAction {
  const attempt = async (context: TurnContext, actor: Member, data: unknown, tools: RouteTools) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => i.message).find((m) => DUTCH_MESSAGES.has(m));
      throw new DomainError('BAD_CARD_DATA', message ?? BAD_FORM);
    }
    return run(context, { actor, data: parsed.data as z.output<S> }, tools);
  };
  const refill = options.refill;
  return {
    verb,
    async handle(context, { actor, data }, tools) {
      if (!refill) return attempt(context, actor, data, tools);
      try {
        return await attempt(context, actor, data, tools);
      } catch (err) {
        // A correctable value: the same form again, with the person's choices kept and the problem on top. Anything
        // else (no access, a closed case) and a form that cannot be built again give the refusal as it is.
        if (!(err instanceof DomainError) || !isInputProblem(err.code)) throw err;
        const submitted = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
        let form: AdaptiveCard | undefined;
        try {
          form = refill({ actor, data: submitted }, tools);
        } catch {
          form = undefined;
        }
        if (!form) throw err;
        // Not through the turn's error handler, so the refused text is put on record here (code only, never the text).
        recordTurnRefusal(tools.ctx, context, err.code);
        return keepChoices(form, submitted, err.userMessage, { keepTyping: err.code !== 'PERSONAL_DATA' });
      }
    },
  };
}

// Building blocks for the schemas. Adaptive Cards send an empty optional input as "" (or leave it out).
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const caseRefField = z
  .string(says('Deze kaart hoort niet bij een casus.'))
  .trim()
  .refine((s) => CaseRef.parse(s) !== undefined, nl('Deze kaart hoort niet bij een geldige casus.'))
  .transform((s) => s.toUpperCase());

/** The case reference of submitted data that did not pass its schema, for building the form again; else undefined. */
export function submittedCaseRef(data: Record<string, unknown>): string | undefined {
  const parsed = caseRefField.safeParse(data.caseRef);
  return parsed.success ? parsed.data : undefined;
}

export const memberField = (missing: string) =>
  z.preprocess(
    emptyToUndefined,
    z.string(says(missing)).regex(/^[A-Za-z0-9._-]{1,64}$/, nl('Die persoon staat niet in het rooster.')),
  );

export const reasonField = z.preprocess(
  emptyToUndefined,
  z
    .string(says('Vul een reden in.'))
    .trim()
    .min(1, nl('Vul een reden in.'))
    .max(500, nl('De reden is te lang (maximaal 500 tekens).')),
);

export const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
