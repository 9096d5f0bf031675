import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { personalConversationId } from '../support/teams-activity.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { cardsTo, install, isCardPost, liveClock, openArnhemCase, P } from './workflow-fixtures.js';

// End to end: a use case writes outbox rows, the outbox worker delivers them through the real Teams sender to the
// fake Bot Connector. Nothing is lost and nothing is sent twice, whatever Teams answers or however the bot stops.

const FAST = { perRecipientGapMs: 0, globalGapMs: 0, random: () => 0 };

describe('outbox delivery through Teams', () => {
  const clock = liveClock('2026-06-02T10:00:00+02:00'); // a Tuesday, office hours
  let t: TestBot;
  let caseRef: string;
  const fireNextStep = () => {
    const ctx = t.bot.ctx;
    const timer = ctx.store.timers.open(ctx.store.cases.byRef(caseRef)!.id, 'T1')[0]!;
    clock.set(new Date(timer.nextStepAt!).toISOString());
    runTick(ctx);
    ctx.onOutbox?.();
  };
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(t, P.vt, P.lt, P.gi, P.rvdk);
    caseRef = openArnhemCase(t).ref;
    recordEvent(t.bot.ctx, { by: 'vt-arn', caseRef, event: 'melding_received' });
    // The team hears of the new case first (lt-arn opened it): three messages, to VT, GI and the Raad.
    await t.connector.waitFor((rs) => rs.filter(isCardPost('toegevoegd aan')).length === 3);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('delivers a nudge once after a 429: the worker retries later and Teams gets it once', async () => {
    const vtConv = personalConversationId(P.vt);
    const before = t.connector.requests.filter((r) => r.conversationId === vtConv).length;
    t.connector.failNext(1, { status: 429 }, { conversationId: vtConv });
    fireNextStep(); // T1 remind → the VT professional
    await t.connector.waitFor((rs) => rs.some(isCardPost('timer.ack')));
    const toVt = t.connector.requests.filter((r) => r.conversationId === vtConv).slice(before);
    expect(toVt.map((r) => r.status)).toEqual([429, 200]);
    const [nudge] = cardsTo(t, P.vt, 'timer.ack');
    expect(JSON.stringify(nudge)).toContain(caseRef);
    expect(JSON.stringify(nudge)).toContain('Veiligheidsbeoordeling Veilig Thuis');
    expect(cardsTo(t, P.vt, 'timer.ack')).toHaveLength(1);
  });

  it("tells the person's team lead when Teams answers 403 (blocked), without case content", async () => {
    const vtConv = personalConversationId(P.vt);
    t.connector.failConversation(vtConv, { status: 403 });
    try {
      fireNextStep(); // T1 overdue → the owner and the owner's team lead
      await t.connector.waitFor((rs) => rs.some(isCardPost('niet bereikbaar')));
      const notice = t.connector.requests.find(isCardPost('niet bereikbaar'))!;
      const text = JSON.stringify(notice.body);
      expect(text).toContain('Roos de Graaf (fictief)');
      expect(text).toContain(caseRef);
      expect(text).not.toContain('Veiligheidsbeoordeling');
      // The lead had no chat with the bot yet: it was created, and the lead also got the overdue nudge itself.
      const leadConv = notice.conversationId!;
      expect(
        t.connector.requests.filter((r) => r.method === 'POST' && r.conversationId === leadConv && r.status === 200),
      ).toHaveLength(2);
      const rows = t.bot.database.sqlite.prepare(`SELECT recipient_id AS r, state FROM deliveries ORDER BY id`).all();
      expect(rows).toContainEqual({ r: 'vt-arn', state: 'failed' });
    } finally {
      t.connector.failConversation(vtConv, undefined);
    }
  });
});

