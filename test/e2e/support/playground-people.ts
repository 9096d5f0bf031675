/**
 * The other people of the mock tenant (.m365agentsplayground.yml) acting through the playground's API, and what the
 * bot sends them. Messages typed through `/messages` always come from currentUser (rvdk-arn), and the bot's 1:1
 * messages to anyone else never reach the conversation WebSocket or the UI (docs/agents-playground.md, quirks): a
 * colleague types through a custom activity in their own 1:1 chat, and what the bot posts to them is read from the
 * log stream (every connector call of the bot, with its body and the playground's answer).
 */
import { PLAYGROUND, type AdaptiveCardJson, type E2E, type LogFrame, type LogStream } from './playground-harness.js';

export const TENANT_ID = '00000000-0000-4000-8000-00000000a000';

export interface PlaygroundPerson {
  /** Roster id in db/seed/demo-roster.json. */
  rosterId: string;
  /** aadObjectId, also the playground user id. */
  id: string;
  name: string;
}

/** The mock tenant's five users besides currentUser, and currentUser itself. */
export const PEOPLE = {
  rvdkArn: { rosterId: 'rvdk-arn', id: PLAYGROUND.currentUserId, name: 'Tess de Groot (fictief)' },
  ltArn: { rosterId: 'lt-arn', id: '00000000-0000-4000-8000-000000000016', name: 'Pien Meijer (fictief)' },
  vtArn: { rosterId: 'vt-arn', id: '00000000-0000-4000-8000-000000000018', name: 'Roos de Graaf (fictief)' },
  giArn: { rosterId: 'gi-arn', id: '00000000-0000-4000-8000-000000000019', name: 'Sem Jansen (fictief)' },
  leadGi1: { rosterId: 'lead-gi-1', id: '00000000-0000-4000-8000-000000000007', name: 'Gijs Dijkstra (fictief)' },
  coordArn: { rosterId: 'coord-arn', id: '00000000-0000-4000-8000-000000000021', name: 'Umar Brouwer (fictief)' },
} as const satisfies Record<string, PlaygroundPerson>;

/** Team leads of the Arnhem fixed team who are on the roster but not in the mock tenant (the playground has 6 users). */
export const OUTSIDE_TENANT = {
  leadLtArn: { rosterId: 'lead-lt-arn', id: '00000000-0000-4000-8000-000000000015', name: 'Olaf Vermeulen (fictief)' },
  leadVt1: { rosterId: 'lead-vt-1', id: '00000000-0000-4000-8000-000000000003', name: 'Carla Dekker (fictief)' },
  leadRvdk1: {
    rosterId: 'lead-rvdk-1',
    id: '00000000-0000-4000-8000-000000000011',
    name: 'Kim van der Meer (fictief)',
  },
} as const satisfies Record<string, PlaygroundPerson>;

/**
 * The 1:1 chat of `person` with the bot, created as the bot creates it (`POST /v3/conversations` on the emulated
 * connector). The playground keeps one per person, so this returns the chat the bot already uses, if any.
 */
export async function personalChatOf(e: E2E, person: PlaygroundPerson): Promise<string> {
  if (person.id === PLAYGROUND.currentUserId) return PLAYGROUND.personalChat;
  const created = (await e.post('/_connector/v3/conversations', {
    isGroup: false,
    bot: { id: PLAYGROUND.botId },
    members: [{ id: person.id }],
    tenantId: TENANT_ID,
    channelData: { tenant: { id: TENANT_ID } },
  })) as { id: string };
  return created.id;
}

let sequence = 0;

/** `person` types `text` in `conversationId` (their 1:1 chat with the bot): a custom activity sent to the bot as is. */
export async function sendTextAs(
  e: E2E,
  person: PlaygroundPerson,
  conversationId: string,
  text: string,
): Promise<void> {
  const template = (await e.get(
    `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`,
  )) as Record<string, unknown>;
  await e.post('/_internal/v1/customActivities', {
    ...template,
    id: `e2e-${person.rosterId}-${++sequence}`,
    type: 'message',
    text,
    textFormat: 'plain',
    from: { id: person.id, name: person.name, aadObjectId: person.id },
  });
}

