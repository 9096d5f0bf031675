import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_IN_ROSTER_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import type { CaseRecord } from '../../src/domain/records.js';
import { invokeMessage } from '../support/bot-answer.js';
import type { PostResult, TestBot } from '../support/start-test-bot.js';
import {
  allText,
  answerText,
  cardOf,
  arnhemCase,
  auditOf,
  CARD_TYPE,
  MESSAGE_TYPE,
  press,
  say,
  startCaseBot,
  STRANGER,
  teamOf,
  type Who,
} from './case-test-kit.js';

// Need-to-know (docs/behaviour.md, Handovers): a case is visible to its current members, their team leads and pilot coordinators.
// Anyone else gets exactly the answer for a reference that does not exist, and nothing about the case.

const MISSING_REF = 'CG-ARN-2026-9999';

/** Every way to ask for or act on a case, each as one turn; returns the text the person got to see. */
type Probe = (t: TestBot, who: Who, ref: string) => Promise<{ text: string; res?: PostResult }>;
/** What a chat reply shows: its card's text, or its text. */
const shown = (reply: Record<string, unknown> | undefined): string =>
  cardOf(reply) ? allText(cardOf(reply)) : String(reply?.text);
const chat =
  (command: string): Probe =>
  async (t, who, ref) => {
    const replies = await say(t, who, `${command} ${ref}`);
    expect(replies).toHaveLength(1);
    return { text: shown(replies[0]) };
  };
const card =
  (verb: string, data: Record<string, unknown>): Probe =>
  async (t, who, ref) => {
    const res = await press(t, who, verb, { caseRef: ref, ...data });
    expect(res.status).toBe(200);
    return { text: answerText(res), res };
  };

const PROBES: Array<[string, Probe]> = [
  ['casus <ref>', chat('casus')],
  ['case <ref>', chat('case')],
  ['team <ref>', chat('team')],
  ['case.show', card('case.show', {})],
  ['team.show', card('team.show', {})],
  ['team.add', card('team.add', { addMember: 'gw-lt-ren', addReason: 'meekijken' })],
  [
    'team.replace',
    card('team.replace', { replaceMember: 'lt-arn', replaceSuccessor: 'lt-ren', replaceReason: 'overname' }),
  ],
  ['team.remove', card('team.remove', { removeMember: 'vt-arn', removeReason: 'klaar' })],
  ['team.setCoordinator', card('team.setCoordinator', { coordinatorMember: 'gi-arn', coordinatorReason: 'overname' })],
  ['case.recordEvent', card('case.recordEvent', { event: 'activity' })],
  ['case.setStage', card('case.setStage', { stage: 'LT_VOLUNTARY' })],
  ['case.close', card('case.close', {})],
  ['case.closeConfirm', card('case.closeConfirm', { closeReason: 'klaar' })],
];

