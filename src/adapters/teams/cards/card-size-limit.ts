// How large a message with a card may be, and how we count it. One place, for the card builders and their tests.
//
// Source: Microsoft Learn, Teams platform documentation, "Format your bot messages"
// (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/format-your-bot-messages), as read for
// issue 16: "The bot message size limit is 100 KB. [...] 100 KB is an approximate limit because it includes
// the message itself (text, image links, etc.), @-mentions, and reactions encoded as UTF-16. [...] it's recommended
// to ensure that the size of the message itself is within 80 KB to guarantee successful message delivery. If the bot
// message exceeds the size limit, the bot receives a 413 status code (RequestEntityTooLarge), which contains the error
// code MessageSizeTooBig." Earlier versions of the page said 40 KB (the page's source of 2025-03-11 already says 100 KB,
// without the 80 KB advice). The "about 28 KB" often quoted is the limit of the Teams connector of Power Automate and of
// incoming webhooks, not of a bot's messages.

/** The limit Microsoft documents for one bot message, counted in UTF-16 bytes. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;

/**
 * What our cards must stay under: Microsoft's recommended size for the message itself (80 KB in UTF-16). The 20 KB
 * between it and the limit are for what Teams and the Bot Connector add (ids, service URL, mentions, reactions).
 */
export const CARD_MESSAGE_BUDGET_BYTES = 80 * 1024;

/**
 * The size Teams counts for a message: its JSON in UTF-16 (two bytes per code unit, which is what a JavaScript
 * string's length counts), about twice its UTF-8 size for Dutch text.
 */
export function utf16Bytes(json: string): number {
  return json.length * 2;
}

/** What the activity around a card adds (its type, the attachment's content type): well under this. */
const ENVELOPE_BYTES = 1024;

/** Whether a card, sent as the one attachment of a message, stays within the budget. */
export function fitsInMessage(card: object): boolean {
  return utf16Bytes(JSON.stringify(card)) + ENVELOPE_BYTES <= CARD_MESSAGE_BUDGET_BYTES;
}
