import type { Activity } from 'botbuilder';

/**
 * The text of a message as a command: leftover `<at>…</at>` mentions, `&nbsp;` and surrounding whitespace removed,
 * inner whitespace collapsed. teams-ai already strips the bot's own mention (removeRecipientMention), but Teams
 * clients add non-breaking spaces and trailing newlines.
 */
export function commandText(activity: Pick<Partial<Activity>, 'type' | 'text'>): string | undefined {
  if (activity.type !== 'message' || typeof activity.text !== 'string') return undefined;
  return activity.text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
