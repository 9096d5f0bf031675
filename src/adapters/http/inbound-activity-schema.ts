import { z } from 'zod/v4';

// zod 4 (shipped inside the zod 3.25 package as 'zod/v4'), not the 'zod' import of the rest of the code: this schema
// runs on every request, and zod 3 allocated about 23 KB per Teams message while parsing it (measured with V8's
// sampling heap profiler under bench/chat-throughput.bench.ts); zod 4 parses the same activity in about half the time.

/**
 * Fields the bot copies into its replies and into stored conversation references (the reply's `recipient` is the
 * inbound `from`, its `from` the inbound `recipient`, its `conversation` the inbound one). The Bot Connector client
 * refuses to serialize a reply whose copies have the wrong type ("activity.from.name with value 5 must be of type
 * string"), so a wrong type here would cost the person every answer, also the error sentence; and a stored reference
 * with one would break later proactive messages. Null is accepted where Teams may send it (the serializer skips it).
 */
const optionalText = (max: number) => z.string().max(max).nullish();

const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: optionalText(512),
  aadObjectId: optionalText(128),
  role: optionalText(64),
});

const plainObject = z.record(z.string(), z.unknown());

/** An @mention: botbuilder's removeRecipientMention reads `mentioned.id` and `text` of every mention entity. */
const entity = plainObject.check((c) => {
  const e = c.value;
  if (e.type !== 'mention') return;
  const mentioned = e.mentioned as { id?: unknown } | null | undefined;
  if (
    typeof mentioned !== 'object' ||
    mentioned === null ||
    Array.isArray(mentioned) ||
    typeof mentioned.id !== 'string'
  ) {
    c.issues.push({ code: 'custom', path: ['mentioned'], message: 'a mention needs mentioned.id', input: e });
  }
  if (e.text !== undefined && typeof e.text !== 'string')
    c.issues.push({ code: 'custom', path: ['text'], message: 'mention text must be a string', input: e });
});

/**
 * The fields every inbound activity must have before it reaches the adapter: teams-ai's TurnState needs channelId,
 * recipient.id, conversation.id and from.id for every activity type, and replies go to serviceUrl. Teams always sends
 * them; anything without them is not a Teams activity and gets a 400 instead of failing inside a turn.
 */
export const inboundActivitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    // Not z.url(): zod 4 hands back its normalised form of the URL ("http:host/" becomes "http://host/").
    serviceUrl: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
      .refine((u) => URL.canParse(u), 'must be a URL'),
    from: account,
    recipient: account,
    conversation: z.looseObject({
      id: z.string().min(1).max(1024),
      conversationType: z.string().max(64).optional(),
      name: optionalText(512),
      tenantId: optionalText(128),
      isGroup: z.boolean().nullish(),
    }),
    text: z.string().max(100_000).optional(),
    name: z.string().max(256).optional(),
    replyToId: z.string().max(512).optional(),
    locale: optionalText(64),
    entities: z.array(entity).optional(),
    attachments: z.array(plainObject).optional(),
    channelData: plainObject.optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .check((c) => {
    // botbuilder strips the bot's @mention from `text` before any route runs, and fails on a mention without text.
    const a = c.value;
    if (a.type === 'message' && typeof a.text !== 'string' && a.entities?.some((e) => e.type === 'mention')) {
      c.issues.push({ code: 'custom', path: ['text'], message: 'a message with a mention needs text', input: a });
    }
  });

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/**
 * A short, data-free description of what is wrong: JSON paths and zod codes only, never the values; a field that is
 * missing from `body` (the parsed request) is "required".
 */
export function describeActivityProblems(error: z.ZodError, body: unknown): string[] {
  const valueAt = (path: PropertyKey[]) =>
    path.reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
      body,
    );
  return error.issues
    .slice(0, 10)
    .map(
      (i) =>
        `${i.path.join('.') || '(body)'}: ${i.code === 'invalid_type' && valueAt(i.path) === undefined ? 'required' : i.code}`,
    );
}
