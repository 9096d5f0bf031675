import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runTick } from '../../src/app/run-tick.js';
import { userRefKey } from '../../src/adapters/teams/conversation-ref-keys.js';
import { cardAction, type Person } from '../support/teams-activity.js';
import { cardAs, invokeCard as cardAnswer, invokeMessage, sentActivity } from '../support/bot-answer.js';
import { startTestBot, type PostResult, type TestBot } from '../support/start-test-bot.js';
import { allText, person, say } from './case-test-kit.js';
import { cardOf, install, liveClock, P } from './workflow-fixtures.js';

// "The team sees what stalls", as Teams shows it: activities POSTed to the running bot, proactive cards recorded by the
// fake Bot Connector. Every expected recipient and date below is worked out from docs/behaviour.md ("Who is told
// what", "Timers", "Escalations", "Acute danger") and the README's "Decisions", not read back from the code.
//
// The Arnhem team of db/seed/demo-roster.json: lt-arn Pien Meijer (LT, lead lead-lt-arn Olaf Vermeulen), vt-arn Roos de
// Graaf (VT, lead lead-vt-1 Carla Dekker), gi-arn Sem Jansen (GI, lead lead-gi-1 Gijs Dijkstra), rvdk-arn Tess de Groot
// (Raad, lead lead-rvdk-1 Kim van der Meer); gi-arn-2 Rik Mulder is another jeugdbeschermer. The table's secretary jbt-cg joins a case only at a JBT stage.
// June 2026 has no public holidays; Tue 2026-06-02 is the first day of every story.

const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };
const CASE_REF = /CG-ARN-\d{4}-\d{4,}/;

type Card = Record<string, unknown>;
type Clock = ReturnType<typeof liveClock>;
interface Sent {
  to: string;
  card: Card;
  summary: unknown;
}
interface Button {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { actions?: Button[] };
}

/** One bot per describe: no cron (the test moves the clock and runs the tick), no outbox pacing. */
function botAt(iso: string) {
  const clock = liveClock(iso);
  const h = { clock, t: undefined as unknown as TestBot };
  beforeAll(async () => {
    h.t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(h.t, P.lt, P.vt, P.gi, P.rvdk); // the leads and gi-arn-2 get a chat created on demand
  });
  afterAll(async () => {
    await h.t?.stop();
  });
  return h;
}

