import { MessageFactory } from 'botbuilder';
import { CARD_MESSAGE_BUDGET_BYTES, utf16Bytes } from '../../src/adapters/teams/cards/card-size-limit.js';
import { cardAttachment, type AdaptiveCard } from '../../src/adapters/teams/cards/card-kit.js';

// A card measured as it is sent: the JSON of the message activity that carries it as its one attachment (what the
// bot posts to the Bot Connector; an invoke answer carries the same card). Teams counts UTF-16 (card-size-limit.ts).

export interface CardSize {
  /** What Teams counts: the activity's JSON in UTF-16. */
  utf16: number;
  /** The same JSON in UTF-8, as it goes over the wire: for comparison with figures quoted elsewhere. */
  utf8: number;
}

export function cardSize(card: AdaptiveCard | object): CardSize {
  const json = JSON.stringify(MessageFactory.attachment(cardAttachment(card as AdaptiveCard)));
  return { utf16: utf16Bytes(json), utf8: Buffer.byteLength(json, 'utf8') };
}

/** Throws with the card's name and sizes when the card would not stay within the budget. */
export function expectWithinBudget(name: string, card: AdaptiveCard | object): CardSize {
  const size = cardSize(card);
  if (size.utf16 > CARD_MESSAGE_BUDGET_BYTES)
    throw new Error(
      `${name}: ${size.utf16} bytes in UTF-16 (${size.utf8} in UTF-8), over the budget of ${CARD_MESSAGE_BUDGET_BYTES}`,
    );
  return size;
}