/** A message the bot posted through the emulated Bot Connector, as the log stream shows it. */
export interface BotPost {
  conversationId: string;
  /** The playground's answer: 201 delivered; 500 e.g. for someone outside the mock tenant. */
  status: number;
  /** The id to use as `replyToId` when pressing a button on it (only when delivered). */
  messageId?: string;
  card?: AdaptiveCardJson;
  summary?: string;
  frame: LogFrame;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The bot's message in a log frame (a connector call `message` from the bot), or undefined. */
export function botPostOf(frame: LogFrame): BotPost | undefined {
  const log = frame.log;
  if (log?.activityName !== 'message' || log.from !== 'User Application' || !log.conversationId) return undefined;
  const body = typeof log.request?.body === 'object' ? log.request.body : undefined;
  const attachments = (body?.attachments ?? []) as Array<{ contentType?: string; content?: AdaptiveCardJson }>;
  const answer = typeof log.response?.body === 'object' ? log.response.body : undefined;
  return {
    conversationId: log.conversationId,
    status: log.response?.statusCode ?? 0,
    messageId: typeof answer?.id === 'string' ? answer.id : undefined,
    card: attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content,
    summary: typeof body?.summary === 'string' ? body.summary : undefined,
    frame,
  };
}

/** Every text of a card, in document order (TextBlocks, facts, titles, choices). */
export function textsOf(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label'] as const)
      if (typeof o[key] === 'string') out.push(o[key] as string);
    for (const value of Object.values(o)) if (typeof value === 'object') walk(value);
  };
  walk(node);
  return out;
}

/** A log frame of a bot message whose card contains `text`, in `conversationId` (any conversation when omitted). */
export const botPostWith =
  (text: string, conversationId?: string) =>
  (frame: LogFrame): boolean => {
    const post = botPostOf(frame);
    if (!post?.card) return false;
    if (conversationId !== undefined && post.conversationId !== conversationId) return false;
    return textsOf(post.card).join('\n').includes(text);
  };

/** Every bot message so far (log stream), oldest first. */
export function botPosts(log: LogStream): BotPost[] {
  return log.frames.map(botPostOf).filter((p): p is BotPost => p !== undefined);
}

/**
 * Whose 1:1 chat each conversation is: from the bot's `createConversation` calls (members[0].id → the new id), plus
 * currentUser's personal chat.
 */
export function chatOwners(log: LogStream): Map<string, string> {
  const owners = new Map<string, string>([[PLAYGROUND.personalChat, PLAYGROUND.currentUserId]]);
  for (const f of log.frames) {
    if (f.log?.activityName !== 'createConversation') continue;
    const body = typeof f.log.request?.body === 'object' ? f.log.request.body : undefined;
    const answer = typeof f.log.response?.body === 'object' ? f.log.response.body : undefined;
    const member = (body?.members as Array<{ id?: string }> | undefined)?.[0]?.id;
    if (member && typeof answer?.id === 'string') owners.set(answer.id, member);
  }
  return owners;
}

/**
 * Posts a card into a conversation as the bot would (`POST /v3/conversations/{id}/activities` on the emulated
 * connector): the playground broadcasts it and its UI renders it with its own Adaptive Cards renderer. Returns the
 * message id.
 */
export async function postCardAsBot(e: E2E, conversationId: string, card: unknown, summary?: string): Promise<string> {
  const answer = (await e.post(`/_connector/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    type: 'message',
    from: { id: PLAYGROUND.botId, name: 'Teammodel' },
    conversation: { id: conversationId },
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
    ...(summary ? { summary } : {}),
  })) as { id: string };
  return answer.id;
}
