import { describe, it, expect } from 'vitest';
import {
  CASE_EVENTS,
  completingEvents,
  isEarlierStage,
  measureTimers,
  stageAfterEvent,
  timerEffects,
  type CaseEvent,
  type EventFields,
} from '../../src/domain/timer-rules.js';
import { MEASURES, type TimerId } from '../../src/domain/types.js';

// The event table of docs/scenario-format.md ("| event | starts | stops |"), row by row, and the stage rules.

const starts = (event: CaseEvent, fields: EventFields = {}, measureHasEnd = true) =>
  timerEffects(event, fields, measureHasEnd).starts.map((s) => s.timer);
const stops = (event: CaseEvent, fields: EventFields = {}, measureHasEnd = true) =>
  timerEffects(event, fields, measureHasEnd).stops;

describe('timer rules: which events start and stop which timers', () => {
  it('the table of scenario-format.md, row by row', () => {
    const table: Array<[CaseEvent, EventFields, TimerId[], TimerId[]]> = [
      ['melding_received', {}, ['T1'], []],
      ['safety_assessment_done', {}, ['T2'], ['T1']],
      ['vt_followup_done', {}, [], ['T2']],
      ['report_back_done', {}, [], ['T3']],
      ['report_back_not_needed', {}, [], ['T3']],
      // The Raad takes the case over: Veilig Thuis's own term ends with it.
      ['rvdk_request_received', {}, ['T4'], ['T2']],
      ['rvdk_investigation_started', {}, ['T5'], ['T4']],
      ['rvdk_investigation_done', {}, [], ['T5']],
      ['jeugdbeschermer_assigned', { member: 'gi-2' }, [], ['T6']],
      ['plan_of_approach_done', {}, [], ['T7']],
      ['ots_evaluation_done', {}, [], ['T8']],
      ['measure_ended', {}, [], ['T8', 'T9', 'T10']],
      ['jeugdhulp_needed', {}, ['T11'], []],
      ['jeugdhulp_started', {}, [], ['T11']],
      ['consult_requested', { member: 'rvdk-1' }, ['T15'], []],
      ['consult_given', { parentsInformed: 'no' }, [], ['T15']],
      ['jeugdhulp_proposed', {}, ['T16'], []],
      ['jeugdhulp_decided', { outcome: 'approved' }, [], ['T16']],
      ['bridging_agreed', { member: 'gi-1', until: '2026-06-30' }, [], []],
      ['preventive_jb_started', {}, [], []],
    ];
    for (const [event, fields, s, x] of table) {
      expect([...starts(event, fields)].sort(), `${event} starts`).toEqual([...s].sort());
      expect([...stops(event, fields)].sort(), `${event} stops`).toEqual([...x].sort());
    }
  });

  describe('jbt_decision', () => {
    it('report_back starts T3 with the given reportBackBy as explicit due', () => {
      expect(timerEffects('jbt_decision', { outcome: 'report_back', reportBackBy: '2026-05-10' }, false)).toEqual({
        starts: [{ timer: 'T3', due: '2026-05-10' }],
        stops: [],
      });
    });

    it('report_back without a date starts T3 on the norm (default +3 months): no explicit due', () => {
      const fx = timerEffects('jbt_decision', { outcome: 'report_back' }, false);
      expect(fx.starts).toHaveLength(1);
      expect(fx.starts[0]?.timer).toBe('T3');
      expect(fx.starts[0]?.due).toBeUndefined();
    });

    it('voluntary and investigation start nothing', () => {
      expect(timerEffects('jbt_decision', { outcome: 'voluntary' }, false)).toEqual({ starts: [], stops: [] });
      expect(timerEffects('jbt_decision', { outcome: 'investigation' }, false)).toEqual({ starts: [], stops: [] });
    });
  });

  describe('measure_pronounced', () => {
    it('an OTS with an end starts T6, T7, T8 and T9 and stops a running voorlopige clock (T10)', () => {
      expect(starts('measure_pronounced', { measure: 'OTS', months: 12 })).toEqual(['T6', 'T7', 'T8', 'T9']);
      expect(stops('measure_pronounced', { measure: 'OTS', months: 12 })).toEqual(['T10']);
    });

    it('VOORLOPIGE_OTS starts T6, T7 and T10, not T8/T9, and stops nothing', () => {
      const s = starts('measure_pronounced', { measure: 'VOORLOPIGE_OTS', months: 3 });
      expect(s).toEqual(['T6', 'T7', 'T10']);
      expect(s).not.toContain('T8');
      expect(s).not.toContain('T9');
      expect(stops('measure_pronounced', { measure: 'VOORLOPIGE_OTS', months: 3 })).toEqual([]);
    });

    it('every non-voorlopige measure stops T10 and starts T6 and T7', () => {
      for (const measure of MEASURES.filter((m) => m !== 'VOORLOPIGE_OTS')) {
        expect(stops('measure_pronounced', { measure }), measure).toEqual(['T10']);
        expect(starts('measure_pronounced', { measure }), measure).toEqual(expect.arrayContaining(['T6', 'T7']));
        expect(starts('measure_pronounced', { measure }), measure).not.toContain('T10');
      }
    });

    it('a measure without an end (e.g. VOOGDIJ) has no evaluation/expiry timers', () => {
      expect(starts('measure_pronounced', { measure: 'VOOGDIJ' }, false)).toEqual(['T6', 'T7']);
      expect(starts('measure_pronounced', { measure: 'MUHP', months: 12 }, true)).toEqual(['T6', 'T7', 'T8', 'T9']);
    });

    it('a missing measure is treated as an OTS', () => {
      expect(starts('measure_pronounced', {}, true)).toEqual(['T6', 'T7', 'T8', 'T9']);
    });

    it('measureTimers agrees', () => {
      expect(measureTimers('VOORLOPIGE_OTS', true)).toEqual(['T6', 'T7', 'T10']);
      expect(measureTimers('VOORLOPIGE_OTS', false)).toEqual(['T6', 'T7', 'T10']);
      expect(measureTimers('OTS', true)).toEqual(['T6', 'T7', 'T8', 'T9']);
      expect(measureTimers('OTS', false)).toEqual(['T6', 'T7']);
    });
  });

  it('measure_extended stops the old T8/T9 and starts new ones (a new cycle)', () => {
    const fx = timerEffects('measure_extended', { months: 12 }, true);
    expect([...fx.stops].sort()).toEqual(['T8', 'T9']);
    expect(fx.starts.map((s) => s.timer).sort()).toEqual(['T8', 'T9']);
    expect(fx.starts.every((s) => s.due === undefined)).toBe(true);
  });

  it('activity and the other content-free events start and stop no timer (T13 restarts elsewhere on any human action)', () => {
    for (const event of ['activity', 'jeugdhulp_ended', 'crisis_event'] as const) {
      expect(timerEffects(event, {}, true), event).toEqual({ starts: [], stops: [] });
    }
  });

  it('decision_done (an extension, README decisions) stops only the DECISION timer', () => {
    expect(timerEffects('decision_done', {}, false)).toEqual({ starts: [], stops: ['DECISION'] });
  });

  it('no event of the scenario table touches T12, T13 or the decision deadline (they belong to handovers, silence and escalations)', () => {
    for (const event of CASE_EVENTS.filter((e) => e !== 'decision_done')) {
      for (const measure of MEASURES) {
        const fx = timerEffects(event, { measure, outcome: 'report_back', months: 12 }, true);
        const touched = [...fx.starts.map((s) => s.timer), ...fx.stops];
        expect(touched, event).not.toContain('T12');
        expect(touched, event).not.toContain('T13');
        expect(touched, event).not.toContain('DECISION');
      }
    }
  });

  it('every timer T1–T11, T15 and T16 has an event that starts it and one that stops it', () => {
    const started = new Set<TimerId>();
    const stopped = new Set<TimerId>();
    for (const event of CASE_EVENTS.filter((e) => e !== 'decision_done')) {
      for (const measure of MEASURES) {
        const fx = timerEffects(event, { measure, outcome: 'report_back', months: 12 }, true);
        fx.starts.forEach((s) => started.add(s.timer));
        fx.stops.forEach((t) => stopped.add(t));
      }
    }
    const t1to11: TimerId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T15', 'T16'];
    expect([...started].sort()).toEqual([...t1to11].sort());
    expect([...stopped].sort()).toEqual([...t1to11].sort());
  });

  it('the event list contains every event of the scenario table plus the content-free KPI events', () => {
    expect([...CASE_EVENTS].sort()).toEqual(
      [
        'melding_received',
        'safety_assessment_done',
        'vt_followup_done',
        'jbt_decision',
        'report_back_done',
        'rvdk_request_received',
        'rvdk_investigation_started',
        'rvdk_investigation_done',
        'measure_pronounced',
        'jeugdbeschermer_assigned',
        'plan_of_approach_done',
        'ots_evaluation_done',
        'measure_extended',
        'measure_ended',
        'jeugdhulp_needed',
        'jeugdhulp_started',
        'jeugdhulp_ended',
        'crisis_event',
        'activity',
        'decision_done',
        'report_back_not_needed',
        'consult_requested',
        'consult_given',
        'preventive_jb_requested',
        'preventive_jb_approved',
        'preventive_jb_consent',
        'preventive_jb_started',
        'jeugdhulp_proposed',
        'jeugdhulp_decided',
        'bridging_agreed',
        'ret_engaged',
      ].sort(),
    );
  });

  it('completingEvents: what a nudge card offers is exactly what stops the term in the table', () => {
    expect(completingEvents('T1')).toEqual(['safety_assessment_done']);
    expect(completingEvents('T2')).toEqual(['vt_followup_done', 'rvdk_request_received']);
    expect(completingEvents('T3')).toEqual(['report_back_done', 'report_back_not_needed']);
    expect(completingEvents('T6')).toEqual(['jeugdbeschermer_assigned']);
    expect(completingEvents('T9')).toEqual(['measure_extended', 'measure_ended']);
    expect(completingEvents('T10')).toEqual(['measure_ended']); // a new measure is no button: it needs its own form
    expect(completingEvents('T12')).toEqual([]); // a checklist's acceptance ends it
    expect(completingEvents('DECISION')).toEqual(['decision_done']);
    for (const timer of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T11', 'T15', 'T16'] as const) {
      for (const e of completingEvents(timer)) expect(stops(e), `${e} stops ${timer}`).toContain(timer);
    }
  });
});

