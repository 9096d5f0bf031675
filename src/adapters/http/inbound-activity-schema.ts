import { z } from 'zod';

const account = z.object({ id: z.string().min(1).max(512) }).passthrough();

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
    conversation: z.object({ id: z.string().min(1).max(1024), conversationType: z.string().optional() }).passthrough(),
    text: z.string().max(100_000).optional(),
    name: z.string().max(256).optional(),
    replyToId: z.string().max(512).optional(),
    entities: z.array(z.record(z.unknown())).optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
    channelData: z.record(z.unknown()).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .passthrough();

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** A short, data-free description of what is wrong: JSON paths and zod codes only, never the values. */
export function describeActivityProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.code === 'invalid_type' && i.received === 'undefined' ? 'required' : i.code}`);
}
