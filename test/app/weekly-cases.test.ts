import { describe, expect, it } from 'vitest';
import { closeCase } from '../../src/app/close-case.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { weeklyCasesOf } from '../../src/app/run-weekly.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// The weekly line's content for a pilot coordinator (docs/behaviour.md, "The weekly line"): the open cases of their
// municipalities with a term late by more than 10 working days (T3 aside), an open escalation at L2 or L3, or a child
// still waiting for a jeugdbeschermer (T6 running). Found with two set-based queries; these cases pin the rule down.

const context = closedAfterEach();
const TODAY = '2026-10-19'; // a Monday

const refOf = (c: TestContext, caseId: number) => c.ctx.store.cases.byId(caseId)!.ref;

function openT1(c: TestContext, caseRef: string) {
  recordEvent(c.ctx, { by: 'vt-arn', caseRef, event: 'melding_received' });
  const caseId = c.ctx.store.cases.byRef(caseRef)!.id;
  return c.ctx.store.timers.open(caseId, 'T1')[0]!;
}

describe('weeklyCasesOf', () => {
  it('late by 11 working days counts, by 10 not; T3 never; T6 is waiting; closed cases and other municipalities are left out', () => {
    const c = context(`${TODAY}T07:00`);
    const coordinator = c.ctx.roster.member('coord-arn')!;
    const late11 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const late10 = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const t3Only = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const waiting = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const closed = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const elsewhere = openCase(c.ctx, { by: 'lt-doe', municipality: 'Doesburg' }).ref;
    // 11 working days before Mon 10-19 is Fri 10-02 (10-05 … 10-16 are ten, plus the 19th); 10 is Mon 10-05.
    c.ctx.store.timers.update(openT1(c, late11).id, { dueDate: '2026-10-02' });
    c.ctx.store.timers.update(openT1(c, late10).id, { dueDate: '2026-10-05' });
    c.ctx.store.timers.update(openT1(c, t3Only).id, { timer: 'T3', dueDate: '2026-09-01' });
    for (const [by, ref] of [
      ['rvdk-arn', waiting],
      ['rvdk-arn', closed],
      ['rvdk-doe', elsewhere],
    ] as const)
      recordEvent(c.ctx, { by, caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } });
    closeCase(c.ctx, { by: 'lt-arn', caseRef: closed });

    const got = weeklyCasesOf(c.ctx, coordinator, TODAY).map(({ caseId, concerns }) => [refOf(c, caseId), concerns]);
    expect(got).toEqual([
      [late11, { late: ['T1'], escalations: 0, waitingForJeugdbeschermer: false }],
      [waiting, { late: [], escalations: 0, waitingForJeugdbeschermer: true }],
    ]);
    expect(c.ctx.calendar.workingDaysBetween('2026-10-02', TODAY)).toBe(11);
    expect(c.ctx.calendar.workingDaysBetween('2026-10-05', TODAY)).toBe(10);
  });

  it('counts the open escalations at L2 or L3 of a case, not those at L0 or L1', () => {
    const c = context(`${TODAY}T07:00`);
    const coordinator = c.ctx.roster.member('coord-arn')!;
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    const low = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    for (const r of [ref, ref, low])
      raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: r, trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie?' });
    const [first, second] = c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(ref)!.id);
    c.ctx.store.escalations.update(first!.id, { level: 'L2' });
    c.ctx.store.escalations.update(second!.id, { level: 'L3' });
    c.ctx.store.escalations.update(c.ctx.store.escalations.ofCase(c.ctx.store.cases.byRef(low)!.id)[0]!.id, {
      level: 'L1',
    });
    expect(
      weeklyCasesOf(c.ctx, coordinator, TODAY).map(({ caseId, concerns }) => [refOf(c, caseId), concerns.escalations]),
    ).toEqual([[ref, 2]]);
  });
});
