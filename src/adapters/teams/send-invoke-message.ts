import { INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';

/**
 * Answers an `adaptiveCard/action` invoke with a short text that Teams shows on the card, unless an invoke response
 * was already set this turn. Returns whether it answered.
 */
export async function sendInvokeMessage(context: TurnContext, text: string): Promise<boolean> {
  if (context.turnState.get(INVOKE_RESPONSE_KEY)) return false;
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
  });
  return true;
}
