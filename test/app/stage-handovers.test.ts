import { describe, expect, it } from 'vitest';
import { openCase } from '../../src/app/open-case.js';
import { setStage } from '../../src/app/set-stage.js';
import { handoverForStageChange } from '../../src/domain/stage-handovers.js';
import { aContext, closedAfterEach, demoRosterWith, withoutTable } from './test-context.js';

// Issue 4: a handover opens "when the stage changes where docs/behaviour.md says a handover happens".
const context = closedAfterEach();

const handovers = (c: ReturnType<typeof context>, ref: string) =>
  c.ctx.store.handovers
    .ofCase(c.ctx.store.cases.byRef(ref)!.id)
    .map((h) => `${h.moment}:${h.fromMember}->${h.toMember}`);

describe('handovers opened by a stage change', () => {
  it('maps the stage changes of docs/behaviour.md to their moments, and nothing else', () => {
    expect(handoverForStageChange('VT_FOLLOWUP', 'LT_VOLUNTARY')).toEqual({ moment: 'H2', from: 'VT', to: 'LT' });
    expect(handoverForStageChange('LT_VOLUNTARY', 'JBT_REQUESTED')).toEqual({
      moment: 'H3',
      from: 'coordinator',
      to: 'JBT',
    });
    expect(handoverForStageChange('JBT_HELD', 'RVDK_INVESTIGATION')).toEqual({ moment: 'H4', from: 'JBT', to: 'RVDK' });
    expect(handoverForStageChange('GI_EXECUTION', 'AFSCHALEN')).toEqual({ moment: 'H7', from: 'GI', to: 'LT' });
    expect(handoverForStageChange('SIGNAL', 'VT_SAFETY_ASSESSMENT')).toBeUndefined();
    expect(handoverForStageChange('LT_VOLUNTARY', 'LT_VOLUNTARY')).toBeUndefined();
    expect(handoverForStageChange('JBT_HELD', 'LT_VOLUNTARY')).toBeUndefined(); // back to voluntary: the LT stays on
  });

  it('VT → Lokaal Team opens H2 from the VT member to the LT member, with a request to the receiver', () => {
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'vt-arn', municipality: 'Arnhem', stage: 'VT_FOLLOWUP' }).ref;
    setStage(c.ctx, { by: 'vt-arn', caseRef: ref, stage: 'LT_VOLUNTARY' });
    expect(handovers(c, ref)).toEqual(['H2:vt-arn->lt-arn']);
    const requests = c.database.sqlite
      .prepare(
        "SELECT d.recipient_id AS r FROM outbox o JOIN deliveries d ON d.outbox_id = o.id WHERE o.kind = 'handover'",
      )
      .all();
    expect(requests).toEqual([{ r: 'lt-arn' }]);
    expect(c.ctx.store.timers.open(c.ctx.store.cases.byRef(ref)!.id, 'T12')).toHaveLength(1);
  });

  it('afschalen opens H7 from the GI member back to the Lokaal Team, once', () => {
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'gi-arn', municipality: 'Arnhem', stage: 'GI_EXECUTION' }).ref;
    setStage(c.ctx, { by: 'gi-arn', caseRef: ref, stage: 'AFSCHALEN' });
    setStage(c.ctx, { by: 'gi-arn', caseRef: ref, stage: 'GI_EXECUTION' });
    setStage(c.ctx, { by: 'gi-arn', caseRef: ref, stage: 'AFSCHALEN' });
    expect(handovers(c, ref)).toEqual(['H7:gi-arn->lt-arn']);
  });

  it('to the table and on to the Raad: H3 from the coordinator to the secretary, H4 from them to the Raad', () => {
    // The demo roster's secretary of the Jeugdbeschermingstafel Centraal Gelderland, jbt-cg, joins at JBT_REQUESTED.
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_REQUESTED' });
    setStage(c.ctx, { by: 'jbt-cg', caseRef: ref, stage: 'RVDK_INVESTIGATION' });
    expect(handovers(c, ref)).toEqual(['H3:lt-arn->jbt-cg', 'H4:jbt-cg->rvdk-arn']);
  });

  it('opens nothing when one side is not on the team (no Jeugdbeschermingstafel member for H3/H4)', () => {
    const c = context.track(aContext({ now: '2026-05-13T10:00', roster: demoRosterWith(withoutTable) }));
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' }).ref;
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'JBT_REQUESTED' });
    setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'RVDK_INVESTIGATION' });
    expect(handovers(c, ref)).toEqual([]);
  });
});
