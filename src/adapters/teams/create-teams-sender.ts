import type { TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory, type Activity, type BotAdapter } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { bindingsOf } from '../../app/bind-member.js';
import type { MemberBindingStore } from '../../app/member-binding-store.js';
import type { MessageSender, OutboundMessage, SendOutcome } from '../../app/ports.js';
import type { Member } from '../../domain/types.js';
import { errorFields } from '../../app/error-fields.js';
import { retryWhenBusy } from '../../app/retry-when-busy.js';
import { CASE_THREAD_KIND } from '../../app/notifications.js';
import { cardAttachment } from './cards/card-kit.js';
import { renderOutbound, type RenderedMessage } from './cards/render-outbound.js';
import { classifySendError } from './classify-send-error.js';
import { caseRefKey } from './case/new-case-command.js';
import { userRefKey } from './conversation-ref-keys.js';
import {
  createPersonalConversation,
  findTenancy,
  readReference,
  type StoredReference,
  type Tenancy,
} from './open-personal-conversation.js';
import { rememberCopy } from './handover/handover-card-copies.js';

const final = (reason: string, status = 0): SendOutcome => ({ kind: 'final', status, reason });

/** One way to reach a person: an object id, and for a bound one the tenant and service URL they were seen with. */
interface Identity {
  aadObjectId: string;
  tenantId?: string;
  serviceUrl?: string;
}

/**
 * Sends one outbox delivery to a person's 1:1 conversation (created when there is none yet), as the card rendered
 * from the payload. Each person is reached in their own tenant (docs/tenants.md): by the 1:1 chat stored for any of
 * their identities (the bindings made on first contact, newest first, then the roster's object id), or else by a new
 * chat created in the tenant and at the service URL of their newest binding. botbuilder hands errors thrown inside
 * the callback to app.error and resolves, so the callback catches them itself and the HTTP status decides: 2xx sent;
 * 429/412/5xx/network retry (Retry-After honoured); 403/404 final. A `case_thread` message goes to the case's own
 * channel thread instead (a message that did not reach the person, with an @mention). Logs ids, kinds and statuses
 * only, never the message.
 */
export function createTeamsSender(o: {
  adapter: TeamsAdapter;
  botAppId: string;
  ctx: AppContext;
  tenantId?: string;
  /** Bindings made on first contact; without them only the roster's object ids are used. */
  bindings?: MemberBindingStore;
}): MessageSender {
  const { ctx } = o;
  const adapter = o.adapter as unknown as BotAdapter;

  function identitiesOf(member: Member): Identity[] {
    const bound: Identity[] = o.bindings ? bindingsOf(ctx, o.bindings, member.id) : [];
    const listed = member.aadObjectId?.trim().toLowerCase();
    return listed && !bound.some((b) => b.aadObjectId === listed) ? [...bound, { aadObjectId: listed }] : bound;
  }

  async function referenceFor(
    identities: Identity[],
  ): Promise<{ reference: StoredReference } | { outcome: SendOutcome }> {
    for (const identity of identities) {
      const stored = readReference(ctx, userRefKey(identity.aadObjectId));
      if (stored) return { reference: stored };
    }
    const first = identities[0]!;
    const aadObjectId = first.aadObjectId;
    const tenancy: Tenancy | undefined =
      first.tenantId && first.serviceUrl
        ? { tenantId: first.tenantId, serviceUrl: first.serviceUrl, bot: { id: `28:${o.botAppId}` } }
        : findTenancy(ctx, o.botAppId, o.tenantId);
    if (!tenancy)
      return {
        outcome: final('geen Teams-gesprek met deze persoon en geen serviceUrl/tenant bekend om er een te starten'),
      };
    try {
      const reference = await createPersonalConversation({ adapter, botAppId: o.botAppId, ctx }, aadObjectId, tenancy);
      ctx.logger.info({ outcome: 'conversation_created' }, 'started a 1:1 chat for a proactive message');
      return { reference };
    } catch (err) {
      const outcome = classifySendError(err);
      return {
        outcome:
          outcome.kind === 'final'
            ? final(`1:1-gesprek starten lukte niet: ${outcome.reason}`, outcome.status)
            : outcome,
      };
    }
  }

  async function deliver(
    m: OutboundMessage,
    reference: StoredReference,
    rendered: RenderedMessage,
  ): Promise<SendOutcome> {
    let outcome: SendOutcome = { kind: 'retry', status: 0 };
    let sentId: string | undefined;
    const activity = {
      ...MessageFactory.attachment(cardAttachment(rendered.card)),
      summary: rendered.summary,
    } as Partial<Activity>;
    try {
      await adapter.continueConversationAsync(o.botAppId, reference, async (context) => {
        try {
          sentId = (await context.sendActivity(activity))?.id;
          outcome = { kind: 'sent' };
        } catch (err) {
          outcome = classifySendError(err);
        }
      });
    } catch (err) {
      outcome = classifySendError(err); // token or connector setup failed before the callback ran
    }
    // Sent is sent: failing to remember where the card went (a busy database past the wait) must not send it again.
    if (outcome.kind === 'sent' && rendered.copyKey && sentId) {
      const copyKey = rendered.copyKey;
      const id = sentId;
      await retryWhenBusy(() => rememberCopy(ctx, copyKey, reference, id)).catch((err: unknown) =>
        ctx.logger.warn({ deliveryId: m.deliveryId, err: errorFields(err) }, 'could not remember the card copy'),
      );
    }
    const status = outcome.kind === 'sent' ? 200 : outcome.status;
    ctx.logger.debug({ deliveryId: m.deliveryId, kind: m.kind, outcome: outcome.kind, status }, 'teams delivery');
    return outcome;
  }

  /** A message that could not reach the person in their chat, in the case's thread with an @mention of them. */
  async function postInCaseThread(m: OutboundMessage, member: Member): Promise<SendOutcome> {
    const caseId = m.payload.caseId;
    const thread = typeof caseId === 'number' ? readReference(ctx, caseRefKey(caseId)) : undefined;
    if (!thread) return final('de casus heeft geen eigen draad (meer)');
    const rendered = renderOutbound(ctx, m, member);
    if (!rendered) return final(`geen kaart voor dit bericht (${m.kind})`);
    if ('obsolete' in rendered) return { kind: 'sent' };
    return deliver(m, thread, rendered);
  }

  return {
    async send(m) {
      const member = ctx.roster.member(m.recipientId);
      if (!member) return final('staat niet (meer) in het rooster');
      if (m.kind === CASE_THREAD_KIND) return postInCaseThread(m, member);
      const identities = identitiesOf(member);
      if (identities.length === 0)
        return final('geen Teams-account (aadObjectId) in het rooster, en nog niet via e-mail of UPN gekoppeld');
      const rendered = renderOutbound(ctx, m, member);
      if (!rendered) return final(`geen kaart voor dit bericht (${m.kind})`);
      if ('obsolete' in rendered) {
        ctx.logger.info(
          { deliveryId: m.deliveryId, kind: m.kind, outcome: 'obsolete' },
          'not sent: no longer relevant',
        );
        return { kind: 'sent' };
      }
      const reached = await referenceFor(identities);
      return 'outcome' in reached ? reached.outcome : deliver(m, reached.reference, rendered);
    },
  };
}
