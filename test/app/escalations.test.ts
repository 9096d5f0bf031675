import { describe, expect, it } from 'vitest';
import { recordDecision, withdrawEscalation } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { viewCaseOnRecord } from '../../src/app/queries/get-case-view.js';
import { openCase } from '../../src/app/open-case.js';
import { runTick } from '../../src/app/run-tick.js';
import { at, type TestContext, closedAfterEach } from './test-context.js';

const context = closedAfterEach();

const outbox = (c: TestContext) =>
  c.database.sqlite
    .prepare(
      `SELECT kind, json_extract(payload,'$.level') AS level, json_extract(payload,'$.trigger') AS trigger, not_before AS notBefore, (SELECT group_concat(recipient_id) FROM (SELECT recipient_id FROM deliveries d WHERE d.outbox_id = o.id ORDER BY recipient_id)) AS recipients FROM outbox o ORDER BY id`,
    )
    .all() as Array<{
    kind: string;
    level: string | null;
    trigger: string | null;
    notBefore: number;
    recipients: string;
  }>;

describe('escalations on real SQLite', () => {
  it('runs L0 → reminder → L1 → reminder → L2 and never raises L3 by itself', () => {
    const c = context('2026-09-17T10:00'); // Thursday
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Is vrijwillige hulp nog verantwoord?',
      orgs: ['LT', 'GI'],
    });
    for (let day = 0; day < 60; day++) {
      c.setNow(at('2026-09-18T08:30') + day * 86_400_000);
      runTick(c.ctx);
    }
    // (T13, case silence, raises its own automatic escalation later in these 60 days: not this one.)
    const esc = outbox(c).filter((o) => o.kind.startsWith('escalation') && o.trigger === 'PROFESSIONAL_DILEMMA');
    expect(esc.map((o) => `${o.kind}:${o.level}`)).toEqual([
      'escalation:L0',
      'escalation_reminder:L0',
      'escalation:L1',
      'escalation_reminder:L1',
      'escalation:L2',
      'escalation_reminder:L2',
    ]);
    // The raiser sees the escalation in the reply, never as a message; the automatic level raises have no actor.
    expect(esc[0]!.recipients).toBe('gi-arn');
    expect(esc[2]!.recipients).toBe('gi-arn,lead-gi-1,lead-lt-arn,lt-arn');
    // L0 raised Thu 09-17 + 5 wd = Thu 09-24; reminder Fri 09-25; L1 two working days later, Tue 09-29.
    expect(esc[1]!.notBefore).toBe(at('2026-09-25T08:30'));
    expect(esc[2]!.notBefore).toBe(at('2026-09-29T08:30'));
  });

  it('keeps the policy frozen at the start: a later norms change does not move a running escalation', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
    });
    const changed = {
      ...c.ctx,
      norms: {
        ...c.ctx.norms,
        escalation: {
          ...c.ctx.norms.escalation,
          responseWorkingDays: { L0: 1, L1: 1, L2: 1, L3: 1 },
          advanceAfterReminderWorkingDays: 1,
        },
      },
    };
    for (let day = 0; day < 20; day++) {
      c.setNow(at('2026-09-18T08:30') + day * 86_400_000);
      runTick(changed);
    }
    const l1 = outbox(c).find((o) => o.kind === 'escalation' && o.level === 'L1')!;
    expect(l1.notBefore).toBe(at('2026-09-29T08:30'));
  });

  it('sends worrying conduct only to the raiser and their own team lead, and hides it from other organisations', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    expect(
      outbox(c)
        .filter((o) => o.kind === 'escalation')
        .map((o) => `${o.level}:${o.recipients}`),
    ).toEqual(['L1:lead-lt-arn']);
    expect(viewCaseOnRecord(c.ctx, 'gi-arn', ref).escalations).toHaveLength(0);
    expect(viewCaseOnRecord(c.ctx, 'lead-lt-arn', ref).escalations).toHaveLength(1);
  });

  it("only the level's participants decide; the decision becomes a DECISION timer; withdrawing needs an open one", () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT'],
    });
    expect(() =>
      recordDecision(c.ctx, {
        by: 'vt-arn',
        caseRef: ref,
        decision: 'VT neemt het over',
        owner: 'vt-arn',
        deadline: '2026-10-01',
      }),
    ).toThrow(/deelnemers/);
    const e = recordDecision(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      decision: 'LT plant een gezamenlijk gesprek',
      owner: 'lt-arn',
      deadline: '2026-10-01',
    });
    expect(e.state).toBe('resolved');
    const caseId = c.ctx.store.cases.byRef(ref)!.id;
    expect(c.ctx.store.timers.open(caseId, 'DECISION').map((t) => `${t.dueDate}:${t.ownerRef}`)).toEqual([
      '2026-10-01:lt-arn',
    ]);
    expect(() => withdrawEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, reason: 'opgelost' })).toThrow(
      /geen open escalatie/,
    );
  });

  it('acute danger reaches every case professional and every team lead of the case at once, at night', () => {
    const c = context('2026-09-19T23:30'); // Saturday night
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const r = reportAcuteDanger(c.ctx, { by: 'lt-arn', caseRef: ref });
    // Everyone but the reporter, who gets the crisis routes in the reply.
    expect(r.notified).toEqual([
      'gi-arn',
      'lead-gi-1',
      'lead-lt-arn',
      'lead-rvdk-1',
      'lead-vt-1',
      'rvdk-arn',
      'vt-arn',
    ]);
    const acute = outbox(c).find((o) => o.kind === 'acute')!;
    expect(acute.notBefore).toBe(at('2026-09-19T23:30'));
    expect(acute.recipients).toBe(r.notified.join(','));
    // The follow-up: 08:30 on the first working day strictly after the report's day (Monday), to reporter and coordinator.
    for (const moment of ['2026-09-20T10:00', '2026-09-21T08:29', '2026-09-21T08:30', '2026-09-22T08:30']) {
      c.setNow(moment);
      runTick(c.ctx);
    }
    const followups = outbox(c).filter((o) => o.kind === 'acute_followup');
    expect(followups.map((o) => `${o.notBefore}:${o.recipients}`)).toEqual([`${at('2026-09-21T08:30')}:lt-arn`]);
  });

  it('a decision reaches the participants, every case professional and its owner; a withdrawal its participants', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, {
      by: 'vt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie?',
      orgs: ['VT', 'LT'],
    });
    recordDecision(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      decision: 'LT plant een gezamenlijk gesprek',
      owner: 'lt-arn',
      deadline: '2026-10-01',
      familyInformed: { informed: 'yes', on: '2026-09-17' },
    });
    raiseEscalation(c.ctx, {
      by: 'vt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Nog een?',
      orgs: ['VT', 'GI'],
    });
    withdrawEscalation(c.ctx, { by: 'vt-arn', caseRef: ref, reason: 'besproken' });
    const team = c.database.sqlite
      .prepare(
        `SELECT json_extract(payload,'$.subject') AS subject, (SELECT group_concat(recipient_id) FROM (SELECT recipient_id FROM deliveries d WHERE d.outbox_id = o.id ORDER BY recipient_id)) AS recipients FROM outbox o WHERE kind = 'team' ORDER BY id`,
      )
      .all() as Array<{ subject: string; recipients: string }>;
    expect(team.map((t) => `${t.subject}:${t.recipients}`)).toEqual([
      'member_added:gi-arn,rvdk-arn,vt-arn', // the case opened (lt-arn opened it)
      'decision:gi-arn,rvdk-arn,vt-arn', // participants vt-arn, lt-arn (the actor) + every case professional
      'escalation_withdrawn:gi-arn', // its participants were vt-arn (the actor) and gi-arn
    ]);
    const decided = c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(ref)!.id)[0]!;
    expect([decided.familyInformed, decided.familyInformedOn]).toEqual(['yes', '2026-09-17']);
  });

  it('a decision owner must be on the case or in the escalation', () => {
    const c = context('2026-09-17T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    expect(() =>
      recordDecision(c.ctx, { by: 'lt-arn', caseRef: ref, decision: 'x', owner: 'lt-ren', deadline: '2026-10-01' }),
    ).toThrow(/casusteam/);
    expect(c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(ref)!.id)[0]!.state).toBe('open');
  });
});
