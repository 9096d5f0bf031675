import { z } from 'zod';

/**
 * Fields the bot copies into its replies and into stored conversation references (the reply's `recipient` is the
 * inbound `from`, its `from` the inbound `recipient`, its `conversation` the inbound one). The Bot Connector client
 * refuses to serialize a reply whose copies have the wrong type ("activity.from.name with value 5 must be of type
 * string"), so a wrong type here would cost the person every answer, also the error sentence; and a stored reference
 * with one would break later proactive messages. Null is accepted where Teams may send it (the serializer skips it).
 */
const optionalText = (max: number) => z.string().max(max).nullish();

const account = z
  .object({ id: z.string().min(1).max(512), name: optionalText(512), aadObjectId: optionalText(128), role: optionalText(64) })
  .passthrough();

/** An @mention: botbuilder's removeRecipientMention reads `mentioned.id` and `text` of every mention entity. */
const entity = z.record(z.unknown()).superRefine((e, ctx) => {
  if (e.type !== 'mention') return;
  const mentioned = e.mentioned as { id?: unknown } | null | undefined;
  if (typeof mentioned !== 'object' || mentioned === null || Array.isArray(mentioned) || typeof mentioned.id !== 'string') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['mentioned'], message: 'a mention needs mentioned.id' });
  }
  if (e.text !== undefined && typeof e.text !== 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['text'], message: 'mention text must be a string' });
});

/**
 * The fields every inbound activity must have before it reaches the adapter: teams-ai's TurnState needs channelId,
 * recipient.id, conversation.id and from.id for every activity type, and replies go to serviceUrl. Teams always sends
 * them; anything without them is not a Teams activity and gets a 400 instead of failing inside a turn.
 */
export const inboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z
      .string()
      .url()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
    from: account,
    recipient: account,
    conversation: z
      .object({
        id: z.string().min(1).max(1024),
        conversationType: z.string().max(64).optional(),
        name: optionalText(512),
        tenantId: optionalText(128),
        isGroup: z.boolean().nullish(),
      })
      .passthrough(),
    text: z.string().max(100_000).optional(),
    name: z.string().max(256).optional(),
    replyToId: z.string().max(512).optional(),
    locale: optionalText(64),
    entities: z.array(entity).optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
    channelData: z.record(z.unknown()).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    // botbuilder strips the bot's @mention from `text` before any route runs, and fails on a mention without text.
    if (a.type === 'message' && typeof a.text !== 'string' && a.entities?.some((e) => e.type === 'mention')) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['text'], message: 'a message with a mention needs text' });
    }
  });

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** A short, data-free description of what is wrong: JSON paths and zod codes only, never the values. */
export function describeActivityProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.code === 'invalid_type' && i.received === 'undefined' ? 'required' : i.code}`);
}
