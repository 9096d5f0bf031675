import { ActivityTypes, type Activity } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import type { MemberBindingStore } from '../../app/member-binding-store.js';
import { errorFields } from '../../app/error-fields.js';
import { NOT_IN_ROSTER_TEXT } from './bot-texts.js';
import { cardAttachment } from './cards/card-kit.js';
import { helpCard } from './cards/help-cards.js';
import { commandSelector } from './command-selector.js';
import type { BotApplication } from './create-teams-bot.js';
import { rememberMember } from './current-member.js';
import { identifyMember } from './identify-member.js';
import { answerRefreshWithoutView, isAutomaticRefresh } from './register-refresh-route.js';
import { resolveMember, type ResolveMemberDeps } from './resolve-member.js';
import { sendInvokeMessage } from './send-invoke-message.js';

export { registerFallbackRoute } from './register-fallback-route.js';

export const HELP_COMMAND = /^(hulp|help)$/i;

export interface BaseRouteOptions {
  /** Bindings made on first contact (docs/tenants.md); without them people are known by roster object id only. */
  bindings?: MemberBindingStore;
  /** Tests: who a user is according to Teams (default TeamsInfo.getMember). */
  lookUp?: ResolveMemberDeps['lookUp'];
}

const INSTALL_ACTIONS = new Set(['add', 'add-upgrade']);

/** The app installed for a person, or their 1:1 chat with the bot started: Teams' first word about them. */
function isPersonalArrival(a: Partial<Activity>): boolean {
  if (a.conversation?.conversationType !== 'personal') return false;
  if (a.type === ActivityTypes.InstallationUpdate) return INSTALL_ACTIONS.has(String(a.action ?? ''));
  return a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).length > 0;
}

/**
 * The routes every other route relies on, registered before the command routes:
 * (a) a gate: a message or invoke from someone who is not in the roster gets only the "not in the roster" answer and
 *     nothing else runs (a beforeTurn handler, so it also covers invokes, which teams-ai matches before messages).
 *     Someone the roster knows by e-mail or UPN only is bound to their entry on first contact (resolveMember), also
 *     when the app is installed for them, so that proactive messages reach them before they ever type;
 * (b) `hulp` / `help`, matched exactly (ignoring case and surrounding whitespace).
 */
export function registerBaseRoutes(
  app: BotApplication,
  ctx: Pick<AppContext, 'roster' | 'logger' | 'store' | 'clock'>,
  options: BaseRouteOptions = {},
): void {
  const { bindings } = options;
  const recognise = (context: Parameters<typeof resolveMember>[0]) =>
    bindings
      ? resolveMember(context, { ctx, bindings, logger: ctx.logger, lookUp: options.lookUp })
      : Promise.resolve(identifyMember(context.activity, ctx.roster));

  app.turn('beforeTurn', async (context) => {
    const a = context.activity;
    if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) {
      // An install says nothing to a stranger and never fails the turn; binding the person is all it may do.
      if (bindings && isPersonalArrival(a)) {
        const member = await recognise(context).catch((err: unknown) => {
          ctx.logger.warn(
            { activityType: a.type, activityId: a.id, err: errorFields(err) },
            'could not bind a new Teams user',
          );
          return undefined;
        });
        if (member) rememberMember(context, member);
      }
      return true;
    }
    const member = await recognise(context);
    if (member) {
      rememberMember(context, member);
      return true;
    }
    ctx.logger.info(
      { activityType: a.type, invokeName: a.name, activityId: a.id, outcome: 'not_in_roster' },
      'turn refused',
    );
    if (a.type === ActivityTypes.Message) await context.sendActivity(NOT_IN_ROSTER_TEXT);
    // Teams refreshes a card in a channel or group chat for everyone who sees it: no case content, and no refusal text.
    else if (isAutomaticRefresh(context)) await answerRefreshWithoutView(context);
    else if (a.name === 'adaptiveCard/action') await sendInvokeMessage(context, NOT_IN_ROSTER_TEXT);
    else await context.sendActivity({ type: 'invokeResponse', value: { status: 403 } });
    return false;
  });

  app.message(commandSelector(HELP_COMMAND), async (context) => {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(helpCard())] });
  });
}
