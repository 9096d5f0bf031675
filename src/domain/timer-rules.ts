import { CASE_STAGES, type CaseStage, type Measure, type TimerId } from './types.js';

// The event table (docs/scenario-format.md, docs/behaviour.md "Events"): which recorded events start and stop which
// timers, and how the stage follows the events. The one place the chat, the cards and the replay read it from.

export const CASE_EVENTS = [
  'melding_received',
  'safety_assessment_done',
  'vt_followup_done',
  'jbt_decision',
  'report_back_done',
  'report_back_not_needed',
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
  'decision_done',
  'activity',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const JBT_OUTCOMES = ['voluntary', 'report_back', 'investigation'] as const;
export type JbtOutcome = (typeof JBT_OUTCOMES)[number];

export interface EventFields {
  outcome?: JbtOutcome | 'approved' | 'declined';
  reportBackBy?: string;
  measure?: Measure;
  months?: number;
  member?: string;
  parentsInformed?: 'yes' | 'no';
  informedOn?: string;
  until?: string;
  reason?: string;
  escalation?: number;
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
  const none: TimerEffects = { starts: [], stops: [] };
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
    case 'report_back_not_needed':
      return { starts: [], stops: ['T3'] };
    case 'rvdk_request_received':
      // The Raad takes the case over: Veilig Thuis's own investigation term ends with it.
      return { starts: start('T4'), stops: ['T2'] };
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
    case 'consult_requested':
      return { starts: start('T15'), stops: [] };
    case 'consult_given':
      return { starts: [], stops: ['T15'] };
    case 'jeugdhulp_proposed':
      return { starts: start('T16'), stops: [] };
    case 'jeugdhulp_decided':
      return { starts: [], stops: ['T16'] };
    case 'decision_done':
      // The owner of an escalation decision reports it carried out; its DECISION timer stops.
      return { starts: [], stops: ['DECISION'] };
    case 'jeugdhulp_ended':
    case 'crisis_event':
    case 'preventive_jb_requested':
    case 'preventive_jb_approved':
    case 'preventive_jb_consent':
    case 'preventive_jb_started':
    case 'bridging_agreed':
    case 'ret_engaged':
    case 'activity':
      return none;
  }
}

/**
 * The events that complete a term (its nudge card offers them). Derived from the event table, so a new stop is offered
 * everywhere at once; restarting events (a new measure) count where they end the running cycle.
 */
export function completingEvents(timer: TimerId): CaseEvent[] {
  return CASE_EVENTS.filter((e) => e !== 'measure_pronounced' && timerEffects(e, {}, true).stops.includes(timer));
}

const STAGE_INDEX = new Map<CaseStage, number>(CASE_STAGES.map((s, i) => [s, i]));

/** Whether `a` comes before `b` in the order of the case stages (docs/behaviour.md, Stages). */
export function isEarlierStage(a: CaseStage, b: CaseStage): boolean {
  return STAGE_INDEX.get(a)! < STAGE_INDEX.get(b)!;
}

const EVENT_STAGE: Partial<Record<CaseEvent, CaseStage>> = {
  melding_received: 'VT_SAFETY_ASSESSMENT',
  safety_assessment_done: 'VT_FOLLOWUP',
  rvdk_request_received: 'RVDK_INVESTIGATION',
  measure_pronounced: 'GI_ASSIGNMENT',
  jeugdbeschermer_assigned: 'GI_EXECUTION',
};

/**
 * The stage an event moves the case to, if any. Forward only, so a new melding during a measure does not move the case
 * back — with one exception: the table's decision to stay voluntary gives the family back to the Lokaal Team.
 */
export function stageAfterEvent(event: CaseEvent, fields: EventFields, current: CaseStage): CaseStage | undefined {
  if (current === 'CLOSED') return undefined;
  if (event === 'jbt_decision') {
    const back = fields.outcome === 'voluntary' || fields.outcome === 'report_back';
    return back && (current === 'JBT_REQUESTED' || current === 'JBT_HELD') ? 'LT_VOLUNTARY' : undefined;
  }
  const target = EVENT_STAGE[event];
  return target !== undefined && isEarlierStage(current, target) ? target : undefined;
}