/** Waits until every delivery whose time has come is settled (sent, skipped as obsolete, or failed). */
async function settle(t: TestBot, clock: Clock): Promise<void> {
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

/** The scheduler's tick at a moment (timer steps, escalation steps, acute follow-ups), then delivery. */
async function tickAt(t: TestBot, clock: Clock, iso: string): Promise<void> {
  clock.set(iso);
  runTick(t.bot.ctx);
  await settle(t, clock);
}

/** Everything the fake connector received since request number `since`, by roster id of the chat it went to. */
function sentSince(t: TestBot, since: number): Sent[] {
  const owners = new Map<string, string>();
  for (const m of t.bot.ctx.roster.members) {
    if (!m.aadObjectId) continue;
    const ref = t.bot.ctx.conversations.get(userRefKey(m.aadObjectId)) as
      { conversation?: { id?: string } } | undefined;
    if (ref?.conversation?.id) owners.set(ref.conversation.id, m.id);
  }
  return t.connector.requests.slice(since).flatMap((r) => {
    // Proactive messages carry a notification preview (`summary`); the answers to a chat turn do not.
    if (r.method !== 'POST' || r.status !== 200 || !r.conversationId) return [];
    const { summary } = sentActivity(r);
    const card = typeof summary === 'string' ? cardOf(r.body) : undefined;
    if (!card) return [];
    return [{ to: owners.get(r.conversationId) ?? r.conversationId, card, summary }];
  });
}

const having = (sent: Sent[], ...needles: string[]): Sent[] =>
  sent.filter((s) => needles.every((n) => allText(s.card).includes(n)));
/** Who got a card with all the needles, sorted, once per card (a person told twice appears twice). */
const whoGot = (sent: Sent[], ...needles: string[]): string[] =>
  having(sent, ...needles)
    .map((s) => s.to)
    .sort();
const cardFor = (sent: Sent[], to: string, ...needles: string[]): Card => {
  const found = having(sent, ...needles).filter((s) => s.to === to);
  expect(found, `one card for ${to} with ${needles.join(' + ')}`).toHaveLength(1);
  return found[0]!.card;
};

const buttonsOf = (card: Card): Button[] => (card.actions as Button[] | undefined) ?? [];
/** Every Action.Execute verb on the card, also the submit buttons inside Action.ShowCard forms. */
const verbsOf = (card: Card): string[] =>
  buttonsOf(card).flatMap((b) => (b.type === 'Action.ShowCard' ? (b.card?.actions ?? []) : [b]).map((a) => a.verb!));
const FactSets = z.object({
  body: z.array(
    z.object({ type: z.string(), facts: z.array(z.object({ title: z.string(), value: z.string() })).optional() }),
  ),
});
const factsOf = (card: Card): Record<string, string> =>
  Object.fromEntries(
    cardAs(card, FactSets)
      .body.filter((e) => e.type === 'FactSet')
      .flatMap((e) => e.facts!.map((f) => [f.title, f.value])),
  );

/** What a reader sees on a card: texts, facts, button titles, form labels and choices (not sizes and colours). */
function visibleText(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(visibleText);
  if (!x || typeof x !== 'object') return [];
  const e = x as Record<string, unknown>;
  const own = [e.text, e.title, e.label].filter((v): v is string => typeof v === 'string');
  const facts = ((e.facts as Array<{ title: string; value: string }> | undefined) ?? []).flatMap((f) => [
    f.title,
    f.value,
  ]);
  // Choices show their titles; their values are roster ids, sent back with the form.
  const inner = [e.body, e.items, e.choices, e.actions, e.card];
  return [...own, ...facts, ...inner.flatMap(visibleText)];
}

/**
 * No family data: once the case reference, the dates, the term codes and the names of roster members are taken out,
 * no digit, no e-mail address and no other "(fictief)" person is left in what the card (and its preview) says.
 */
function expectWorkDataOnly(t: TestBot, s: Sent, allowed: string[]): void {
  let rest = [...visibleText(s.card), String(s.summary)].join('\n');
  for (const a of allowed) rest = rest.split(a).join('');
  for (const m of t.bot.ctx.roster.members) rest = rest.split(m.name).join('');
  expect(rest).not.toMatch(/\d/);
  expect(rest).not.toContain('@');
  expect(rest).not.toContain('fictief');
}

/** The card of an invoke answer, as a record like the cards the connector received (cardOf). */
const invokeCard = (res: PostResult): Card => cardAnswer(res, z.record(z.unknown()));

/** Presses an Action.Execute button as Teams sends it: the button's own data (plus any form inputs). */
const press = (t: TestBot, who: string | Person, verb: string, data: Record<string, unknown>) =>
  t.post(
    cardAction(verb, data, {
      from: typeof who === 'string' ? person(t, who) : who,
      serviceUrl: t.connector.url,
    }),
  );
const pressButton = (t: TestBot, who: string, card: Card, title: string) => {
  const b = buttonsOf(card).find((x) => x.title === title);
  expect(b, `button "${title}"`).toBeDefined();
  return press(t, who, b!.verb!, b!.data ?? {});
};

/** `casus nieuw Arnhem` in the person's 1:1 chat; the reference from the case card it answers with. */
async function openByChat(t: TestBot, by = 'lt-arn'): Promise<{ ref: string; id: number }> {
  const replies = await say(t, by, 'casus nieuw Arnhem');
  const ref = CASE_REF.exec(allText(replies))?.[0];
  if (!ref) throw new Error('test: no case reference in the answer to "casus nieuw Arnhem"');
  return { ref, id: t.bot.ctx.store.cases.byRef(ref)!.id };
}

const recordEvent = async (t: TestBot, by: string, caseRef: string, fields: Record<string, unknown>) => {
  const res = await press(t, by, 'case.recordEvent', { caseRef, ...fields });
  expect(allText(invokeCard(res))).toContain('Vastgelegd:');
  return res;
};

const ARNHEM_TEAM = ['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn'];
const ARNHEM_LEADS = ['lead-gi-1', 'lead-lt-arn', 'lead-rvdk-1', 'lead-vt-1'];

describe('overdue: the owner and their lead act, the rest of the team sees the status', () => {
  const h = botAt('2026-06-02T10:00:00+02:00'); // Tue
  let t1Case: string;
  let t6Case: string;
  let sent: Sent[];

  beforeAll(async () => {
    const { t, clock } = h;
    t1Case = (await openByChat(t)).ref;
    await recordEvent(t, 'vt-arn', t1Case, { event: 'melding_received' });
    t6Case = (await openByChat(t)).ref;
    await recordEvent(t, 'rvdk-arn', t6Case, { event: 'measure_pronounced', measure: 'OTS', months: '12' });
    await settle(t, clock);
    // T1 and T6 (5 wd from Tue 06-02): Wed 3, Thu 4, Fri 5, Mon 8, Tue 9 → due Tue 06-09; remind (1 wd before) Mon
    // 06-08; overdue on the first working day after the due date, Wed 06-10 at 08:30.
    await tickAt(t, clock, '2026-06-08T08:30:00+02:00');
    const since = t.connector.requests.length;
    await tickAt(t, clock, '2026-06-10T08:30:00+02:00');
    sent = sentSince(t, since);
  });

  it('T1: the VT member and her lead get the action card, LT, GI and the Raad the status card, nobody else', () => {
    expect(whoGot(sent, t1Case, 'timer.ack')).toEqual(['lead-vt-1', 'vt-arn']);
    expect(whoGot(sent, t1Case, 'Verlopen in jouw casus')).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn']);
    expect(whoGot(sent, t1Case)).toEqual(['gi-arn', 'lead-vt-1', 'lt-arn', 'rvdk-arn', 'vt-arn']);
  });

  it('T1 action card: pick it up, postpone, or record the safety assessment', () => {
    for (const who of ['vt-arn', 'lead-vt-1']) {
      const card = cardFor(sent, who, t1Case, 'timer.ack');
      expect(allText(card)).toContain('Termijn: Veiligheidsbeoordeling Veilig Thuis');
      expect(allText(card)).toContain('Deze termijn is verstreken.');
      expect(verbsOf(card)).toEqual(['timer.ack', 'timer.postpone', 'timer.complete']);
      const complete = buttonsOf(card).find((b) => b.verb === 'timer.complete')!;
      expect(complete.data).toMatchObject({
        caseRef: t1Case,
        timer: 'T1',
        step: 'overdue',
        event: 'safety_assessment_done',
      });
      expect(allText(card)).not.toContain('Verlopen in jouw casus');
      const s = having(sent, t1Case, 'timer.ack').find((x) => x.to === who)!;
      expectWorkDataOnly(h.t, s, [t1Case, 'di 9 jun 2026', '(T1)', 'maximaal 10 werkdagen']);
    }
  });

  it('T1 status card: what is late since when and who owns it, one "Casus bekijken" button, no family data', () => {
    for (const who of ['lt-arn', 'gi-arn', 'rvdk-arn']) {
      const s = having(sent, t1Case, 'Verlopen in jouw casus').find((x) => x.to === who)!;
      const text = allText(s.card);
      expect(text).toContain('Verlopen in jouw casus: Veiligheidsbeoordeling Veilig Thuis');
      expect(text).toContain('Deze termijn is verlopen: hij liep af op di 9 jun 2026 en is nog niet afgerond.');
      expect(text).toContain('Roos de Graaf (fictief) is aan zet.');
      expect(factsOf(s.card)).toEqual({
        Casus: t1Case,
        Gemeente: 'Arnhem',
        Termijn: 'Veiligheidsbeoordeling Veilig Thuis (T1)',
        Uiterlijk: 'di 9 jun 2026',
        Eigenaar: 'Roos de Graaf (fictief)',
      });
      expect(buttonsOf(s.card)).toEqual([
        {
          type: 'Action.Execute',
          title: 'Casus bekijken',
          verb: 'case.show',
          data: { caseRef: t1Case },
          associatedInputs: 'none',
        },
      ]);
      expect(text).not.toContain('timer.ack');
      expect(text).not.toContain('timer.postpone');
      expect(text).not.toContain('timer.complete');
      expectWorkDataOnly(h.t, s, [t1Case, 'wo 10 jun 2026', 'di 9 jun 2026', '(T1)']);
    }
  });

  it('T6: the jeugdbeschermer and his lead act; LT, VT and the Raad see the status with his name', () => {
    expect(whoGot(sent, t6Case, 'timer.ack')).toEqual(['gi-arn', 'lead-gi-1']);
    expect(whoGot(sent, t6Case, 'Verlopen in jouw casus')).toEqual(['lt-arn', 'rvdk-arn', 'vt-arn']);
    const action = cardFor(sent, 'lead-gi-1', t6Case, 'timer.ack');
    expect(verbsOf(action)).toEqual(['timer.ack', 'timer.postpone', 'timer.complete']);
    expect(allText(action)).toContain('jeugdbeschermer_assigned');
    const actionSent = having(sent, t6Case, 'timer.ack').find((x) => x.to === 'lead-gi-1')!;
    expectWorkDataOnly(h.t, actionSent, [t6Case, 'di 9 jun 2026', '(T6)', 'maximaal 10 werkdagen']);
    const s = having(sent, t6Case, 'Verlopen in jouw casus').find((x) => x.to === 'vt-arn')!;
    expect(allText(s.card)).toContain('Verlopen in jouw casus: Jeugdbeschermer toegewezen');
    expect(allText(s.card)).toContain(
      'Deze termijn is verlopen: hij liep af op di 9 jun 2026 en is nog niet afgerond.',
    );
    expect(factsOf(s.card).Eigenaar).toBe('Sem Jansen (fictief)');
    expect(verbsOf(s.card)).toEqual(['case.show']);
    expectWorkDataOnly(h.t, s, [t6Case, 'wo 10 jun 2026', 'di 9 jun 2026', '(T6)']);
  });

  it('T12 (H5, Raad → GI): the sender, the receiver and both leads act; LT and VT see the status', async () => {
    // H5 opened with the measure on Tue 06-02; T12 (10 wd) is due Tue 06-16 and late on Wed 06-17.
    for (const day of ['11', '12', '15', '16']) await tickAt(h.t, h.clock, `2026-06-${day}T08:30:00+02:00`);
    const since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-17T08:30:00+02:00');
    const late = sentSince(h.t, since);
    expect(whoGot(late, t6Case, 'Warme overdracht afgerond', 'handover.view')).toEqual([
      'gi-arn',
      'lead-gi-1',
      'lead-rvdk-1',
      'rvdk-arn',
    ]);
    expect(whoGot(late, t6Case, 'Verlopen in jouw casus: Warme overdracht afgerond')).toEqual(['lt-arn', 'vt-arn']);
    // The action card of a checklist term opens the checklist instead of recording an event. The term's owner (the
    // sender) and their lead may also pick it up and postpone it; the receiver's side only opens the checklist (they
    // may not postpone someone else's term).
    expect(verbsOf(cardFor(late, 'rvdk-arn', t6Case, 'Warme overdracht afgerond'))).toEqual([
      'timer.ack',
      'timer.postpone',
      'handover.view',
    ]);
    expect(verbsOf(cardFor(late, 'lead-rvdk-1', t6Case, 'Warme overdracht afgerond'))).toEqual([
      'timer.ack',
      'timer.postpone',
      'handover.view',
    ]);
    expect(verbsOf(cardFor(late, 'gi-arn', t6Case, 'Warme overdracht afgerond'))).toEqual(['handover.view']);
    expect(verbsOf(cardFor(late, 'lead-gi-1', t6Case, 'Warme overdracht afgerond'))).toEqual(['handover.view']);
    const status = having(late, t6Case, 'Verlopen in jouw casus').find((x) => x.to === 'vt-arn')!;
    expect(allText(status.card)).toContain(
      'Deze termijn is verlopen: hij liep af op di 16 jun 2026 en is nog niet afgerond.',
    );
    expect(factsOf(status.card).Eigenaar).toBe('Tess de Groot (fictief)');
    expect(verbsOf(status.card)).toEqual(['case.show']);
  });
});

describe('team messages: who joined, who took over, who holds regie, what was decided', () => {
  const h = botAt('2026-06-02T10:00:00+02:00'); // Tue, office hours: everything goes out at once
  let ref: string;
  let since = 0;
  const step = async (action: () => Promise<unknown>): Promise<Sent[]> => {
    since = h.t.connector.requests.length;
    await action();
    await settle(h.t, h.clock);
    return sentSince(h.t, since);
  };

  it('opening: every member of the new team but the opener is told, with a "Casus bekijken" button', async () => {
    let opened = { ref: '', id: 0 };
    const sent = await step(async () => (opened = await openByChat(h.t, 'lt-arn')));
    ref = opened.ref;
    expect(whoGot(sent, `Je bent toegevoegd aan casus ${ref} (Arnhem)`)).toEqual(['gi-arn', 'rvdk-arn', 'vt-arn']);
    expect(whoGot(sent)).toEqual(['gi-arn', 'rvdk-arn', 'vt-arn']); // not the opener, not the leads
    const card = cardFor(sent, 'rvdk-arn', 'Je bent toegevoegd');
    expect(allText(card)).toContain('Pien Meijer (fictief) (Stichting Wijkteams Arnhem) heeft de casus geopend');
    expect(verbsOf(card)).toEqual(['case.show']);
  });

  it('a GI replacement: the team hears who takes over from whom; the leaver and successor get the H6 checklist', async () => {
    const sent = await step(async () =>
      invokeCard(
        await press(h.t, 'lead-gi-1', 'team.replace', {
          caseRef: ref,
          replaceMember: 'gi-arn',
          replaceSuccessor: 'gi-arn-2',
          replaceReason: 'ouderschapsverlof',
        }),
      ),
    );
    const line =
      'Rik Mulder (fictief) (Jeugdbescherming Gelderland) neemt het over van Sem Jansen (fictief) (Jeugdbescherming Gelderland).';
    // Every current member except the successor (who has the handover); the leaver is not told separately.
    expect(whoGot(sent, line)).toEqual(['lt-arn', 'rvdk-arn', 'vt-arn']);
    expect(whoGot(sent, 'handover.')).toEqual(['gi-arn', 'gi-arn-2']);
    expect(whoGot(sent)).toEqual(['gi-arn', 'gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']); // not the lead who did it
    expect(allText(cardFor(sent, 'vt-arn', line))).toContain('Vastgelegd door Gijs Dijkstra (fictief)');
  });

  it('regie handed over on the team card: every current member but the one who handed it over', async () => {
    const sent = await step(async () =>
      invokeCard(
        await press(h.t, 'lt-arn', 'team.setCoordinator', {
          caseRef: ref,
          coordinatorMember: 'vt-arn',
          coordinatorReason: 'Veilig Thuis houdt de veiligheidsafspraken bij',
        }),
      ),
    );
    expect(whoGot(sent, `Casusregie van ${ref}`)).toEqual(['gi-arn-2', 'rvdk-arn', 'vt-arn']);
    expect(whoGot(sent)).toEqual(['gi-arn-2', 'rvdk-arn', 'vt-arn']);
    const regie = allText(cardFor(sent, 'rvdk-arn', 'Casusregie van'));
    expect(regie).toContain('De casusregie ligt nu bij Roos de Graaf (fictief) (Veilig Thuis Gelderland-Midden).');
    expect(regie).toContain('Eerder lag die bij Pien Meijer (fictief) (Stichting Wijkteams Arnhem).');
  });

  it('a decision: the participants, every case professional and its owner hear it, not the one who decided', async () => {
    // A dilemma between LT and VT: the participants are lt-arn and vt-arn; GI and the Raad are case professionals
    // outside it, and the decision's owner is the GI member.
    await step(async () =>
      invokeCard(
        await press(h.t, 'lt-arn', 'escalation.start', {
          caseRef: ref,
          trigger: 'PROFESSIONAL_DILEMMA',
          orgs: 'LT,VT',
          question: 'Wie bespreekt het veiligheidsplan met school?',
        }),
      ),
    );
    const seq = h.t.bot.ctx.store.escalations.ofCase(h.t.bot.ctx.store.cases.byRef(ref)!.id).at(-1)!.seq;
    const sent = await step(async () =>
      invokeCard(
        await press(h.t, 'vt-arn', 'escalation.decide', {
          caseRef: ref,
          escalation: seq,
          decision: 'De jeugdbeschermer bespreekt het veiligheidsplan met school',
          owner: 'gi-arn-2',
          deadline: '2026-06-19',
          familyInformed: 'yes',
          familyInformedOn: '2026-06-02',
        }),
      ),
    );
    expect(whoGot(sent, `Besluit over casus ${ref}`)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn']);
    expect(whoGot(sent)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn']);
    const text = allText(cardFor(sent, 'rvdk-arn', 'Besluit over'));
    expect(text).toContain('Besluit: De jeugdbeschermer bespreekt het veiligheidsplan met school');
    expect(text).toContain('Uitvoering: Rik Mulder (fictief) (Jeugdbescherming Gelderland), uiterlijk vr 19 jun 2026.');
    expect(text).toContain('Gezin geïnformeerd: ja, op 2 juni 2026.');
    expect(text).toContain('Vastgelegd door Roos de Graaf (fictief)');
  });

  it('a decision without informing the family says "nee"', async () => {
    await step(async () =>
      invokeCard(
        await press(h.t, 'lt-arn', 'escalation.start', {
          caseRef: ref,
          trigger: 'PROFESSIONAL_DILEMMA',
          orgs: 'LT,VT',
          question: 'Wie houdt contact met de huisarts?',
        }),
      ),
    );
    const seq = h.t.bot.ctx.store.escalations.ofCase(h.t.bot.ctx.store.cases.byRef(ref)!.id).at(-1)!.seq;
    const sent = await step(async () =>
      invokeCard(
        await press(h.t, 'lt-arn', 'escalation.decide', {
          caseRef: ref,
          escalation: seq,
          decision: 'Veilig Thuis houdt contact met de huisarts',
          owner: 'vt-arn',
          deadline: '2026-06-12',
          familyInformed: 'no',
        }),
      ),
    );
    expect(whoGot(sent, `Besluit over casus ${ref}`)).toEqual(['gi-arn-2', 'rvdk-arn', 'vt-arn']);
    const text = allText(cardFor(sent, 'vt-arn', 'Besluit over'));
    expect(text).toContain(
      'Uitvoering: Roos de Graaf (fictief) (Veilig Thuis Gelderland-Midden), uiterlijk vr 12 jun 2026.',
    );
    expect(text).toContain('Gezin geïnformeerd: nee.');
  });

  it('a removal: the team and the person removed are told; the removed person gets no "Casus bekijken"', async () => {
    const sent = await step(async () =>
      invokeCard(
        await press(h.t, 'lead-rvdk-1', 'team.remove', {
          caseRef: ref,
          removeMember: 'rvdk-arn',
          removeReason: 'geen rol meer voor de Raad',
        }),
      ),
    );
    expect(whoGot(sent)).toEqual(['gi-arn-2', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    const own = cardFor(sent, 'rvdk-arn', `Je zit niet meer in het casusteam van ${ref}`);
    expect(allText(own)).toContain('Kim van der Meer (fictief) (Raad voor de Kinderbescherming regio Arnhem) heeft je');
    expect(buttonsOf(own)).toEqual([]);
    expect(allText(own)).not.toContain('case.show');
    const line = 'Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem) zit niet meer in het casusteam';
    expect(whoGot(sent, line)).toEqual(['gi-arn-2', 'lt-arn', 'vt-arn']);
    expect(verbsOf(cardFor(sent, 'lt-arn', line))).toEqual(['case.show']);
  });

  it('a case opened by a team lead (who does not join): all four members of the new team are told', async () => {
    let opened = { ref: '', id: 0 };
    const sent = await step(async () => (opened = await openByChat(h.t, 'lead-lt-arn')));
    expect(whoGot(sent, `Je bent toegevoegd aan casus ${opened.ref} (Arnhem)`)).toEqual(ARNHEM_TEAM);
    expect(whoGot(sent)).toEqual(ARNHEM_TEAM);
  });

  it('nobody got a message about their own step', () => {
    const all = sentSince(h.t, 0);
    const ownSteps: Array<[string, string]> = [
      ['lt-arn', `Je bent toegevoegd aan casus ${ref}`],
      ['lt-arn', 'Casusregie van'],
      ['lt-arn', 'Wie bespreekt het veiligheidsplan met school?'], // the escalation lt-arn raised
      ['vt-arn', 'De jeugdbeschermer bespreekt het veiligheidsplan met school'],
      ['lt-arn', 'Veilig Thuis houdt contact met de huisarts'],
    ];
    for (const [who, needle] of ownSteps) expect(having(all, needle).filter((s) => s.to === who)).toEqual([]);
    expect(all.filter((s) => s.to === 'lead-gi-1' || s.to === 'lead-rvdk-1')).toEqual([]);
  });
});

describe('T3: the check-in on the report-back date', () => {
  const h = botAt('2026-06-02T10:00:00+02:00'); // Tue
  let ref: string;
  let caseId: number;
  let checkin: Card;

  beforeAll(async () => {
    ({ ref, id: caseId } = await openByChat(h.t, 'lt-arn'));
    // Recorded by the LT member (the case never went to the table, so jbt-cg is not on it): lt-arn owns T3; its due date is reportBackBy, Wed 06-10.
    await recordEvent(h.t, 'lt-arn', ref, {
      event: 'jbt_decision',
      outcome: 'report_back',
      reportBackBy: '2026-06-10',
    });
    await settle(h.t, h.clock);
  });

  it('nothing before the date; at 08:30 on Wed 06-10 only the owner is asked', async () => {
    let since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-09T08:30:00+02:00');
    expect(whoGot(sentSince(h.t, since))).toEqual([]);
    since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-10T08:30:00+02:00');
    const sent = sentSince(h.t, since);
    expect(whoGot(sent, ref, 'Terugmelden bij de Jeugdbeschermingstafel?')).toEqual(['lt-arn']);
    expect(whoGot(sent)).toEqual(['lt-arn']);
    checkin = cardFor(sent, 'lt-arn', 'Terugmelden bij de Jeugdbeschermingstafel?');
  });

  it('offers exactly the two answers, both recording what completes T3; no pick-up or postpone', () => {
    expect(buttonsOf(checkin).map((b) => [b.title, b.verb, b.data?.event])).toEqual([
      ['Zorgen afgenomen, geen terugmelding nodig', 'timer.complete', 'report_back_not_needed'],
      ['Terugmelden', 'timer.complete', 'report_back_done'],
    ]);
    expect(factsOf(checkin)).toMatchObject({ Casus: ref, 'Terugmelden uiterlijk': 'wo 10 jun 2026' });
    expect(allText(checkin)).not.toContain('timer.ack');
    expect(allText(checkin)).not.toContain('timer.postpone');
  });

  it('"Terugmelden" records report_back_done, stops T3, and the Raad member is told', async () => {
    const since = h.t.connector.requests.length;
    const answer = invokeCard(await pressButton(h.t, 'lt-arn', checkin, 'Terugmelden'));
    expect(allText(answer)).toContain('Vastgelegd: Teruggemeld bij de Jeugdbeschermingstafel.');
    expect(buttonsOf(answer)).toEqual([]);
    expect(h.t.bot.ctx.store.cases.events(caseId).filter((e) => e.event === 'report_back_done')).toHaveLength(1);
    expect(h.t.bot.ctx.store.timers.open(caseId, 'T3')).toEqual([]);
    await settle(h.t, h.clock);
    const sent = sentSince(h.t, since);
    // The case's RVDK and JBT members (no JBT member on this case); the one who reported back sees it in the answer.
    expect(whoGot(sent, `Teruggemeld: ${ref}`)).toEqual(['rvdk-arn']);
    expect(whoGot(sent)).toEqual(['rvdk-arn']);
    expect(allText(cardFor(sent, 'rvdk-arn', 'Teruggemeld:'))).toContain(
      'Pien Meijer (fictief) (Stichting Wijkteams Arnhem) meldt terug bij de Jeugdbeschermingstafel',
    );
  });

  it('the stale card records nothing more: "Deze termijn loopt niet meer"', async () => {
    const since = h.t.connector.requests.length;
    expect(invokeMessage(await pressButton(h.t, 'lt-arn', checkin, 'Terugmelden'))).toContain(
      'Deze termijn loopt niet meer',
    );
    expect(
      invokeMessage(await pressButton(h.t, 'lt-arn', checkin, 'Zorgen afgenomen, geen terugmelding nodig')),
    ).toContain('Deze termijn loopt niet meer');
    const events = h.t.bot.ctx.store.cases.events(caseId).map((e) => e.event);
    expect(events.filter((e) => e === 'report_back_done' || e === 'report_back_not_needed')).toEqual([
      'report_back_done',
    ]);
    await settle(h.t, h.clock);
    expect(whoGot(sentSince(h.t, since))).toEqual([]);
  });
});

describe('an automatic escalation that a second late term joins', () => {
  const h = botAt('2026-06-02T10:00:00+02:00'); // Tue
  let ref: string;
  let caseId: number;
  // An automatic escalation's L1: every case professional and their lead; the owners of its terms (vt-arn for T1,
  // lt-arn for T16) and the coordinator lt-arn with their leads: the same eight people.
  const L1 = [...ARNHEM_TEAM, ...ARNHEM_LEADS].sort();

  beforeAll(async () => {
    ({ ref, id: caseId } = await openByChat(h.t, 'lt-arn'));
    // T1 (5 wd from Tue 06-02) is due Tue 06-09; escalateAfter = max(2, ⌈5/2⌉) = 3 working days after the due date:
    // Wed 10, Thu 11, Fri 12 → it escalates Fri 06-12.
    await recordEvent(h.t, 'vt-arn', ref, { event: 'melding_received' });
    h.clock.set('2026-06-03T10:00:00+02:00');
    // T16 (5 wd from Wed 06-03): Thu 4, Fri 5, Mon 8, Tue 9, Wed 10 → due Wed 06-10; 3 wd after: Thu 11, Fri 12, Mon
    // 15 → it escalates Mon 06-15, while T1's escalation is open.
    await recordEvent(h.t, 'gi-arn', ref, { event: 'jeugdhulp_proposed' });
    await settle(h.t, h.clock);
    for (const day of ['08', '09', '10', '11']) await tickAt(h.t, h.clock, `2026-06-${day}T08:30:00+02:00`);
  });

  it("T1's escalate step (Fri 06-12) starts one escalation at L1 for the eight participants", async () => {
    const since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-12T08:30:00+02:00');
    const sent = sentSince(h.t, since);
    expect(whoGot(sent, `Escalatie 1 · casus ${ref}`, 'escalation.decide')).toEqual(L1);
    expect(whoGot(sent)).toEqual(L1);
    expect(allText(cardFor(sent, 'lead-gi-1', 'Escalatie 1'))).not.toContain('Er is een termijn bijgekomen');
    expect(h.t.bot.ctx.store.escalations.ofCase(caseId)).toHaveLength(1);
  });

  it("T16's escalate step (Mon 06-15) joins it: the same participants get the card again, naming the new term", async () => {
    const since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-15T08:30:00+02:00');
    const sent = sentSince(h.t, since);
    const notice = 'Er is een termijn bijgekomen in deze escalatie: Besluit gemeente over voorgestelde jeugdhulp.';
    expect(whoGot(sent, notice)).toEqual(L1);
    expect(whoGot(sent, 'Escalatie')).toEqual(L1);
    const text = allText(cardFor(sent, 'lead-rvdk-1', notice));
    expect(text).toContain(`Escalatie 1 · casus ${ref}`);
    expect(factsOf(cardFor(sent, 'lead-rvdk-1', notice)).Niveau).toBe('L1 teamleiders'); // the level stays L1
    expect(text).toContain('Termijnen in deze escalatie:');
    expect(text).toContain('Veiligheidsbeoordeling Veilig Thuis (T1), uiterlijk di 9 jun 2026');
    expect(text).toContain('Besluit gemeente over voorgestelde jeugdhulp (T16), uiterlijk wo 10 jun 2026');
    expect(h.t.bot.ctx.store.escalations.ofCase(caseId)).toHaveLength(1); // no second escalation, no second ladder
  });
});

describe('the case card: late terms and the wait for a jeugdbeschermer', () => {
  const h = botAt('2026-06-02T10:00:00+02:00'); // Tue
  let ref: string;
  const caseCard = async (who: string) => {
    const replies = await say(h.t, who, `casus ${ref}`);
    return allText(cardOf(replies.at(-1)));
  };

  beforeAll(async () => {
    ({ ref } = await openByChat(h.t, 'lt-arn'));
    await recordEvent(h.t, 'vt-arn', ref, { event: 'melding_received' }); // T1 due Tue 06-09
    h.clock.set('2026-06-03T10:00:00+02:00');
    await recordEvent(h.t, 'rvdk-arn', ref, { event: 'measure_pronounced', measure: 'OTS', months: '12' }); // T6 due 06-10
    await settle(h.t, h.clock);
    h.clock.set('2026-06-10T10:00:00+02:00'); // Wed
  });

  it('shows a late term as "liep af op …", and a term due today as not late', async () => {
    const card = await caseCard('lt-arn');
    expect(card).toContain(
      'Veiligheidsbeoordeling Veilig Thuis: **verlopen**, liep af op di 9 jun 2026, eigenaar Roos de Graaf (fictief)',
    );
    expect(card).toContain('Jeugdbeschermer toegewezen: uiterlijk wo 10 jun 2026, eigenaar Sem Jansen (fictief)');
  });

  it('after the measure without an assignment: "Wacht op jeugdbeschermer sinds … (n werkdagen)"', async () => {
    // Working days after Wed 06-03 up to and including today: Thu 4, Fri 5, Mon 8, Tue 9, Wed 10.
    expect(await caseCard('vt-arn')).toContain('Wacht op jeugdbeschermer sinds wo 3 jun 2026 (5 werkdagen)');
  });

  it('after jeugdbeschermer_assigned the line is gone, and the whole team hears who holds regie now', async () => {
    const since = h.t.connector.requests.length;
    const res = await recordEvent(h.t, 'lt-arn', ref, { event: 'jeugdbeschermer_assigned', member: 'gi-arn-2' });
    const answer = allText(invokeCard(res));
    expect(answer).not.toContain('Wacht op jeugdbeschermer');
    expect(answer).not.toContain('Jeugdbeschermer toegewezen: uiterlijk');
    expect(await caseCard('rvdk-arn')).not.toContain('Wacht op jeugdbeschermer');
    await settle(h.t, h.clock);
    const sent = sentSince(h.t, since);
    // Regie passes to the jeugdbeschermer: every current member except the actor, the newcomer included.
    expect(whoGot(sent, `Casusregie van ${ref}`)).toEqual(['gi-arn', 'gi-arn-2', 'rvdk-arn', 'vt-arn']);
    expect(allText(cardFor(sent, 'vt-arn', 'Casusregie van'))).toContain(
      'De casusregie ligt nu bij Rik Mulder (fictief) (Jeugdbescherming Gelderland)',
    );
    expect(whoGot(sent, 'Je bent toegevoegd aan')).toEqual(['gi-arn-2']);
  });
});

describe('acute danger: the follow-up on the next working day', () => {
  const h = botAt('2026-06-05T10:00:00+02:00'); // Fri
  let ref: string;
  let caseId: number;
  let followups: Sent[];
  let answered: Card;

  beforeAll(async () => {
    ({ ref, id: caseId } = await openByChat(h.t, 'lt-arn'));
    await settle(h.t, h.clock);
  });

  it('the report at Fri 23:30 reaches the case professionals and every lead at once', async () => {
    h.clock.set('2026-06-05T23:30:00+02:00');
    const since = h.t.connector.requests.length;
    await say(h.t, 'gi-arn', `acuut ${ref}`);
    invokeCard(await press(h.t, 'gi-arn', 'acute.confirm', { caseRef: ref }));
    await settle(h.t, h.clock);
    expect(whoGot(sentSince(h.t, since), 'ACUUT')).toEqual(
      ['lead-gi-1', 'lead-lt-arn', 'lead-rvdk-1', 'lead-vt-1', 'lt-arn', 'rvdk-arn', 'vt-arn'].sort(),
    );
  });

  it('no follow-up on Saturday; Mon 06-08 at 08:30 the reporter and the coordinator are asked', async () => {
    let since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-06T08:30:00+02:00');
    expect(whoGot(sentSince(h.t, since))).toEqual([]);
    since = h.t.connector.requests.length;
    await tickAt(h.t, h.clock, '2026-06-08T08:30:00+02:00');
    const sent = sentSince(h.t, since);
    followups = having(sent, `Na de acute melding van 5 juni 2026: casus ${ref}`);
    expect(followups.map((s) => s.to).sort()).toEqual(['gi-arn', 'lt-arn']);
    expect(whoGot(sent)).toEqual(['gi-arn', 'lt-arn']);
    for (const s of followups)
      expect(buttonsOf(s.card).map((b) => [b.title, b.verb, b.data?.jointDecision])).toEqual([
        ['Ja, er is samen besloten', 'acute.followup', 'yes'],
        ['Nee, nog niet', 'acute.followup', 'no'],
      ]);
  });

  it('an answer is recorded and the card says "Vastgelegd: …"', async () => {
    const reporter = followups.find((s) => s.to === 'gi-arn')!.card;
    const yes = invokeCard(await pressButton(h.t, 'gi-arn', reporter, 'Ja, er is samen besloten'));
    answered = yes;
    expect(allText(yes)).toContain('Vastgelegd: er is samen besloten.');
    expect(buttonsOf(yes)).toEqual([]);
    const coordinator = followups.find((s) => s.to === 'lt-arn')!.card;
    const no = invokeCard(await pressButton(h.t, 'lt-arn', coordinator, 'Nee, nog niet'));
    expect(allText(no)).toContain('Vastgelegd: nog geen gezamenlijk besluit.');
    const answers = h.t.bot.ctx.store.cases
      .events(caseId)
      .filter((e) => e.event === 'acute_followup')
      .map((e) => [e.by, e.fields.jointDecision]);
    expect(answers).toEqual([
      ['gi-arn', true],
      ['lt-arn', false],
    ]);
  });

  it('the answered card keeps the Dutch date of the card it replaces', () => {
    // Teams puts the answer in place of the delivered card, which said "van 5 juni 2026".
    expect(allText(answered)).toContain(`Na de acute melding van 5 juni 2026: casus ${ref}`);
  });
});

describe('checked again at delivery: a message that waited does not reach someone who left meanwhile', () => {
  const h = botAt('2026-06-02T18:00:00+02:00'); // Tue, after office hours
  let ref: string;
  let sent: Sent[];

  beforeAll(async () => {
    const since = h.t.connector.requests.length;
    ({ ref } = await openByChat(h.t, 'lt-arn')); // "added" messages to VT, GI and the Raad wait for Wed 08:30
    h.clock.set('2026-06-02T19:00:00+02:00');
    invokeCard(
      await press(h.t, 'lead-vt-1', 'team.remove', {
        caseRef: ref,
        removeMember: 'vt-arn',
        removeReason: 'werkt elders',
      }),
    );
    h.clock.set('2026-06-02T19:05:00+02:00');
    invokeCard(
      await press(h.t, 'lead-gi-1', 'team.replace', {
        caseRef: ref,
        replaceMember: 'gi-arn',
        replaceSuccessor: 'gi-arn-2',
        replaceReason: 'ouderschapsverlof',
      }),
    );
    await settle(h.t, h.clock);
    expect(whoGot(sentSince(h.t, since))).toEqual([]); // nothing goes out in the evening
    await tickAt(h.t, h.clock, '2026-06-03T08:30:00+02:00');
    sent = sentSince(h.t, since);
  });

  it('the removed VT member gets only her own "no longer on the team" message, not the "added" one', () => {
    expect(sent.filter((s) => s.to === 'vt-arn').map((s) => allText(s.card))).toEqual([
      expect.stringContaining(`Je zit niet meer in het casusteam van ${ref}`),
    ]);
  });

  it('the replaced GI member gets only the checklist he sends, not the "added" or removal messages', () => {
    expect(whoGot(sent, 'handover.')).toEqual(['gi-arn', 'gi-arn-2']);
    expect(sent.filter((s) => s.to === 'gi-arn')).toHaveLength(1);
  });

  it('those still on the team get what was written for them', () => {
    expect(whoGot(sent, `Je bent toegevoegd aan casus ${ref}`)).toEqual(['rvdk-arn']);
    expect(
      whoGot(sent, 'Roos de Graaf (fictief) (Veilig Thuis Gelderland-Midden) zit niet meer in het casusteam'),
    ).toEqual(['lt-arn', 'rvdk-arn']);
    expect(whoGot(sent, 'Rik Mulder (fictief) (Jeugdbescherming Gelderland) neemt het over van Sem Jansen')).toEqual([
      'lt-arn',
      'rvdk-arn',
    ]);
    expect(whoGot(sent)).toEqual([
      'gi-arn',
      'gi-arn-2',
      'lt-arn',
      'lt-arn',
      'rvdk-arn',
      'rvdk-arn',
      'rvdk-arn',
      'vt-arn',
    ]);
  });
});
