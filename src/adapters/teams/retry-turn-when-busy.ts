import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AppContext } from '../../app/app-context.js';
import { retryWhenBusy, type BusyRetryOptions } from '../../app/retry-when-busy.js';

/**
 * Runs a route handler; when it fails because another process holds the database (SQLITE_BUSY past the short busy
 * timeout), it waits asynchronously and runs the handler again, up to BUSY_DEADLINE_MS; after that the error goes to
 * app.error as before ("Er ging iets mis"). Only while a re-run repeats nothing: the turn has sent nothing yet, and
 * the handler wrote nothing (a use case writes in one transaction, so a busy one left nothing behind).
 */
export function retryTurnWhenBusy<T>(
  ctx: Pick<AppContext, 'logger' | 'writesSoFar'>,
  context: TurnContext,
  handler: () => Promise<T>,
  options: BusyRetryOptions = {},
): Promise<T> {
  // Not `context.responded`: teams-ai 1.7.4 sends "typing" after a second of any message turn (it ignores
  // startTypingTimer: false), which sets it. Typing is no answer; anything else, even a send that failed, is.
  let answered = false;
  context.onSendActivities(async (_context, activities, next) => {
    if (activities.some((a) => a.type !== ActivityTypes.Typing && a.type !== ActivityTypes.Trace)) answered = true;
    return next();
  });
  let writesBefore: number | undefined;
  return retryWhenBusy(
    () => {
      writesBefore = ctx.writesSoFar?.();
      return handler();
    },
    {
      mayRetry: () => !answered && writesBefore !== undefined && ctx.writesSoFar?.() === writesBefore,
      onBusy: (attempt, delayMs) => {
        if (attempt === 1)
          ctx.logger.debug(
            { activityType: context.activity.type, activityId: context.activity.id, delayMs },
            'database busy: the turn waits and runs again',
          );
      },
      ...options,
    },
  );
}
