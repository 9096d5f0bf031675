import type { Clock } from '../../src/app/ports.js';
import { openCase } from '../../src/app/open-case.js';
import type { RecordedRequest } from '../support/fake-connector.js';
import { installationUpdate, personalConversationId, type Person } from '../support/teams-activity.js';
import type { TestBot } from '../support/start-test-bot.js';

// People of db/seed/demo-roster.json (Arnhem's fixed team and their leads) and a few scenario helpers for the
// workflow tests in this folder.

const person = (n: number, name: string): Person => ({
  aadObjectId: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  name,
});

export const P = {
  leadVt: person(3, 'Carla Dekker (fictief)'),
  leadGi: person(7, 'Gijs Dijkstra (fictief)'),
  leadRvdk: person(11, 'Kim van der Meer (fictief)'),
  leadLt: person(15, 'Olaf Vermeulen (fictief)'),
  lt: person(16, 'Pien Meijer (fictief)'),
  vt: person(18, 'Roos de Graaf (fictief)'),
  gi: person(19, 'Sem Jansen (fictief)'),
  rvdk: person(20, 'Tess de Groot (fictief)'),
};

/** A clock that runs with real time from a chosen instant (retries and wake-ups need time to pass), and can jump. */
export function liveClock(iso: string): Clock & { set(iso: string): void } {
  let offset = Date.parse(iso) - Date.now();
  return { now: () => Date.now() + offset, set: (to) => void (offset = Date.parse(to) - Date.now()) };
}

/** The person installs the bot in their 1:1 chat: the bot stores the conversation reference. */
export async function install(t: TestBot, ...people: Person[]): Promise<void> {
  for (const p of people) await t.post(installationUpdate({ from: p, serviceUrl: t.connector.url, scope: 'personal' }));
}

export function openArnhemCase(t: TestBot): { id: number; ref: string } {
  const c = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  return { id: c.id, ref: c.ref };
}

/** The Adaptive Card inside a recorded POST/PUT body, if any. */
export function cardOf(body: unknown): Record<string, unknown> | undefined {
  const attachments = (
    body as { attachments?: Array<{ contentType?: string; content?: Record<string, unknown> }> } | undefined
  )?.attachments;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

export const cardText = (card: unknown): string => JSON.stringify(card ?? {});

/** Successful card posts to a person's stored 1:1 chat whose card contains `needle`. */
export function cardsTo(t: TestBot, p: Person, needle: string): Array<Record<string, unknown>> {
  return t.connector
    .activitiesTo(personalConversationId(p))
    .map((a) => cardOf(a))
    .filter((c): c is Record<string, unknown> => c !== undefined && cardText(c).includes(needle));
}

export const isCardPost = (needle: string) => (r: RecordedRequest) =>
  r.method === 'POST' &&
  r.status === 200 &&
  r.conversationId !== undefined &&
  cardText(cardOf(r.body)).includes(needle);

export const INVOKE_CARD = 'application/vnd.microsoft.card.adaptive';
export const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';
