import type { TurnState } from '@microsoft/teams-ai';
// The two classes from their own modules: the package index also loads the AI parts (gpt-tokenizer, the OpenAI and
// Azure clients, planners), which this bot never uses: about 30 MB of RSS and 11 MB of heap at start.
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { ActivityTypes, type Storage } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import type { Logger } from '../../app/ports.js';
import { errorFields } from '../../app/error-fields.js';
import { retryWhenBusy } from '../../app/retry-when-busy.js';
import type { Config } from '../../config.js';
import { createTurnErrorHandler } from './create-turn-error-handler.js';
import { recordTurnRefusal } from './record-turn-refusal.js';
import { reuseBotFrameworkClients, type BotFrameworkClientPool } from './reuse-bot-framework-clients.js';
import { saveConversationRefs } from './save-conversation-refs.js';
import { DomainError } from '../../domain/domain-error.js';
import { createSeenActivities } from './seen-activities.js';
import { sendInvokeMessage } from './send-invoke-message.js';
import type { TeamsState } from './teams-state.js';

export type BotApplication = Application<TurnState>;

/** What a route-registering function may use besides the Application. */
export interface RouteTools {
  ctx: AppContext;
  logger: Logger;
  botAppId: string;
  /** The bot's own caches and syncs in flight (teams-state.ts), built in main.ts. */
  state: TeamsState;
}

export interface CreateTeamsBotOptions {
  config: Config;
  ctx: AppContext;
  storage: Storage;
  logger: Logger;
  state: TeamsState;
  /** Registers every route in order (first match wins): base routes, command routes, the catch-all last. */
  registerRoutes: (app: BotApplication, tools: RouteTools) => void;
}

export interface TeamsBot {
  app: BotApplication;
  adapter: TeamsAdapter;
  botAppId: string;
  /** The Bot Framework clients the adapter keeps between turns (see reuseBotFrameworkClients). */
  botFrameworkClients: BotFrameworkClientPool;
}

/**
 * The teams-ai Application and its adapter. Without credentials (local mode) the adapter accepts unauthenticated
 * activities; with credentials every request's JWT is validated and unsigned ones fail with 401.
 * Before any route runs, the conversation references of the turn are stored (see conversationRefKeys).
 */
export function createTeamsBot(options: CreateTeamsBotOptions): TeamsBot {
  const { config, ctx, storage, logger, state } = options;
  const creds = config.credentials;
  const adapter = new TeamsAdapter(
    creds
      ? {
          MicrosoftAppId: creds.appId,
          MicrosoftAppPassword: creds.appPassword,
          MicrosoftAppTenantId: creds.tenantId,
          MicrosoftAppType: creds.appType,
        }
      : {},
  );
  const botFrameworkClients = reuseBotFrameworkClients(adapter);
  const app = new Application<TurnState>({
    adapter,
    storage,
    botAppId: config.botAppId,
    // v1 shares one typing timer between concurrent turns; our answers are quick anyway.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });
  const seen = createSeenActivities();
  const onTurnError = createTurnErrorHandler(logger, (context, code) => recordTurnRefusal(ctx, context, code));
  app.error(async (context, error) => {
    // A turn that failed wrote nothing: its redelivery is a second try. A refusal was answered: that turn is done.
    if (!(error instanceof DomainError)) seen.forget(context.activity?.conversation?.id, context.activity?.id);
    await onTurnError(context, error);
  });
  app.turn('beforeTurn', async (context) => {
    const a = context.activity;
    if (
      (a.type === ActivityTypes.Message || a.type === ActivityTypes.Invoke) &&
      seen.seenBefore(a.conversation?.id, a.id, Date.now())
    ) {
      // A redelivery: the first delivery takes effect, this one does nothing (an invoke still gets an answer).
      logger.info({ activityType: a.type, activityId: a.id }, 'redelivered activity ignored');
      if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action')
        await sendInvokeMessage(context, 'Dit is al verwerkt.');
      else if (a.type === ActivityTypes.Invoke)
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
      return false;
    }
    logger.debug(
      {
        activityType: a.type,
        invokeName: a.name,
        activityId: a.id,
        conversationType: a.conversation?.conversationType,
      },
      'turn',
    );
    const now = ctx.clock.now();
    // Not awaited: the turn goes on at once. A database held by another process is waited for in the background
    // (the first attempt runs right here); losing a reference only delays proactive messages until the next turn.
    void retryWhenBusy(() => saveConversationRefs(a, ctx.conversations, now)).then(
      (keys) => {
        if (keys.length > 0)
          logger.info(
            { activityType: a.type, keys: keys.map((k) => k.split(':')[0]) },
            'conversation reference stored',
          );
      },
      (err: unknown) =>
        logger.warn(
          { activityType: a.type, activityId: a.id, err: errorFields(err) },
          'could not store conversation reference',
        ),
    );
    return true;
  });
  options.registerRoutes(app, { ctx, logger, botAppId: config.botAppId, state });
  return { app, adapter, botAppId: config.botAppId, botFrameworkClients };
}
