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
  it('fires the T6 ladder of domain.md §4.1 (court order Wed 2026-05-13) exactly once per step', () => {
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
    expect(t6Lines.map((n) => `${n.kind}:${n.step ?? ''}:${n.recipients}`)).toEqual([
      'nudge:remind:gi-arn',
      'nudge:overdue:gi-arn,lead-gi-1',
      'escalation::gi-arn,lead-gi-1',
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
    // Down from the evening of the 17th until Thursday 31 December 07:00: remind, overdue and escalate all passed.
    c.setNow('2026-12-31T07:00');
    runTick(c.ctx);
    const t1 = nudges(c).filter((n) => n.timer === 'T1' || n.kind === 'escalation');
    expect(t1.map((n) => `${n.kind}:${n.step ?? ''}`)).toEqual(['nudge:remind', 'nudge:overdue', 'escalation:']);
    expect(new Set(t1.map((n) => n.notBefore))).toEqual(new Set([at('2026-12-31T08:30')]));
    runTick(c.ctx);
    expect(nudges(c).filter((n) => n.timer === 'T1')).toHaveLength(2);
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
