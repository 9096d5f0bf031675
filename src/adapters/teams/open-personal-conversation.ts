import { TurnContext, type BotAdapter, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { errorFields } from '../../app/error-fields.js';
import { retryWhenBusy } from '../../app/retry-when-busy.js';
import { userRefKey } from './conversation-ref-keys.js';

// A person's 1:1 chat with the bot, for proactive messages: the stored reference, or a new chat created with
// adapter.createConversationAsync (docs/architecture.md, Teams facts). Creating needs the Bot Connector's serviceUrl and the
// tenant id of the person's own tenant (docs/tenants.md): those of their binding when they were bound on first contact
// (create-teams-sender.ts), or else the configured tenant with the serviceUrl of a stored reference in it.

const storedReference = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().optional(),
    bot: z
      .object({ id: z.string().min(1), name: z.string().optional() })
      .passthrough()
      .optional(),
    conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional() }).passthrough(),
  })
  .passthrough();

export type StoredReference = Partial<ConversationReference> & z.infer<typeof storedReference>;

export function readReference(ctx: AppContext, key: string): StoredReference | undefined {
  const parsed = storedReference.safeParse(ctx.conversations.get(key));
  return parsed.success ? (parsed.data as StoredReference) : undefined;
}

export interface Tenancy {
  serviceUrl: string;
  tenantId: string;
  bot: { id: string; name?: string };
}

/**
 * serviceUrl, tenant and bot account for someone the bot has seen nowhere yet, from the stored 1:1 references of
 * roster members: the tenant from config wins, and a reference in that tenant is preferred (service URLs differ per
 * tenant's region); without one, any reference's.
 */
export function findTenancy(ctx: AppContext, botAppId: string, tenantId?: string): Tenancy | undefined {
  const wanted = tenantId?.trim().toLowerCase();
  let fallback: Tenancy | undefined;
  for (const m of ctx.roster.members) {
    if (!m.aadObjectId) continue;
    const ref = readReference(ctx, userRefKey(m.aadObjectId));
    const tenant = tenantId ?? ref?.conversation.tenantId;
    if (!ref || !tenant) continue;
    const tenancy = { serviceUrl: ref.serviceUrl, tenantId: tenant, bot: ref.bot ?? { id: `28:${botAppId}` } };
    if (wanted === undefined || ref.conversation.tenantId?.toLowerCase() === wanted) return tenancy;
    fallback ??= tenancy;
  }
  return fallback;
}

/**
 * Creates the 1:1 chat with the person (Teams accepts the Entra object id as the member id) and stores its reference
 * under `user:<aadObjectId>`. Errors (403: the bot is not installed for the person or blocked) reach the caller.
 */
export async function createPersonalConversation(
  o: { adapter: BotAdapter; botAppId: string; ctx: AppContext },
  aadObjectId: string,
  t: Tenancy,
): Promise<StoredReference> {
  let created: StoredReference | undefined;
  const parameters = {
    isGroup: false,
    bot: t.bot,
    members: [{ id: aadObjectId, name: '' }],
    tenantId: t.tenantId,
    channelData: { tenant: { id: t.tenantId } },
  };
  // The audience of the Bot Connector token (AuthenticationConstants.ToChannelFromBotOAuthScope).
  await o.adapter.createConversationAsync(
    o.botAppId,
    'msteams',
    t.serviceUrl,
    'https://api.botframework.com',
    parameters as never,
    async (context) => {
      const ref = TurnContext.getConversationReference(context.activity);
      delete ref.activityId;
      created = {
        ...ref,
        serviceUrl: t.serviceUrl,
        bot: t.bot,
        user: { id: aadObjectId, aadObjectId, name: '' },
        conversation: {
          ...ref.conversation,
          id: ref.conversation?.id ?? '',
          conversationType: 'personal',
          tenantId: t.tenantId,
          isGroup: false,
        },
      } as StoredReference;
    },
  );
  if (!created?.conversation.id)
    throw Object.assign(new Error('createConversation gave no conversation id'), { statusCode: 502 });
  // The chat exists: a busy database is waited for rather than failing the delivery (a lost reference only means
  // the chat is looked up again next time; Teams returns the same 1:1 chat).
  const json = JSON.parse(JSON.stringify(created)) as object;
  await retryWhenBusy(() => o.ctx.conversations.save(userRefKey(aadObjectId), json, o.ctx.clock.now())).catch(
    (err: unknown) =>
      o.ctx.logger.warn({ err: errorFields(err) }, 'could not store the new 1:1 conversation reference'),
  );
  return created;
}
