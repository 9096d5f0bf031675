import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseVersion } from '../../../src/app/case-access.js';
import type { TestBot } from '../../support/start-test-bot.js';
import { allText, arnhemCase, cardOf, say, startCaseBot } from '../../teams/case-test-kit.js';

// The Teams adapter's mutable state is one object per bot, built in main.ts (teams-state.ts): two bots in one process
// share none of it. Each bot opens a case in its fresh database, with the same id and version (the cache key, with the
// viewer and day), so a card cache shared between them would answer bot B with the card bot A built.

describe('per-bot Teams state', () => {
  let a: TestBot;
  let b: TestBot;
  beforeAll(async () => {
    a = await startCaseBot();
    b = await startCaseBot();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  /** The card a bot's cache holds for lt-arn under the case's current stamp (case-cards-for.ts). */
  const cachedFor = (t: TestBot, ref: string) => {
    const { ctx } = t.bot;
    const current = findCaseVersion(ctx, ref)!;
    const stamp = `${current.version}@${ctx.calendar.localDate(ctx.clock.now())}`;
    return t.bot.teamsState.caseCards.get(current.id, 'lt-arn', stamp);
  };

  it('each bot has its own parts', () => {
    const [sa, sb] = [a.bot.teamsState, b.bot.teamsState];
    expect(sa).not.toBe(sb);
    expect(sa.caseCards).not.toBe(sb.caseCards);
    expect(sa.refreshAnswers).not.toBe(sb.refreshAnswers);
    expect(sa.handoverSyncs).not.toBe(sb.handoverSyncs);
    expect(sa.escalationSyncs).not.toBe(sb.escalationSyncs);
  });

  it('a case card served by bot A is in A’s cache only, and bot B builds its own', async () => {
    const inA = arnhemCase(a);
    const inB = arnhemCase(b);
    expect(inB.id).toBe(inA.id);
    expect(findCaseVersion(b.bot.ctx, inB.ref)?.version).toBe(findCaseVersion(a.bot.ctx, inA.ref)?.version);
    expect(a.bot.teamsState.caseCards.size).toBe(0);
    expect(b.bot.teamsState.caseCards.size).toBe(0);

    const shownByA = await say(a, 'lt-arn', `casus ${inA.ref}`);
    expect(allText(cardOf(shownByA[0]))).toContain(inA.ref);
    // The chat route used the state main.ts built for this bot, and bot B's cache did not get the card.
    expect(a.bot.teamsState.caseCards.size).toBe(1);
    expect(b.bot.teamsState.caseCards.size).toBe(0);
    const cardOfA = cachedFor(a, inA.ref);
    expect(cardOfA).toBeDefined();
    expect(cachedFor(b, inB.ref)).toBeUndefined();

    const shownByB = await say(b, 'lt-arn', `casus ${inB.ref}`);
    expect(allText(cardOf(shownByB[0]))).toContain(inB.ref);
    expect(b.bot.teamsState.caseCards.size).toBe(1);
    const cardOfB = cachedFor(b, inB.ref);
    expect(cardOfB).toBeDefined();
    // Built by bot B, not A's card served from a shared cache.
    expect(cardOfB).not.toBe(cardOfA);
    expect(cachedFor(a, inA.ref)).toBe(cardOfA);
  });
});
