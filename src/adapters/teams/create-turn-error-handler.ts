import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../app/ports.js';
import { TURN_ERROR_TEXT } from './bot-texts.js';
import { sendInvokeMessage } from './send-invoke-message.js';

interface CodedError {
  name?: string;
  code?: unknown;
  userMessage?: unknown;
  message?: unknown;
  stack?: unknown;
  issues?: { path?: unknown[]; code?: unknown }[];
}

/** What may be logged about an error: never the person's text. Zod messages echo received values, so only paths. */
function describe(error: CodedError): Record<string, unknown> {
  const name = typeof error?.name === 'string' ? error.name : typeof error;
  const code = typeof error?.code === 'string' || typeof error?.code === 'number' ? error.code : undefined;
  if (name === 'ZodError' && Array.isArray(error.issues)) {
    return { name, issues: error.issues.map((i) => `${(i.path ?? []).join('.')}:${String(i.code)}`) };
  }
  const stack =
    typeof error?.stack === 'string'
      ? error.stack
          .split('\n')
          .slice(1, 8)
          .map((l) => l.trim())
      : undefined;
  return { name, code, message: typeof error?.message === 'string' ? error.message.slice(0, 300) : undefined, stack };
}

/**
 * The one turn error handler (docs/architecture.md, convention 7): logs the error's code, then answers the person once, in Dutch.
 * A DomainError-like error (string `code` and `userMessage`) is a refusal the person can act on: its own sentence is
 * sent. Anything else gets the generic "Er ging iets mis" sentence. Install and membership events get no answer.
 * Never throws: a failure to answer is logged, so the HTTP request still completes without a 5xx from here.
 */
export function createTurnErrorHandler(
  logger: Logger,
  onRefused?: (context: TurnContext, code: string) => void,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const e = (error ?? {}) as CodedError;
    const activity = context.activity;
    const domain = typeof e.code === 'string' && typeof e.userMessage === 'string';
    const where = { activityType: activity?.type, invokeName: activity?.name, activityId: activity?.id };
    if (domain) logger.warn({ ...where, code: e.code }, 'turn refused by a domain rule');
    if (domain && activity) onRefused?.(context, e.code as string);
    else logger.error({ ...where, err: describe(e) }, 'turn failed');
    const text = domain ? (e.userMessage as string) : TURN_ERROR_TEXT;
    try {
      if (activity?.type === 'invoke' && activity.name === 'adaptiveCard/action')
        await sendInvokeMessage(context, text);
      else if (activity?.type === 'message') await context.sendActivity(text);
    } catch (sendError) {
      logger.warn({ ...where, err: describe(sendError as CodedError) }, 'could not tell the person about the error');
    }
  };
}