describe('the stage follows the events (forward only)', () => {
  it.each([
    ['melding_received', 'SIGNAL', 'VT_SAFETY_ASSESSMENT'],
    ['safety_assessment_done', 'VT_SAFETY_ASSESSMENT', 'VT_FOLLOWUP'],
    ['safety_assessment_done', 'SIGNAL', 'VT_FOLLOWUP'],
    ['rvdk_request_received', 'LT_VOLUNTARY', 'RVDK_INVESTIGATION'],
    ['rvdk_request_received', 'JBT_HELD', 'RVDK_INVESTIGATION'],
    ['measure_pronounced', 'RVDK_INVESTIGATION', 'GI_ASSIGNMENT'],
    ['measure_pronounced', 'COURT', 'GI_ASSIGNMENT'],
    ['jeugdbeschermer_assigned', 'GI_ASSIGNMENT', 'GI_EXECUTION'],
    ['jeugdbeschermer_assigned', 'COURT', 'GI_EXECUTION'],
  ] as const)('%s moves %s to %s', (event, from, to) => {
    expect(stageAfterEvent(event, {}, from)).toBe(to);
  });

  it.each([
    ['melding_received', 'GI_EXECUTION'], // a new melding during a measure does not move the case back
    ['melding_received', 'VT_SAFETY_ASSESSMENT'], // already there
    ['measure_pronounced', 'GI_EXECUTION'], // a second measure
    ['rvdk_request_received', 'AFSCHALEN'],
    ['jeugdbeschermer_assigned', 'CLOSED'],
    ['activity', 'SIGNAL'],
  ] as const)('%s leaves %s where it is', (event, from) => {
    expect(stageAfterEvent(event, {}, from)).toBeUndefined();
  });

  it('the table hands back: voluntary or report_back from a JBT stage → LT_VOLUNTARY, elsewhere nothing', () => {
    expect(stageAfterEvent('jbt_decision', { outcome: 'voluntary' }, 'JBT_REQUESTED')).toBe('LT_VOLUNTARY');
    expect(stageAfterEvent('jbt_decision', { outcome: 'report_back' }, 'JBT_HELD')).toBe('LT_VOLUNTARY');
    expect(stageAfterEvent('jbt_decision', { outcome: 'investigation' }, 'JBT_HELD')).toBeUndefined();
    expect(stageAfterEvent('jbt_decision', { outcome: 'voluntary' }, 'RVDK_INVESTIGATION')).toBeUndefined();
  });

  it('isEarlierStage follows the order of the stages', () => {
    expect(isEarlierStage('SIGNAL', 'CLOSED')).toBe(true);
    expect(isEarlierStage('GI_EXECUTION', 'GI_ASSIGNMENT')).toBe(false);
    expect(isEarlierStage('COURT', 'COURT')).toBe(false);
  });
});
