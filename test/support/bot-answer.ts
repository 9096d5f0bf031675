import { AssertionError } from 'node:assert';
import { z } from 'zod';
import type { AdaptiveCard } from '../../src/adapters/teams/cards/card-kit.js';
import type { RecordedRequest } from './fake-connector.js';
import type { PostResult } from './start-test-bot.js';

// Typed readers of what the bot answers over HTTP (invoke answers) and of what it sends to the fake connector, so a
// test never casts a body itself. Each reader checks the shape with zod and hands back the body's own objects (not a
// parsed copy, which would drop unknown keys): a test asserts on exactly what the bot sent. A body of another shape
// fails the test with an assertion error that names what was expected and shows the body.

export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
export const SEARCH_TYPE = 'application/vnd.microsoft.search.searchResponse';

/** An HTTP answer of the test bot (a PostResult, or `{ body }` of another client): only its body is read. */
type Answered = Pick<PostResult, 'body'>;
/** A shape a test expects on top of the reader's own check, e.g. the inputs and buttons of a form. */
export type Shape<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

const show = (x: unknown): string => {
  const json = JSON.stringify(x) ?? String(x);
  return json.length > 4000 ? `${json.slice(0, 4000)}…` : json;
};

/** `x` itself, typed as `schema` says, once zod has checked it; an assertion error otherwise. */
function checked<T>(schema: Shape<T>, x: unknown, expected: string): T {
  const parsed = schema.safeParse(x);
  if (parsed.success) return x as T; // the checked object itself: no key dropped, no copy
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
  throw new AssertionError({ message: `expected ${expected} (${issues}), got ${show(x)}`, actual: x, expected });
}

const element = z.record(z.unknown());
const adaptiveCard = z.object({
  type: z.literal('AdaptiveCard'),
  $schema: z.string(),
  version: z.literal('1.5'),
  body: z.array(element),
  actions: z.array(element).optional(),
  refresh: element.optional(),
  fallbackText: z.string().optional(),
  msteams: z.object({ entities: z.array(element).optional() }).optional(),
}) satisfies Shape<AdaptiveCard>;

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

const invokeAnswerShape = z.object({ statusCode: z.number().int(), type: z.string(), value: z.unknown() });

/** The body of an invoke answer, as Teams reads it: `{ statusCode, type, value }` (`value` read by `type`). */
export function invokeAnswer(res: Answered): InvokeAnswer {
  const { statusCode, type, value } = checked(
    invokeAnswerShape,
    res.body,
    'an invoke answer {statusCode, type, value}',
  );
  return { statusCode, type, value };
}

const cardAnswer = z.object({ statusCode: z.literal(200), type: z.literal(CARD_TYPE), value: adaptiveCard });

/**
 * The card of an adaptive-card invoke answer (statusCode 200): the card that replaces the pressed one. With `shape`,
 * the card is also checked against (and typed as) what the test expects of it.
 */
export function invokeCard(res: Answered): AdaptiveCard;
export function invokeCard<T>(res: Answered, shape: Shape<T>): T;
export function invokeCard<T>(res: Answered, shape?: Shape<T>): AdaptiveCard | T {
  const card = checked(cardAnswer, res.body, `an invoke answer with an Adaptive Card 1.5 (${CARD_TYPE})`).value;
  return shape ? cardAs(card, shape) : card;
}

const messageAnswer = z.object({ statusCode: z.literal(200), type: z.literal(MESSAGE_TYPE), value: z.string() });

/** The text of a message invoke answer (statusCode 200): the short message Teams shows on the pressed card. */
export const invokeMessage = (res: Answered): string =>
  checked(messageAnswer, res.body, `an invoke answer with a message (${MESSAGE_TYPE})`).value;

export interface SearchResult {
  title: string;
  value: string;
}

const searchAnswer = z.object({
  type: z.literal(SEARCH_TYPE),
  value: z.object({ results: z.array(z.object({ title: z.string(), value: z.string() })) }),
});

/** The results of a typeahead search answer (`application/search` invoke): as the person sees them, and their ids. */
export const searchResults = (res: Answered): SearchResult[] =>
  checked(searchAnswer, res.body, `a search answer (${SEARCH_TYPE})`).value.results;

/** The code of a request the bot refused (HTTP 4xx, `{ error, … }`), e.g. `invalid_json`. */
export const httpError = (res: Answered): string =>
  checked(z.object({ error: z.string() }), res.body, 'an HTTP error {error}').error;

// What the bot sent to the fake connector (RecordedRequest.body).

const activity = z.record(z.unknown());

/** An activity the bot sent (a reply, a new message, an update): a JSON object. */
export const sentActivity = (r: Pick<RecordedRequest, 'body'>): Record<string, unknown> =>
  checked(activity, r.body, 'an activity (a JSON object)');

const conversationParameters = z.object({ activity });

/** The first activity of a conversation the bot created (`POST /v3/conversations`, e.g. a channel thread). */
export const createdConversationActivity = (r: Pick<RecordedRequest, 'body'>): Record<string, unknown> =>
  checked(conversationParameters, r.body, 'conversation parameters with an activity').activity;

const cardActivity = z.object({
  attachments: z.array(z.object({ contentType: z.literal(CARD_TYPE), content: adaptiveCard })).nonempty(),
});

/** The Adaptive Card an activity the bot sent carries (its first attachment); with `shape` as in invokeCard. */
export function attachedCard(sent: unknown): AdaptiveCard;
export function attachedCard<T>(sent: unknown, shape: Shape<T>): T;
export function attachedCard<T>(sent: unknown, shape?: Shape<T>): AdaptiveCard | T {
  const card = checked(cardActivity, sent, 'an activity with an Adaptive Card attachment').attachments[0].content;
  return shape ? cardAs(card, shape) : card;
}

/** The id in a Bot Connector resource response (`{ id }`): what sending an activity answers. */
export const resourceId = (body: unknown): string =>
  checked(z.object({ id: z.string() }), body, 'a resource response {id}').id;

/** A card (or card element) the test already holds, checked against and typed as the shape the test expects. */
export const cardAs = <T>(card: unknown, shape: Shape<T>): T =>
  checked(shape, card, 'a card of the shape the test expects');
