import { pickOf } from '../../src/app/escalations/escalation-pick.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMember } from '../../src/app/change-membership.js';
import { recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { checkItem, missingRequiredItems, startHandover } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { digestItemsFor } from '../../src/app/run-daily-digest.js';
import { enqueueNotification } from '../../src/app/enqueue-notification.js';
import { escalationCard } from '../../src/adapters/teams/escalation/escalation-card.js';
import { escalationViewFor } from '../../src/adapters/teams/escalation/escalation-view-for.js';
import { recordEvent } from '../../src/app/record-event.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { cardAction, personalConversationId } from '../support/teams-activity.js';
import { invokeAnswer } from '../support/bot-answer.js';
import { DELIVERY_SIDE_EFFECTS, writtenState } from '../support/written-state.js';
import { startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import { allText, answerText, cardOf, person, press, say, type Who } from '../teams/case-test-kit.js';
import { install, liveClock, P } from '../teams/workflow-fixtures.js';

/*
 * The edges of need-to-know that the access matrix (access-matrix.test.ts) does not reach, over HTTP against the whole
 * bot with Teams-shaped activities:
 * 1. a worrying-conduct escalation (NEGLIGENT_CONDUCT) cannot be detected by the team it concerns: a forged card
 *    action with its real number answers exactly as one with a number no escalation has, and as on a twin case without
 *    any escalation; and no card, list, overview or export of theirs shows a trace of it;
 * 2. an id of another case (a term, a checklist, an escalation) pressed on a case's card finds nothing there;
 * 3. an old card pressed again after the state moved on never acts twice;
 * 4. a message queued in the evening for someone who leaves the case before the morning is not delivered to them;
 * 5. a redelivered activity that raises an escalation raises one.
 * (docs/behaviour.md "Escalations", "Who may see a case", "Working days and office hours"; README decisions.)
 */

const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };
const HIDDEN_QUESTION = 'Afspraken over huisbezoeken worden niet nagekomen.';
/** Anything that would betray a worrying-conduct escalation to someone outside its chain. */
const TRACES = ['NEGLIGENT', 'Verwijtbaar', 'Nalatig', 'zorgwekkend', 'huisbezoeken'];

// ---------------------------------------------------------------------------------------------------------------
// "Nothing written": every row of the cases involved, the non-read audit rows, the counts of what a step writes

const READS = ['case.viewed', 'handover.viewed', 'overview.viewed', 'access.refused', 'case.exported'];

const snapshot = (t: TestBot, caseIds: number[]) => writtenState(t, caseIds, READS);

// ---------------------------------------------------------------------------------------------------------------
// What a person gets back

interface Answer {
  status: number;
  statusCode: unknown;
  type: unknown;
  text: string;
}

const answerOf = (res: PostResult): Answer => {
  const { statusCode, type } = invokeAnswer(res);
  return { status: res.status, statusCode, type, text: answerText(res) };
};

const pressed = async (t: TestBot, who: Who, verb: string, data: Record<string, unknown>) =>
  answerOf(await press(t, who, verb, data));

/** The text of everything the bot answered to a chat message (cards as their strings). */
const chatText = async (t: TestBot, who: Who, text: string): Promise<string> => {
  const replies = await say(t, who, text);
  expect(replies.length, `an answer to "${text}"`).toBeGreaterThan(0);
  return replies.map((r) => (cardOf(r) ? allText(cardOf(r)) : allText(r))).join('\n');
};

const withoutTraces = (text: string) => {
  for (const trace of TRACES) expect(text, `"${trace}" in: ${text.slice(0, 400)}`).not.toContain(trace);
};

const count = (t: TestBot, sql: string, ...args: unknown[]): number =>
  (t.bot.database.sqlite.prepare(sql).get(...args) as { n: number }).n;

// ---------------------------------------------------------------------------------------------------------------

describe('1. a worrying-conduct escalation cannot be detected by the team it concerns', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00');
  let t: TestBot;
  let real: { id: number; ref: string };
  let twin: { id: number; ref: string };
  /** The views of the real case before the escalation was raised, by view. */
  const before: Record<string, string> = {};

  const VIEWERS = ['gi-arn', 'vt-arn', 'lead-gi-1'] as const;
  /** The views each viewer may have (a member: case, team, own cases, export; a lead: case, team, own cases, overview). */
  const views = (who: string, ref: string): Record<string, string> =>
    who.startsWith('lead-')
      ? { case: `casus ${ref}`, team: `team ${ref}`, mine: 'mijn casussen', overview: 'overzicht Arnhem' }
      : { case: `casus ${ref}`, team: `team ${ref}`, mine: 'mijn casussen', export: `casus ${ref} export` };

  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    clock.set('2026-06-02T10:00:00+02:00');
    const a = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    const b = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    real = { id: a.id, ref: a.ref };
    twin = { id: b.id, ref: b.ref };
    // The same looks at both cases (they are on record, and the export lists them).
    for (const who of VIEWERS)
      for (const [name, command] of Object.entries(views(who, real.ref)))
        if (name !== 'export') {
          before[`${who} ${name}`] = await chatText(t, who, command);
          await chatText(t, who, command.replace(real.ref, twin.ref));
        }
    // lt-arn is worried about the conduct of a colleague on this case: L1, with only lt-arn and lt-arn's lead.
    const e = raiseEscalation(t.bot.ctx, {
      by: 'lt-arn',
      caseRef: real.ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: HIDDEN_QUESTION,
    });
    expect([e.seq, e.level, e.participants]).toEqual([1, 'L1', ['lead-lt-arn', 'lt-arn']]);
    // And a second one, already decided by lt-arn's lead: its decision's term (owner lt-arn) is as hidden.
    const decided = raiseEscalation(t.bot.ctx, {
      by: 'lt-arn',
      caseRef: real.ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: HIDDEN_QUESTION,
    });
    recordDecision(t.bot.ctx, {
      by: 'lead-lt-arn',
      caseRef: real.ref,
      escalation: pickOf(decided),
      decision: 'Gesprek over de huisbezoeken.',
      owner: 'lt-arn',
      deadline: '2026-06-19',
      familyInformed: { informed: 'no' },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const VERBS: Record<string, (seq: number) => Record<string, unknown>> = {
    'escalation.withdraw': (seq) => ({ escalation: seq, reason: 'Opgelost in het overleg' }),
    'escalation.plan': (seq) => ({ escalation: seq, date: '2026-06-05' }),
    'escalation.raise': (seq) => ({ escalation: seq }),
    'escalation.decide': (seq) => ({
      escalation: seq,
      decision: 'Het Lokaal Team houdt de regie.',
      owner: 'gi-arn',
      deadline: '2026-06-19',
      familyInformed: 'no',
    }),
    'escalation.expertTeam': (seq) => ({ escalation: seq }),
    'escalation.reflect': (seq) => ({ escalation: seq, reflection: 'We hadden elkaar eerder moeten bellen.' }),
  };

  it.each(Object.keys(VERBS))(
    '%s with its real number answers as for no escalation at all, and writes nothing',
    async (verb) => {
      // A member, another member and the lead of a member; and the pilot coordinator, who may act on any escalation
      // of the case but not know of this one.
      for (const who of [...VIEWERS, 'coord-arn']) {
        const snap = snapshot(t, [real.id, twin.id]);
        // Number 1 is open, number 2 decided; 7 does not exist. Named as their cards do (the confidential series), in
        // the team's series, and without a series (as a card from before the series).
        for (const seq of [1, 2])
          for (const series of ['confidential', 'team', undefined]) {
            const data = (n: number) => ({ ...VERBS[verb]!(n), ...(series ? { series } : {}) });
            const hidden = await pressed(t, who, verb, { caseRef: real.ref, ...data(seq) });
            const missing = await pressed(t, who, verb, { caseRef: real.ref, ...data(7) });
            const none = await pressed(t, who, verb, { caseRef: twin.ref, ...data(seq) });
            const what = `${who} ${verb} ${series ?? 'no series'} #${seq}`;
            expect(hidden, `${what}: hidden vs. a number no escalation has`).toEqual(missing);
            expect(hidden, `${what}: hidden vs. a case without escalations`).toEqual({
              ...none,
              text: none.text.replaceAll(twin.ref, real.ref),
            });
            withoutTraces(hidden.text);
          }
        expect(snapshot(t, [real.id, twin.id]), `${who} ${verb} wrote`).toBe(snap);
      }
    },
  );

  it('its own participants do find it by that number (so the answers above are about a real escalation)', async () => {
    const snap = snapshot(t, [real.id, twin.id]);
    const a = await pressed(t, 'lead-lt-arn', 'escalation.plan', {
      caseRef: real.ref,
      ...VERBS['escalation.plan']!(1),
      series: 'confidential',
    });
    expect(a.text).toContain(real.ref);
    expect(a.text).toContain('Overleg gepland');
    expect(snapshot(t, [real.id, twin.id])).not.toBe(snap);
    // And what the checks below look for is there for them: the raiser's case card names it, the pilot coordinator's
    // overview counts it (as a number only).
    expect(await chatText(t, 'lt-arn', `casus ${real.ref}`)).toContain('Nalatig of zorgwekkend handelen');
    await chatText(t, 'lt-arn', `casus ${twin.ref}`); // the same look at the twin, for the exports below
    expect(await chatText(t, 'coord-arn', 'overzicht Arnhem')).toContain('L1 teamleiders: 1');
  });

  it("the team's case card, team card, own cases, overview and export show no trace of it", async () => {
    for (const who of VIEWERS) {
      for (const [name, command] of Object.entries(views(who, real.ref))) {
        if (name === 'export') continue;
        const text = await chatText(t, who, command);
        await chatText(t, who, command.replace(real.ref, twin.ref));
        withoutTraces(text);
        expect(text, `${who} ${name}: as before the escalation`).toBe(before[`${who} ${name}`]);
      }
    }
    // The export lists who looked (the same looks at both cases): the twin's export says the same, its reference, the
    // times of day and the file's upload id aside.
    const same = (s: string) =>
      s
        .replaceAll(twin.ref, real.ref)
        .replace(/\d{2}:\d{2}/g, '…')
        .replace(/\d{10,}/g, '#');
    for (const who of VIEWERS.filter((w) => !w.startsWith('lead-'))) {
      const text = await chatText(t, who, `casus ${real.ref} export`);
      const other = await chatText(t, who, `casus ${twin.ref} export`);
      withoutTraces(text);
      expect(same(text), `${who} export`).toBe(same(other));
    }
  });

  // Escalations are numbered per case in two series, the team's and the confidential one, so the hidden ones are not
  // counted in the team's numbers: before the series, the team's next escalation here was "Escalatie 3".
  it('an escalation the team raises afterwards is numbered as on a case without the hidden one', async () => {
    const start = { trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie spreekt de ouders aan?', orgs: '' };
    const onReal = await pressed(t, 'gi-arn', 'escalation.start', { caseRef: real.ref, ...start });
    const onTwin = await pressed(t, 'gi-arn', 'escalation.start', { caseRef: twin.ref, ...start });
    expect(onReal).toEqual({ ...onTwin, text: onTwin.text.replaceAll(twin.ref, real.ref) });
    expect(onReal.text).toContain(`Escalatie 1 · casus ${real.ref}`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Cases for items 2 and 3

interface Fixture {
  ref: string;
  id: number;
  /** T1, owned by vt-arn. */
  t1: number;
  /** H2 from lt-arn to vt-arn. */
  handoverId: number;
  /** H9 from gi-arn to vt-arn, nothing ticked (only with `h9`). */
  h9: number;
  /** The number of its last escalation (a dilemma raised by lt-arn for the whole team; vt-arn takes part). */
  seq: number;
  /** That escalation's row id. */
  escalationRowId: number;
}

/** Ticks every required item of a checklist, by the side each belongs to. */
function completeChecklist(t: TestBot, ref: string, handoverId: number): void {
  const ctx = t.bot.ctx;
  const h = ctx.store.handovers.byId(handoverId)!;
  for (const item of missingRequiredItems(ctx, h)) {
    const owner = ctx.handoverTemplates.itemsFor(h.moment).find((i) => i.id === item)!.owner;
    checkItem(ctx, {
      by: owner === 'receiver' ? h.toMember : h.fromMember,
      caseRef: ref,
      handoverId,
      item,
      ...(item === 'C3' ? { basis: 'consent' as const } : {}),
    });
  }
}

/** An Arnhem case of lt-arn with T1 (vt-arn), an H2 checklist lt-arn → vt-arn and one or more dilemmas. */
function openFixture(t: TestBot, opts: { escalations?: number; checklistDone?: boolean; h9?: boolean } = {}): Fixture {
  const ctx = t.bot.ctx;
  const c = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  recordEvent(ctx, { by: 'vt-arn', caseRef: c.ref, event: 'melding_received' });
  const handoverId = startHandover(ctx, { by: 'lt-arn', caseRef: c.ref, moment: 'H2', from: 'lt-arn', to: 'vt-arn' });
  if (opts.checklistDone) completeChecklist(t, c.ref, handoverId);
  const h9 = opts.h9
    ? startHandover(ctx, { by: 'gi-arn', caseRef: c.ref, moment: 'H9', from: 'gi-arn', to: 'vt-arn' })
    : 0;
  let e = { seq: 0, id: 0 };
  for (let i = 0; i < (opts.escalations ?? 1); i++)
    e = raiseEscalation(ctx, { by: 'lt-arn', caseRef: c.ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
  const t1 = ctx.store.timers.open(c.id, 'T1')[0]!.id;
  return { ref: c.ref, id: c.id, t1, handoverId, h9, seq: e.seq, escalationRowId: e.id };
}

type Data = Record<string, unknown>;
const T1_ACK = (timerId: number): Data => ({ timer: 'T1', timerId, step: 'remind' });
const T1_POSTPONE = (timerId: number): Data => ({ ...T1_ACK(timerId), until: '2026-06-12', reason: 'Wachten' });
const T1_COMPLETE = (timerId: number): Data => ({ ...T1_ACK(timerId), event: 'safety_assessment_done' });
const CHECK = (handoverId: number): Data => ({ handoverId, item: 'H9.1' });
const HANDOVER = (handoverId: number): Data => ({ handoverId });
const DECIDE = (escalation: number): Data => ({
  escalation,
  decision: 'Het Lokaal Team houdt de regie.',
  owner: 'vt-arn',
  deadline: '2026-06-19',
  familyInformed: 'no',
});
const WITHDRAW = (escalation: number): Data => ({ escalation, reason: 'Opgelost in het overleg' });
const PLAN = (escalation: number): Data => ({ escalation, date: '2026-06-05' });

const MISSING_REF = 'CG-ARN-2026-9999';
const NO_OPEN_ESCALATION = 'Er is geen open escalatie (meer) om te behandelen.';

describe('2 and 3: ids of another case, and old cards pressed again', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00');
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('2. an id of case B pressed on the card of case A finds nothing, and nothing changes on either', () => {
    let a: Fixture;
    let b: Fixture;
    beforeAll(() => {
      a = openFixture(t, { h9: true });
      // B: its H2 checklist complete (a forged accept would succeed on it), an H9 with nothing ticked, two escalations.
      b = openFixture(t, { escalations: 2, checklistDone: true, h9: true });
      expect(b.seq).toBe(2);
      expect(b.escalationRowId).toBeGreaterThan(1);
    });

    // vt-arn is on both teams, owns both T1 terms, receives every checklist and takes part in every escalation: were
    // an id looked up outside case A, she would be allowed to act on it. Case A has its own T1, checklists and
    // escalation 1, so an id that is ignored would act on A.
    const NONE = 999_999;
    const FORGED: Array<[string, string, (f: Fixture) => Data, (id: number) => Data]> = [
      ['timer.ack', 'timer.ack', (f) => T1_ACK(f.t1), T1_ACK],
      ['timer.postpone', 'timer.postpone', (f) => T1_POSTPONE(f.t1), T1_POSTPONE],
      ['timer.complete', 'timer.complete', (f) => T1_COMPLETE(f.t1), T1_COMPLETE],
      ['handover.check', 'handover.check', (f) => CHECK(f.h9), CHECK],
      ['handover.accept', 'handover.accept', (f) => HANDOVER(f.handoverId), HANDOVER],
      ['handover.view', 'handover.view', (f) => HANDOVER(f.handoverId), HANDOVER],
      ['escalation.decide, B’s number', 'escalation.decide', (f) => DECIDE(f.seq), DECIDE],
      ['escalation.decide, B’s row id', 'escalation.decide', (f) => DECIDE(f.escalationRowId), DECIDE],
      ['escalation.withdraw, B’s number', 'escalation.withdraw', (f) => WITHDRAW(f.seq), WITHDRAW],
      ['escalation.withdraw, B’s row id', 'escalation.withdraw', (f) => WITHDRAW(f.escalationRowId), WITHDRAW],
    ];

    it.each(FORGED)('%s: the answer for an id that does not exist', async (_name, verb, fromB, withId) => {
      const snap = snapshot(t, [a.id, b.id]);
      const forged = await pressed(t, 'vt-arn', verb, { caseRef: a.ref, ...fromB(b) });
      const none = await pressed(t, 'vt-arn', verb, { caseRef: a.ref, ...withId(NONE) });
      expect(snapshot(t, [a.id, b.id]), 'written').toBe(snap);
      expect(forged).toEqual(none);
      expect(forged.type, forged.text).toBe('application/vnd.microsoft.activity.message');
      expect(forged.text).not.toContain(b.ref);
    });

    it('the same ids on their own case B do act (so they are live)', async () => {
      for (const [verb, data] of [
        ['timer.ack', T1_ACK(b.t1)],
        ['handover.check', CHECK(b.h9)],
        ['handover.accept', HANDOVER(b.handoverId)],
        ['escalation.withdraw', WITHDRAW(b.seq)],
      ] as const) {
        const snap = snapshot(t, [b.id]);
        const res = await pressed(t, 'vt-arn', verb, { caseRef: b.ref, ...data });
        expect(res.text, verb).toContain(b.ref);
        expect(snapshot(t, [b.id]), `${verb} wrote nothing`).not.toBe(snap);
      }
    });
  });

  describe('3. an old card pressed again after the state moved on never acts twice', () => {
    /** Presses once (it must act), lets `meanwhile` move the state on, then presses the very same payload again. */
    async function replay(
      f: Fixture,
      who: string,
      verb: string,
      data: Data,
      acted: string,
      meanwhile: () => void | Promise<void> = () => undefined,
    ): Promise<Answer> {
      const payload = { caseRef: f.ref, ...data };
      const before = snapshot(t, [f.id]);
      const first = await pressed(t, who, verb, payload);
      expect(first.text, `${verb} first`).toContain(acted);
      expect(snapshot(t, [f.id]), `${verb} first wrote nothing`).not.toBe(before);
      await meanwhile();
      const snap = snapshot(t, [f.id]);
      const again = await pressed(t, who, verb, payload);
      expect(snapshot(t, [f.id]), `${verb} again wrote`).toBe(snap);
      expect(again.text, `${verb} again`).not.toContain(acted);
      return again;
    }

    it('(a) handover.accept after the checklist was accepted: "already done"', async () => {
      const f = openFixture(t, { checklistDone: true });
      const again = await replay(f, 'vt-arn', 'handover.accept', HANDOVER(f.handoverId), 'Overdracht geaccepteerd');
      expect(again.text).toContain('Deze overdracht is al afgerond.');
    });

    /** The escalation card as the bot renders it for `who` now: its buttons carry the data a press sends back. */
    const escalationButtons = (f: Fixture, who: string) => {
      const ctx = t.bot.ctx;
      const card = escalationCard(
        escalationViewFor(ctx, ctx.store.escalations.byId(f.escalationRowId)!, ctx.roster.member(who)!),
      );
      return executeActionsOf(card);
    };
    const button = (buttons: Array<{ verb: string; data: Data }>, verb: string): Data => {
      const found = buttons.find((b) => b.verb === verb);
      expect(found, `a ${verb} button`).toBeDefined();
      return found!.data;
    };
    /** An out-of-date escalation card is answered with the current card saying so, or with "no open escalation". */
    const outdated = (text: string) => text === NO_OPEN_ESCALATION || text.includes('dit is de huidige stand');

    it('(b) escalation.decide (and the other buttons of its card) after it was decided', async () => {
      const f = openFixture(t);
      const old = escalationButtons(f, 'vt-arn');
      const decide = { ...button(old, 'escalation.decide'), ...DECIDE(f.seq) };
      const again = await replay(f, 'vt-arn', 'escalation.decide', decide, 'Besluit vastgelegd');
      expect(outdated(again.text), again.text).toBe(true);
      const snap = snapshot(t, [f.id]);
      for (const [verb, inputs] of [
        ['escalation.withdraw', WITHDRAW(f.seq)],
        ['escalation.raise', {}],
        ['escalation.plan', PLAN(f.seq)],
      ] as const) {
        const res = await pressed(t, 'vt-arn', verb, { ...inputs, ...button(old, verb) });
        expect(outdated(res.text), `${verb}: ${res.text}`).toBe(true);
      }
      expect(snapshot(t, [f.id])).toBe(snap);
    });

    it('(b) "Ja, opschalen" pressed again on the card of the level it left does not raise it a second time', async () => {
      const f = openFixture(t);
      const old = escalationButtons(f, 'vt-arn'); // at L0
      await replay(f, 'vt-arn', 'escalation.raise', button(old, 'escalation.raise'), 'Opgeschaald naar');
      expect(t.bot.ctx.store.escalations.byId(f.escalationRowId)!.level).toBe('L1');
      // The decision form of that old card still decides: the escalation is open, and vt-arn takes part in it.
    });

    it('(c) timer.ack, postpone and complete on a term that ended, also while a new cycle of it runs', async () => {
      const f = openFixture(t);
      await replay(f, 'vt-arn', 'timer.ack', T1_ACK(f.t1), 'Opgepakt', () => {
        recordEvent(t.bot.ctx, { by: 'vt-arn', caseRef: f.ref, event: 'safety_assessment_done' });
      });
      // A new melding: a new T1 cycle of the same owner runs. The old card's buttons still name the old one.
      recordEvent(t.bot.ctx, { by: 'vt-arn', caseRef: f.ref, event: 'melding_received' });
      const cycle = t.bot.ctx.store.timers.open(f.id, 'T1')[0]!;
      expect(cycle.id).not.toBe(f.t1);
      const snap = snapshot(t, [f.id]);
      for (const [verb, data] of [
        ['timer.ack', T1_ACK(f.t1)],
        ['timer.postpone', T1_POSTPONE(f.t1)],
        ['timer.complete', T1_COMPLETE(f.t1)],
      ] as const) {
        const res = await pressed(t, 'vt-arn', verb, { caseRef: f.ref, ...data });
        expect(res.type, `${verb}: ${res.text}`).toBe('application/vnd.microsoft.activity.message');
      }
      expect(snapshot(t, [f.id])).toBe(snap);
      expect(t.bot.ctx.store.timers.byId(cycle.id)).toMatchObject({ acknowledgedAt: null, postponeCount: 0 });
    });

    it('(d) a removed member pressing the buttons of the cards she got before: "not found", nothing written', async () => {
      const f = openFixture(t); // gi-arn is on the team and takes part in escalation 1
      const received = [
        ...(await say(t, 'gi-arn', `casus ${f.ref}`)),
        ...(await say(t, 'gi-arn', `team ${f.ref}`)),
        ...(await say(t, 'gi-arn', `overdracht ${f.ref}`)),
      ].map((r) => cardOf(r));
      const buttons = received.flatMap((c) => executeActionsOf(c)).filter((b) => b.data.caseRef === f.ref);
      expect(buttons.map((b) => b.verb)).toEqual(expect.arrayContaining(['case.show', 'team.add', 'team.remove']));
      removeMember(t.bot.ctx, { by: 'lead-gi-1', caseRef: f.ref, member: 'gi-arn', reason: 'geen rol meer' });
      const presses: Array<{ verb: string; data: Data }> = [
        ...buttons,
        // Her own place back on the team, and the steps she could take before.
        { verb: 'team.add', data: { caseRef: f.ref, addMember: 'gi-arn', addReason: 'Ik hoor er weer bij' } },
        { verb: 'escalation.withdraw', data: { caseRef: f.ref, ...WITHDRAW(f.seq) } },
        { verb: 'escalation.decide', data: { caseRef: f.ref, ...DECIDE(f.seq) } },
        { verb: 'acute.report', data: { caseRef: f.ref } },
        { verb: 'acute.confirm', data: { caseRef: f.ref } },
        { verb: 'handover.view', data: { caseRef: f.ref, ...HANDOVER(f.handoverId) } },
      ];
      const snap = snapshot(t, [f.id]);
      for (const { verb, data } of presses) {
        const filled = { ...FORM_INPUTS, ...data };
        const res = await pressed(t, 'gi-arn', verb, filled);
        const none = await pressed(t, 'gi-arn', verb, { ...filled, caseRef: MISSING_REF });
        expect(res.text, `${verb} ${JSON.stringify(data)}`).toBe(NOT_FOUND_OR_NO_ACCESS);
        expect(res, verb).toEqual(none);
      }
      expect(snapshot(t, [f.id])).toBe(snap);
      expect(t.bot.ctx.store.cases.currentMembers(f.id).map((m) => m.memberId)).not.toContain('gi-arn');
    });
  });
});

/** What a person types into the forms of the case and team cards (the button's own data is laid over it). */
const FORM_INPUTS: Data = {
  event: 'activity',
  stage: 'LT_VOLUNTARY',
  closeReason: 'De hulp is afgerond.',
  addMember: 'gi-arn',
  addReason: 'Ik hoor er weer bij',
  replaceMember: 'vt-arn',
  replaceSuccessor: 'vt-doe',
  replaceReason: 'verlof',
  removeMember: 'vt-arn',
  removeReason: 'geen rol meer',
  coordinatorMember: 'gi-arn',
  coordinatorReason: 'overname',
  moment: 'H9',
  from: 'gi-arn',
  to: 'vt-arn',
  trigger: 'PROFESSIONAL_DILEMMA',
  question: 'Wie spreekt de ouders aan?',
  orgs: '',
};

/** Every Action.Execute on a card, also inside Action.ShowCard forms and action sets. */
function executeActionsOf(x: unknown): Array<{ verb: string; data: Data }> {
  if (Array.isArray(x)) return x.flatMap(executeActionsOf);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  const own =
    o.type === 'Action.Execute' && typeof o.verb === 'string'
      ? [{ verb: o.verb, data: (o.data as Data | undefined) ?? {} }]
      : [];
  return [...own, ...Object.values(o).flatMap(executeActionsOf)];
}

// ---------------------------------------------------------------------------------------------------------------

/** Waits until every delivery whose time has come is settled (sent, skipped as obsolete, or failed). */
async function settle(t: TestBot, clock: { now(): number }): Promise<void> {
  t.bot.ctx.onOutbox?.();
  const due = t.bot.database.sqlite.prepare(
    `SELECT count(*) AS n FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?`,
  );
  const deadline = Date.now() + 10_000;
  while ((due.get(clock.now()) as { n: number }).n > 0) {
    if (Date.now() > deadline) throw new Error('test: the outbox did not settle within 10 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('4. removed before delivery: what waited overnight for her is not delivered', () => {
  // Tuesday evening: what a step sends waits for 08:30 on Wednesday.
  const clock = liveClock('2026-06-02T19:00:00+02:00');
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(t, P.lt, P.vt, P.gi, P.rvdk);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const cardsTo = (p: typeof P.gi, since: number) =>
    t.connector
      .activitiesTo(personalConversationId(p))
      .slice(since)
      .map((a) => allText(cardOf(a) ?? a));

  it('an escalation card and a checklist queued for gi-arn; she is removed; in the morning she gets only that news', async () => {
    const ctx = t.bot.ctx;
    const since = Object.fromEntries(
      [P.lt, P.vt, P.gi, P.rvdk].map((p) => [
        p.aadObjectId,
        t.connector.activitiesTo(personalConversationId(p)).length,
      ]),
    );
    const c = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    // The raise reaches vt-arn, gi-arn and rvdk-arn; the checklist of H9 goes to its receiver gi-arn.
    raiseEscalation(ctx, { by: 'lt-arn', caseRef: c.ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    startHandover(ctx, { by: 'lt-arn', caseRef: c.ref, moment: 'H9', from: 'lt-arn', to: 'gi-arn' });
    await settle(t, clock);
    expect(cardsTo(P.gi, since[P.gi.aadObjectId]!), 'nothing in the evening').toEqual([]);
    expect(
      count(
        t,
        `SELECT count(*) AS n FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.case_id = ? AND d.recipient_id = 'gi-arn'`,
        c.id,
      ),
      'waiting for gi-arn',
    ).toBeGreaterThanOrEqual(2);

    clock.set('2026-06-02T20:00:00+02:00');
    removeMember(ctx, { by: 'lead-gi-1', caseRef: c.ref, member: 'gi-arn', reason: 'geen rol meer' });

    clock.set('2026-06-03T08:31:00+02:00');
    await settle(t, clock);
    const gi = cardsTo(P.gi, since[P.gi.aadObjectId]!);
    expect(gi, 'gi-arn: only her own removal').toHaveLength(1);
    expect(gi[0]).toContain(`Je zit niet meer in het casusteam van ${c.ref}`);
    for (const p of [P.vt, P.rvdk]) {
      const got = cardsTo(p, since[p.aadObjectId]!);
      expect(
        got.filter((x) => x.includes(c.ref) && x.includes('casusoverleg')),
        `${p.name}: the escalation`,
      ).toHaveLength(1);
      expect(
        got.filter((x) => x.includes(`Wissel in het casusteam van ${c.ref}`)),
        `${p.name}: the removal`,
      ).toHaveLength(1);
    }
  });

  it('a digest that waited lists only the cases she is still on; one with nothing left of hers is not delivered', async () => {
    const ctx = t.bot.ctx;
    clock.set('2026-06-03T19:00:00+02:00'); // Wednesday evening: the digest below waits for Thursday 08:30
    const since = t.connector.activitiesTo(personalConversationId(P.gi)).length;
    const sinceVt = t.connector.activitiesTo(personalConversationId(P.vt)).length;
    const stays = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    const leaves = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    for (const c of [stays, leaves])
      startHandover(ctx, { by: 'lt-arn', caseRef: c.ref, moment: 'H9', from: 'lt-arn', to: 'gi-arn' });
    startHandover(ctx, { by: 'lt-arn', caseRef: leaves.ref, moment: 'H1', from: 'lt-arn', to: 'vt-arn' });
    // The digests as the daily run makes them (its items then were both cases for gi-arn, one for vt-arn).
    const day = '2026-06-04';
    for (const who of ['gi-arn', 'vt-arn'] as const) {
      // Only the items of these two cases (the cases of the test above may still hold some of theirs).
      const items = digestItemsFor(ctx, who, day).filter((i) => i.caseId === stays.id || i.caseId === leaves.id);
      expect(items.length, `${who}: items in the digest`).toBeGreaterThan(0);
      enqueueNotification(ctx, { caseId: null, recipients: [who], payload: { kind: 'digest', day, items } });
    }
    clock.set('2026-06-03T20:00:00+02:00');
    removeMember(ctx, { by: 'lead-gi-1', caseRef: leaves.ref, member: 'gi-arn', reason: 'geen rol meer' });
    removeMember(ctx, { by: 'lead-vt-1', caseRef: leaves.ref, member: 'vt-arn', reason: 'geen rol meer' });

    clock.set('2026-06-04T08:31:00+02:00');
    await settle(t, clock);
    const digestsOf = (p: typeof P.gi, from: number) =>
      t.connector
        .activitiesTo(personalConversationId(p))
        .slice(from)
        .map((a) => allText(cardOf(a) ?? a))
        .filter((x) => x.includes('Jouw open punten'));
    const gi = digestsOf(P.gi, since);
    expect(gi, 'gi-arn: one digest').toHaveLength(1);
    expect(gi[0]).toContain(stays.ref);
    expect(gi[0]).not.toContain(leaves.ref);
    expect(digestsOf(P.vt, sinceVt), 'vt-arn: nothing of hers was left in it').toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('5. a redelivered activity that raises an escalation raises one', () => {
  // The acute alarm delivered twice is in redelivery.test.ts ("a button press delivered twice takes effect once").
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ clock: liveClock('2026-06-02T10:00:00+02:00'), scheduler: false, outbox: FAST });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('escalation.start delivered twice (same activity id): one escalation, one level, one set of messages', async () => {
    const c = openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
    const activity = cardAction(
      'escalation.start',
      { caseRef: c.ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie spreekt de ouders aan?', orgs: '' },
      { from: person(t, 'lt-arn'), serviceUrl: t.connector.url },
    );
    const first = answerOf(await t.post(activity));
    expect(first.text).toContain(c.ref);
    const outbox = count(
      t,
      `SELECT count(*) AS n FROM outbox WHERE case_id = ? AND kind NOT IN (${DELIVERY_SIDE_EFFECTS})`,
      c.id,
    );
    const second = answerOf(await t.post(activity));
    expect(second.text).toContain('Dit is al verwerkt.');
    expect(count(t, 'SELECT count(*) AS n FROM escalations WHERE case_id = ?', c.id)).toBe(1);
    expect(
      count(
        t,
        'SELECT count(*) AS n FROM escalation_levels l JOIN escalations e ON e.id = l.escalation_id WHERE e.case_id = ?',
        c.id,
      ),
    ).toBe(1);
    expect(
      count(t, `SELECT count(*) AS n FROM outbox WHERE case_id = ? AND kind NOT IN (${DELIVERY_SIDE_EFFECTS})`, c.id),
    ).toBe(outbox);
    expect(
      count(t, "SELECT count(*) AS n FROM audit_log WHERE case_id = ? AND action = 'escalation.raised'", c.id),
    ).toBe(1);
  });
});
