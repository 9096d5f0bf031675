import type { Activity } from 'botbuilder';

const cleaned = new WeakMap<object, { raw: string; text: string }>();

/**
 * The text of a message as a command: leftover `<at>…</at>` mentions, `&nbsp;` and surrounding whitespace removed,
 * inner whitespace collapsed. teams-ai already strips the bot's own mention (removeRecipientMention), but Teams
 * clients add non-breaking spaces and trailing newlines.
 */
export function commandText(activity: Pick<Partial<Activity>, 'type' | 'text'>): string | undefined {
  if (activity.type !== 'message' || typeof activity.text !== 'string') return undefined;
  // Every route's selector asks in turn; the answer is kept per activity for as long as its text stays the same.
  const known = cleaned.get(activity);
  if (known?.raw === activity.text) return known.text;
  const text = activity.text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  cleaned.set(activity, { raw: activity.text, text });
  return text;
}