describe('need-to-know on every case command and card action', () => {
  let t: TestBot;
  let c: CaseRecord;
  beforeAll(async () => {
    t = await startCaseBot();
    c = arnhemCase(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const secrets = () => [c.ref, 'Arnhem', 'Pien Meijer', 'Sem Jansen', 'Roos de Graaf', 'Tess de Groot', 'Casusteam'];

  describe.each(PROBES)('%s', (_name, probe) => {
    it('a roster professional who is not on the case (lt-ren) gets exactly the "not found" answer, as for a reference that does not exist', async () => {
      const auditBefore = auditOf(t, c.id).length;
      const hidden = await probe(t, 'lt-ren', c.ref);
      const missing = await probe(t, 'lt-ren', MISSING_REF);
      expect(hidden.text).toBe(NOT_FOUND_OR_NO_ACCESS);
      expect(missing.text).toBe(hidden.text);
      if (hidden.res)
        expect(hidden.res.body).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: NOT_FOUND_OR_NO_ACCESS });
      for (const s of secrets()) expect(hidden.text).not.toContain(s);
      expect(auditOf(t, c.id)).toHaveLength(auditBefore);
      expect(teamOf(t, c.id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn']);
      expect(t.bot.ctx.store.cases.byId(c.id)).toMatchObject({
        stage: 'SIGNAL',
        closedAt: null,
        coordinatorId: 'lt-arn',
      });
    });

    it('someone who is not in the roster gets only the "not in the roster" answer', async () => {
      const { text } = await probe(t, STRANGER, c.ref);
      expect(text).toBe(NOT_IN_ROSTER_TEXT);
    });
  });

  it.each([
    ['a member', 'lt-arn'],
    ['the team lead of a member', 'lead-lt-arn'],
    ['a pilot coordinator', 'coord-arn'],
  ])('%s (%s) sees the case card and the team card, by chat and on the card', async (_label, who) => {
    for (const [command, heading] of [
      ['casus', `Casus ${c.ref}`],
      ['team', `Casusteam ${c.ref}`],
    ] as const) {
      expect(shown((await say(t, who, `${command} ${c.ref}`))[0])).toContain(heading);
    }
    for (const [verb, heading] of [
      ['case.show', `Casus ${c.ref}`],
      ['team.show', `Casusteam ${c.ref}`],
    ] as const) {
      const res = await press(t, who, verb, { caseRef: c.ref });
      expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
      expect(answerText(res)).toContain(heading);
    }
  });

  it('members, team leads and pilot coordinators may act within their rights', async () => {
    const own = arnhemCase(t);
    // a member adds a colleague
    expect(
      (await press(t, 'lt-arn', 'team.add', { caseRef: own.ref, addMember: 'lt-arn-2', addReason: 'tweede consulent' }))
        .body,
    ).toMatchObject({ type: CARD_TYPE });
    // the team lead of a member takes that member off the case
    expect(
      (
        await press(t, 'lead-lt-arn', 'team.remove', {
          caseRef: own.ref,
          removeMember: 'lt-arn-2',
          removeReason: 'capaciteit',
        })
      ).body,
    ).toMatchObject({ type: CARD_TYPE });
    // a pilot coordinator replaces a member
    expect(
      (
        await press(t, 'coord-arn', 'team.replace', {
          caseRef: own.ref,
          replaceMember: 'vt-arn',
          replaceSuccessor: 'vt-doe',
          replaceReason: 'verlof',
        })
      ).body,
    ).toMatchObject({ type: CARD_TYPE });
    expect(teamOf(t, own.id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-doe']);
  });

  it('a team lead who sees the case may act on it (the fallback owner must be able to act on a nudge)', async () => {
    const res = await press(t, 'lead-lt-arn', 'case.recordEvent', { caseRef: c.ref, event: 'activity' });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    const recorded = t.bot.ctx.store.cases.events(c.id).filter((e) => e.event === 'activity');
    expect(recorded.map((e) => e.by)).toContain('lead-lt-arn');
    // A lead of another municipality sees nothing and changes nothing.
    const other = await press(t, 'lead-lt-doe', 'case.recordEvent', { caseRef: c.ref, event: 'activity' });
    expect(invokeMessage(other)).toBe(NOT_FOUND_OR_NO_ACCESS);
    expect(
      t.bot.ctx.store.cases
        .events(c.id)
        .filter((e) => e.event === 'activity')
        .map((e) => e.by),
    ).toEqual(recorded.map((e) => e.by));
  });

  it('whoever leaves the case stops seeing it at once', async () => {
    const own = arnhemCase(t);
    const res = await press(t, 'rvdk-arn', 'team.remove', {
      caseRef: own.ref,
      removeMember: 'rvdk-arn',
      removeReason: 'geen rol meer',
    });
    expect(res.body).toMatchObject({
      type: MESSAGE_TYPE,
      value: expect.stringContaining('Je zit niet meer in dit casusteam'),
    });
    expect(shown((await say(t, 'rvdk-arn', `casus ${own.ref}`))[0])).toBe(NOT_FOUND_OR_NO_ACCESS);
  });
});
