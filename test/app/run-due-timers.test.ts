import { describe, expect, it } from 'vitest';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { at, type TestContext, closedAfterEach } from './test-context.js';

const context = closedAfterEach();

function nudges(c: TestContext) {
  return c.database.sqlite
    .prepare(
      `SELECT o.kind, json_extract(o.payload, '$.timer') AS timer, json_extract(o.payload, '$.step') AS step, o.not_before AS notBefore,
                     (SELECT group_concat(recipient_id) FROM (SELECT recipient_id FROM deliveries d WHERE d.outbox_id = o.id ORDER BY recipient_id)) AS recipients
                FROM outbox o ORDER BY o.id`,
    )
    .all() as Array<{ kind: string; timer: string; step: string; notBefore: number; recipients: string }>;
}

describe('the scheduler tick on real SQLite', () => {
  it('fires the T6 ladder (court order Wed 2026-05-13, the worked example) exactly once per step', () => {
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(c.ctx, {
      by: 'rvdk-arn',
      caseRef: ref,
      event: 'measure_pronounced',
      fields: { measure: 'OTS', months: 12 },
    });
    const t6 = c.ctx.store.timers.open(c.ctx.store.cases.byRef(ref)!.id, 'T6')[0]!;
    expect(t6.dueDate).toBe('2026-05-21');
    expect(t6.nextStep).toBe('remind');
    expect(t6.nextStepAt).toBe(at('2026-05-20T08:30'));

    for (const moment of [
      '2026-05-20T08:29',
      '2026-05-20T08:30',
      '2026-05-20T08:31',
      '2026-05-22T08:30',
      '2026-05-22T09:00',
      '2026-05-27T08:30',
      '2026-05-27T08:30',
    ]) {
      c.setNow(moment);
      runTick(c.ctx);
    }
    const t6Lines = nudges(c).filter((n) => n.timer === 'T6' || n.kind === 'escalation');
    // remind: the owner; overdue: the owner, their lead and every other case professional; the automatic escalation:
    // every case professional and each one's team lead (the owner and the coordinator are among them).
    expect(t6Lines.map((n) => `${n.kind}:${n.step ?? ''}:${n.recipients}`)).toEqual([
      'nudge:remind:gi-arn',
      'nudge:overdue:gi-arn,lead-gi-1,lt-arn,rvdk-arn,vt-arn',
      'escalation::gi-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,rvdk-arn,vt-arn',
    ]);
    expect(t6Lines.map((n) => n.notBefore)).toEqual([
      at('2026-05-20T08:30'),
      at('2026-05-22T08:30'),
      at('2026-05-27T08:30'),
    ]);
  });

  it('catches up steps that fell due while the bot was down, in order, at the first office moment', () => {
    const c = context('2026-12-17T22:00');
    const ref = openCase(c.ctx, { by: 'vt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    // Down from the evening of the 17th until Thursday 31 December 07:00: remind, overdue and escalate all passed. The
    // remind would only arrive after the due date (Thu 12-24) has passed, so it is dropped: the overdue says more.
    c.setNow('2026-12-31T07:00');
    runTick(c.ctx);
    const t1 = nudges(c).filter((n) => n.timer === 'T1' || n.kind === 'escalation');
    expect(t1.map((n) => `${n.kind}:${n.step ?? ''}`)).toEqual(['nudge:overdue', 'escalation:']);
    expect(new Set(t1.map((n) => n.notBefore))).toEqual(new Set([at('2026-12-31T08:30')]));
    runTick(c.ctx);
    expect(nudges(c).filter((n) => n.timer === 'T1')).toHaveLength(1);
  });

  it('a remind caught up on its own due date still comes; one day later it is dropped', () => {
    const c = context('2026-12-17T10:00');
    const ref = openCase(c.ctx, { by: 'vt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' }); // due Thu 12-24, remind Wed 12-23
    c.setNow('2026-12-24T08:30'); // down through the 23rd, back on the due date itself
    runTick(c.ctx);
    expect(
      nudges(c)
        .filter((n) => n.timer === 'T1')
        .map((n) => n.step),
    ).toEqual(['remind']);
    const d = context('2026-12-17T10:00');
    const ref2 = openCase(d.ctx, { by: 'vt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(d.ctx, { by: 'vt-arn', caseRef: ref2, event: 'melding_received' });
    d.setNow('2026-12-27T12:00'); // back on Sunday: the next office moment is Monday 12-28, after the due date
    runTick(d.ctx);
    d.setNow('2026-12-28T08:30'); // and the overdue comes on its own day
    runTick(d.ctx);
    expect(
      nudges(d)
        .filter((n) => n.timer === 'T1')
        .map((n) => n.step),
    ).toEqual(['overdue']);
  });

  it('never fires a step twice when two processes tick the same database', () => {
    const a = context('2026-05-13T10:00');
    const ref = openCase(a.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(a.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    const b = a.reopen();
    context.track(b);
    a.setNow('2026-05-20T08:30');
    b.setNow('2026-05-20T08:30');
    runTick(a.ctx);
    runTick(b.ctx);
    expect(nudges(a).filter((n) => n.timer === 'T6')).toHaveLength(1);
  });

  it('stops a timer with its completing event: no further steps', () => {
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    c.setNow('2026-05-18T11:00');
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdbeschermer_assigned', fields: { member: 'gi-arn' } });
    c.setNow('2026-05-29T08:30');
    runTick(c.ctx);
    expect(nudges(c).filter((n) => n.timer === 'T6')).toHaveLength(0);
  });
});