describe('an acute alert that cannot be delivered', () => {
  const clock = liveClock('2026-06-06T23:30:00+02:00'); // Saturday night: only acute messages go out
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false, outbox: FAST });
    await install(t, P.lt, P.vt, P.gi, P.rvdk);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('tells the reporter at once, at night, who was not reached; the others get the alert', async () => {
    const caseRef = openArnhemCase(t).ref;
    t.connector.failConversation(personalConversationId(P.vt), { status: 403 }); // vt-arn blocked the bot
    reportAcuteDanger(t.bot.ctx, { by: 'lt-arn', caseRef });
    t.bot.ctx.onOutbox?.();
    // The reporter's own chat gets a notice naming Roos de Graaf (vt-arn), without waiting for office hours.
    await t.connector.waitFor((rs) =>
      rs.some((r) => isCardPost('niet bereikbaar')(r) && r.conversationId === personalConversationId(P.lt)),
    );
    const notice = t.connector.requests.find(
      (r) => isCardPost('niet bereikbaar')(r) && r.conversationId === personalConversationId(P.lt),
    )!;
    expect(JSON.stringify(notice.body)).toContain('Roos de Graaf (fictief)');
    expect(JSON.stringify(notice.body)).toContain('een acute melding');
    // The members who could be reached got the alert itself (the leads are reached in chats the bot starts).
    for (const p of [P.gi, P.rvdk]) expect(cardsTo(t, p, 'ACUUT')).toHaveLength(1);
    // Nothing else waits for the morning: the case-opened messages to the members are for 08:30 Monday.
    const failed = t.bot.database.sqlite
      .prepare(`SELECT recipient_id AS r FROM deliveries WHERE state = 'failed'`)
      .all() as Array<{ r: string }>;
    expect(failed.map((f) => f.r)).toEqual(['vt-arn']);
  });
});

describe('a bot stopped in the middle of delivering', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teammodel-restart-'));
  const env = { DATABASE_PATH: join(dir, 'bot.sqlite') };
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every message after a restart on the same database: none lost, none twice', async () => {
    const clock = liveClock('2026-06-02T10:00:00+02:00');
    const first = await startTestBot({ clock, env, connector, scheduler: false, outbox: FAST });
    await install(first, P.lt, P.vt, P.gi, P.rvdk);
    const caseRef = openArnhemCase(first).ref;
    await connector.waitFor((rs) => rs.filter(isCardPost('toegevoegd aan')).length === 3); // the team hears of the case
    // GI and the Raad are throttled: their deliveries stay pending with a retry time; VT gets its own (LT raised it).
    connector.failConversation(personalConversationId(P.gi), { status: 429 });
    connector.failConversation(personalConversationId(P.rvdk), { status: 429 });
    raiseEscalation(first.bot.ctx, {
      by: 'lt-arn',
      caseRef,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie houdt zicht op de veiligheidsafspraken?',
    });
    await connector.waitFor(
      (rs) => rs.filter(isCardPost('escalation.decide')).length === 1 && rs.filter((r) => r.status === 429).length >= 2,
    );
    const countStates = (b: TestBot) =>
      b.bot.database.sqlite.prepare(`SELECT state, count(*) AS n FROM deliveries GROUP BY state ORDER BY state`).all();
    // Sends run side by side: a delivery is marked when its send returns, a moment after the connector answered it.
    const settled = [
      { state: 'pending', n: 2 },
      { state: 'sent', n: 4 }, // three "added to the case" messages and VT's escalation card
    ];
    for (let i = 0; i < 100 && JSON.stringify(countStates(first)) !== JSON.stringify(settled); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(countStates(first)).toEqual(settled);
    await first.stop(); // the process goes away with work left in the outbox

    connector.failConversation(personalConversationId(P.gi), undefined);
    connector.failConversation(personalConversationId(P.rvdk), undefined);
    clock.set('2026-06-02T10:05:00+02:00');
    const second = await startTestBot({ clock, env, connector, outbox: FAST }); // its start-up tick kicks the outbox
    try {
      await connector.waitFor((rs) => rs.filter(isCardPost('escalation.decide')).length === 3);
      await new Promise((r) => setTimeout(r, 200));
      for (const p of [P.vt, P.gi, P.rvdk]) expect(cardsTo(second, p, 'escalation.decide')).toHaveLength(1);
      expect(cardsTo(second, P.lt, 'escalation.decide')).toHaveLength(0); // the raiser saw it in the reply
      expect(countStates(second)).toEqual([{ state: 'sent', n: 6 }]);
    } finally {
      await second.stop();
    }
  }, 20_000);
});
