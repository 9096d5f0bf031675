import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { bindMember } from '../../app/bind-member.js';
import type { MemberBindingStore } from '../../app/member-binding-store.js';
import { retryWhenBusy } from '../../app/retry-when-busy.js';
import type { Logger } from '../../app/ports.js';
import type { Member } from '../../domain/types.js';
import { activityTenantId } from './activity-tenant.js';
import { identifyMember } from './identify-member.js';

export interface ResolveMemberDeps {
  ctx: Pick<AppContext, 'roster' | 'store' | 'clock'>;
  bindings: MemberBindingStore;
  logger: Logger;
  /** Who the sender is according to Teams (default: TeamsInfo.getMember, the Bot Connector's members endpoint). */
  lookUp?: (context: TurnContext, userId: string) => Promise<TeamsChannelAccount>;
}

const statusOf = (err: unknown): number | undefined => {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/**
 * The roster member behind the activity (docs/tenants.md). Known by object id or by an earlier binding: at once.
 * Otherwise, on first contact, Teams is asked who the sender is (`TeamsInfo.getMember`: e-mail, UPN, tenant, object
 * id) and the person is bound to the roster entry with that e-mail or UPN (a guest: the home address in the `#EXT#`
 * UPN), with an audit entry. Undefined when nobody matches or Teams cannot be asked (then nothing is bound); logs
 * ids and outcomes only, never an address or a name.
 */
export async function resolveMember(context: TurnContext, deps: ResolveMemberDeps): Promise<Member | undefined> {
  const { ctx, bindings, logger } = deps;
  const a = context.activity;
  const known = identifyMember(a, ctx.roster, bindings);
  if (known) return known;
  const aad = a.from?.aadObjectId?.trim().toLowerCase();
  const userId = a.from?.id;
  if (!aad || !userId) return undefined;
  const tenantId = activityTenantId(a);
  const log = { activityType: a.type, activityId: a.id, tenant: tenantId || null };
  let account: TeamsChannelAccount;
  try {
    account = await (deps.lookUp ?? ((c, id) => TeamsInfo.getMember(c, id)))(context, userId);
  } catch (err) {
    logger.warn(
      { ...log, outcome: 'member_lookup_failed', status: statusOf(err), err: { name: (err as Error)?.name } },
      'could not ask Teams who an unknown user is',
    );
    return undefined;
  }
  // The members endpoint answers for the id we asked; an answer about another object id is not trusted.
  if (account.aadObjectId && account.aadObjectId.trim().toLowerCase() !== aad) {
    logger.warn({ ...log, outcome: 'member_lookup_mismatch' }, 'Teams answered about another user');
    return undefined;
  }
  const outcome = await retryWhenBusy(() =>
    bindMember(ctx, bindings, { tenantId, aadObjectId: aad, serviceUrl: a.serviceUrl ?? '', account }),
  );
  if (outcome.kind === 'bound') {
    logger.info({ ...log, outcome: 'member_bound', via: outcome.via }, 'Teams user bound to their roster entry');
    return outcome.member;
  }
  logger.info(
    { ...log, outcome: outcome.kind === 'ambiguous' ? 'member_ambiguous' : 'member_not_in_roster' },
    'Teams user matches no roster entry',
  );
  return undefined;
}
