import type { Measure, TimerId } from './types.js';

// The event table of scenario-format.md: which recorded events start and stop which timers.

export const CASE_EVENTS = [
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
  'decision_done',
  'activity',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export interface EventFields {
  outcome?: 'voluntary' | 'report_back' | 'investigation';
  reportBackBy?: string;
  measure?: Measure;
  months?: number;
  member?: string;
}

export interface TimerStart {
  timer: TimerId;
  /** An explicit due date (T3 `reportBackBy`) instead of the norm's term. */
  due?: string;
}

export interface TimerEffects {
  starts: TimerStart[];
  stops: TimerId[];
}

/** Timers a measure starts: a voorlopige OTS has its own 3-month clock (T10) instead of evaluation and expiry (T8/T9). */
export function measureTimers(measure: Measure, hasEnd: boolean): TimerId[] {
  if (measure === 'VOORLOPIGE_OTS') return ['T6', 'T7', 'T10'];
  return hasEnd ? ['T6', 'T7', 'T8', 'T9'] : ['T6', 'T7'];
}

export function timerEffects(event: CaseEvent, fields: EventFields, measureHasEnd: boolean): TimerEffects {
  const start = (...timers: TimerId[]): TimerStart[] => timers.map((timer) => ({ timer }));
  switch (event) {
    case 'melding_received':
      return { starts: start('T1'), stops: [] };
    case 'safety_assessment_done':
      return { starts: start('T2'), stops: ['T1'] };
    case 'vt_followup_done':
      return { starts: [], stops: ['T2'] };
    case 'jbt_decision':
      return { starts: fields.outcome === 'report_back' ? [{ timer: 'T3', due: fields.reportBackBy }] : [], stops: [] };
    case 'report_back_done':
      return { starts: [], stops: ['T3'] };
    case 'rvdk_request_received':
      return { starts: start('T4'), stops: [] };
    case 'rvdk_investigation_started':
      return { starts: start('T5'), stops: ['T4'] };
    case 'rvdk_investigation_done':
      return { starts: [], stops: ['T5'] };
    case 'measure_pronounced':
      // A (definitive) measure after a voorlopige OTS ends the voorlopige clock.
      return {
        starts: start(...measureTimers(fields.measure ?? 'OTS', measureHasEnd)),
        stops: fields.measure === 'VOORLOPIGE_OTS' ? [] : ['T10'],
      };
    case 'jeugdbeschermer_assigned':
      return { starts: [], stops: ['T6'] };
    case 'plan_of_approach_done':
      return { starts: [], stops: ['T7'] };
    case 'ots_evaluation_done':
      return { starts: [], stops: ['T8'] };
    case 'measure_extended':
      return { starts: start('T8', 'T9'), stops: ['T8', 'T9'] };
    case 'measure_ended':
      return { starts: [], stops: ['T8', 'T9', 'T10'] };
    case 'jeugdhulp_needed':
      return { starts: start('T11'), stops: [] };
    case 'jeugdhulp_started':
      return { starts: [], stops: ['T11'] };
    case 'decision_done':
      // Extension: the owner of an escalation decision reports it carried out; its DECISION timer stops.
      return { starts: [], stops: ['DECISION'] };
    default:
      return { starts: [], stops: [] };
  }
}
