import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { errorFields } from '../../../app/error-fields.js';
import { searchCandidates } from '../../../app/queries/search-candidates.js';
import { CaseRef } from '../../../domain/case-ref.js';
import { DomainError, isInputProblem } from '../../../domain/domain-error.js';
import { TURN_ERROR_TEXT } from '../bot-texts.js';
import { CANDIDATE_DATASET_PREFIX, candidateTitle } from './team-card.js';
import type { BotApplication } from '../create-teams-bot.js';
import { currentMember } from '../current-member.js';
import { recordTurnRefusal } from '../record-turn-refusal.js';
import { retryTurnWhenBusy } from '../retry-turn-when-busy.js';

// The typeahead of the team card (Input.ChoiceSet with choices.data of type Data.Query). While a person types, Teams
// sends an `application/search` invoke: value { queryText, queryOptions { skip, top }, dataset, data? } (data: the
// card's other inputs, with associatedInputs "auto"). The answer is the invoke response
// { status: 200, body: { type: "application/vnd.microsoft.search.searchResponse", value: { results: [{ title, value }] } } }
// (Microsoft Learn, "Typeahead search in Adaptive Cards",
// https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search); a problem is
// answered as botbuilder answers one: { statusCode, type: "application/vnd.microsoft.error", value: { code, message } }.

export const SEARCH_INVOKE = 'application/search';
export const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';
export const ERROR_RESPONSE_TYPE = 'application/vnd.microsoft.error';

/** Teams asks for 15 at a time; without queryOptions this many. */
const DEFAULT_TOP = 15;

const BAD_SEARCH = 'Deze zoekvraag kan de bot niet lezen. Open de teamkaart opnieuw en zoek nog eens.';
const NOT_OURS = 'Deze zoekvraag hoort niet bij een teamkaart van deze bot. Open de teamkaart opnieuw.';

const DATASET = new RegExp(`^${CANDIDATE_DATASET_PREFIX.replace('.', '\\.')}:(${CaseRef.source}):(add|replace)$`);

const searchSchema = z.object({
  // Absent or empty: the first page of everyone who may join.
  queryText: z.string().nullish(),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).max(100_000).optional(),
      top: z.number().int().min(1).max(1_000).optional(),
    })
    .optional(),
  dataset: z.string().max(200),
  data: z.record(z.unknown()).optional(),
});

const memberId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

interface InvokeAnswer {
  status: number;
  body: unknown;
}

const problem = (status: number, code: string, message: string): InvokeAnswer => ({
  status,
  body: { statusCode: status, type: ERROR_RESPONSE_TYPE, value: { code, message } },
});

async function answer(context: TurnContext, ctx: AppContext): Promise<InvokeAnswer> {
  const parsed = searchSchema.safeParse(context.activity.value);
  if (!parsed.success) return problem(400, 'BadRequest', BAD_SEARCH);
  const { queryText, queryOptions, dataset, data } = parsed.data;
  const match = DATASET.exec(dataset);
  if (!match) return problem(400, 'BadRequest', NOT_OURS);
  const leaving = memberId.safeParse(data?.replaceMember);
  try {
    const actor = currentMember(context, ctx.roster);
    const page = await retryTurnWhenBusy(ctx, context, async () =>
      searchCandidates(ctx, {
        by: actor.id,
        caseRef: match[1]!.toUpperCase(),
        slot: match[2] as 'add' | 'replace',
        leaving: leaving.success ? leaving.data : undefined,
        text: queryText ?? '',
        skip: queryOptions?.skip ?? 0,
        top: queryOptions?.top ?? DEFAULT_TOP,
      }),
    );
    const results = page.results.map((m) => ({ title: candidateTitle(m), value: m.id }));
    return { status: 200, body: { type: SEARCH_RESPONSE_TYPE, value: { results } } };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    ctx.logger.warn({ activityType: 'invoke', invokeName: SEARCH_INVOKE, code: err.code }, 'search refused');
    recordTurnRefusal(ctx, context, err.code);
    return isInputProblem(err.code)
      ? problem(400, 'BadRequest', err.userMessage)
      : problem(403, 'Forbidden', err.userMessage);
  }
}

/**
 * Routes every `application/search` invoke here (an invoke route, so before the message routes; the dataset is
 * checked by zod, not by the route, so that a missing or foreign one gets a clear answer instead of the fallback's
 * 404). A search writes nothing but, when refused for access, the refusal's record (as every refusal); the typed text
 * is never logged.
 */
export function registerCandidateSearch(app: BotApplication, ctx: AppContext): void {
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === SEARCH_INVOKE,
    async (context) => {
      let result: InvokeAnswer;
      try {
        result = await answer(context, ctx);
      } catch (err) {
        ctx.logger.error(
          { activityType: 'invoke', invokeName: SEARCH_INVOKE, activityId: context.activity.id, err: errorFields(err) },
          'search failed',
        );
        result = problem(500, 'InternalError', TURN_ERROR_TEXT);
      }
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: result });
    },
    true,
  );
}
