import { openCase } from '../../src/app/open-case.js';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import {
  cardAction,
  channelMessage,
  personalConversationId,
  personalMessage,
  type Person,
} from '../support/teams-activity.js';
import { DEMO, startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import { CARD_TYPE, invokeAnswer, invokeCard, MESSAGE_TYPE } from '../support/bot-answer.js';

// Shared steps for the Teams case tests: people by roster id, chat and card presses as Teams sends them.

export { CARD_TYPE, MESSAGE_TYPE };

/** No cron ticks during these tests: they drive the bot only through HTTP. Passed as a variable on purpose. */
const OPTIONS = { scheduler: false };

export const startCaseBot = (): Promise<TestBot> => startTestBot(OPTIONS);

export function person(t: TestBot, id: string): Person {
  const m = t.bot.ctx.roster.member(id);
  if (!m?.aadObjectId) throw new Error(`test: ${id} is not in the demo roster`);
  return { aadObjectId: m.aadObjectId, name: m.name };
}

export type Who = string | Person;
const asPerson = (t: TestBot, who: Who): Person => (typeof who === 'string' ? person(t, who) : who);
export const STRANGER = DEMO.stranger;

/** Sends a 1:1 chat message and returns what the bot sent back. */
export async function say(t: TestBot, who: Who, text: string): Promise<Array<Record<string, unknown>>> {
  const from = asPerson(t, who);
  const conv = personalConversationId(from);
  const before = t.repliesTo(conv).length;
  const res = await t.post(personalMessage(text, { from, serviceUrl: t.connector.url }));
  if (res.status !== 200) throw new Error(`test: POST answered ${res.status}`);
  // The turn's own answers only: a proactive card (it carries a notification preview, `summary`) that reaches the same
  // 1:1 chat meanwhile — the team hearing of an earlier step — is not an answer to this message.
  return t
    .repliesTo(conv)
    .slice(before)
    .filter((a) => typeof a.summary !== 'string');
}

export async function sayInChannel(t: TestBot, who: Who, text: string) {
  const activity = channelMessage(text, { from: asPerson(t, who), serviceUrl: t.connector.url });
  const res = await t.post(activity);
  return { activity, res };
}

/** Presses an Action.Execute button (data = the button's data merged with the form's inputs). */
export const press = (t: TestBot, who: Who, verb: string, data: Record<string, unknown>): Promise<PostResult> =>
  t.post(cardAction(verb, data, { from: asPerson(t, who), serviceUrl: t.connector.url }));

/** The card of a reply (message attachment) or of an invoke response body. */
export function cardOf(x: unknown): Record<string, unknown> | undefined {
  const r = x as { attachments?: Array<{ content?: unknown }>; type?: string; value?: unknown };
  if (r?.attachments?.[0]?.content) return r.attachments[0].content as Record<string, unknown>;
  if (r?.type === CARD_TYPE) return r.value as Record<string, unknown>;
  return undefined;
}

/** Every string in a card or activity, joined: for "does it mention …" checks. */
export function allText(x: unknown): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(allText).join('\n');
  if (x && typeof x === 'object') return Object.values(x).map(allText).join('\n');
  return '';
}

/**
 * The problem named by a refused submit: a short message on the pressed card, or — for a value the person can correct —
 * the line on top of their form, which comes back with their choices kept (card-action.ts `refill`).
 */
export function problemOf(res: PostResult): { shownAs: 'message' | 'form'; text: string } | undefined {
  const answer = invokeAnswer(res);
  if (answer.type === MESSAGE_TYPE && typeof answer.value === 'string')
    return { shownAs: 'message', text: answer.value };
  const first = answer.type === CARD_TYPE ? invokeCard(res).body[0] : undefined;
  if (first?.color === 'Attention' && typeof first.text === 'string') return { shownAs: 'form', text: first.text };
  return undefined;
}

/** The invoke answer's visible text (a message) or the card's text. */
export const answerText = (res: PostResult): string => allText(invokeAnswer(res).value);

/** A case opened straight through the use case, as lt-arn (a fixed face of Arnhem). */
export function arnhemCase(t: TestBot, by = 'lt-arn') {
  return openCase(t.bot.ctx, { by, municipality: 'Arnhem' });
}

export const teamOf = (t: TestBot, caseId: number): string[] =>
  t.bot.ctx.store.cases
    .currentMembers(caseId)
    .map((m) => m.memberId)
    .sort();

export const auditOf = (t: TestBot, caseId: number) => createAuditLog(t.bot.database.db).forCase(caseId);
