import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Request } from 'restify';
import type { BotApplication } from '../teams/create-teams-bot.js';
import type { InboundActivity } from './inbound-activity-schema.js';
import { createResponseRecorder } from './response-recorder.js';

/** What came of handing the activity to the adapter: did a route run, did it throw, what did botbuilder answer. */
export interface TurnOutcome {
  turnStarted: boolean;
  threw: boolean;
  /** The name of what the adapter threw (never its message). */
  errorName?: string;
  answered: { status: number; body: unknown };
}

/**
 * Step 3 of POST /api/messages: botbuilder authenticates (credentials mode) and the bot's routes run. The adapter
 * writes its answer to a recorder, not to the response: its error answers carry internal messages (e.g. "request to
 * https://login.botframework.com/... failed, reason: getaddrinfo ENOTFOUND"), which must not leave (answer-turn.ts).
 */
export async function runTurn(
  adapter: TeamsAdapter,
  app: BotApplication,
  req: Request,
  activity: InboundActivity,
  setHeader: (name: string, value: string) => void,
): Promise<TurnOutcome> {
  (req as Request & { body: unknown }).body = activity;
  const recorder = createResponseRecorder(setHeader);
  let turnStarted = false;
  let threw = false;
  let errorName: string | undefined;
  try {
    await adapter.process(req, recorder.response, async (context) => {
      turnStarted = true;
      await app.run(context);
    });
  } catch (err) {
    threw = true;
    errorName = (err as Error | undefined)?.name;
  }
  return { turnStarted, threw, errorName, answered: recorder.result() };
}
