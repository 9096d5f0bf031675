import type { CaseEvent } from '../../../domain/timer-rules.js';
import type { TimerId, TimerStep } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  facts,
  heading,
  input,
  showCard,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from './card-kit.js';
import { notice, STEP_TEXT, warning } from './workflow-labels.js';

// The nudge about a timer (domain.md §4.1): which case, which term, why now, and what to do — pick it up, postpone
// once with a reason, or record the event that completes it. No family details: reference, municipality, dates.

export interface NudgeView {
  caseRef: string;
  municipality: string;
  timer: TimerId;
  timerId: number;
  timerLabel: string;
  step: TimerStep;
  dueDate: string;
  ownerName: string | null;
  state: 'open' | 'completed' | 'stopped';
  postponeCount: number;
  acknowledgedBy: string | null;
  /** Events that stop this timer, with their Dutch labels (empty: nothing to record here). */
  completing: Array<{ event: CaseEvent; label: string }>;
  /** T6: who can be assigned as jeugdbeschermer. */
  jeugdbeschermers: Array<[string, string]>;
  /** T12: the handover whose checklist completes the timer. */
  handoverId: number | null;
  notice?: string;
}

function whatToDo(v: NudgeView): string {
  if (v.timer === 'T12') return 'Rond de checklist van de warme overdracht af; de ontvanger accepteert daarna.';
  if (v.timer === 'DECISION')
    return 'Voer het besluit uit de escalatie uit vóór de deadline, en leg vast dat het is uitgevoerd.';
  if (v.timer === 'T13')
    return 'Er is al lang niets vastgelegd. Leg vast wat er gebeurt, ook als dat een overleg of contact is.';
  return 'Pak het op, of leg vast dat het gebeurd is. Lukt het niet op tijd, stel dan één keer uit met een reden.';
}

function completeActions(v: NudgeView): CardElement[] {
  const data = { caseRef: v.caseRef, timer: v.timer, timerId: v.timerId, step: v.step };
  if (v.timer === 'T12' && v.handoverId !== null)
    return [execute('Checklist openen', 'handover.view', { caseRef: v.caseRef, handoverId: v.handoverId })];
  return v.completing.map(({ event, label }) =>
    event === 'jeugdbeschermer_assigned'
      ? showCard(
          `Vastleggen: ${label}`,
          [input.choice('member', 'Welke jeugdbeschermer?', v.jeugdbeschermers)],
          execute('Vastleggen', 'timer.complete', { ...data, event }, 'positive'),
        )
      : execute(`Vastleggen: ${label}`, 'timer.complete', { ...data, event }, 'positive'),
  );
}

function actions(v: NudgeView): CardElement[] {
  if (v.state !== 'open') return [];
  const data = { caseRef: v.caseRef, timer: v.timer, timerId: v.timerId, step: v.step };
  const postponeNote =
    v.postponeCount > 0
      ? 'Deze termijn is al eens uitgesteld: nog een keer uitstellen kan alleen de teamleider.'
      : 'Je kunt één keer uitstellen (maximaal 10 werkdagen); een tweede keer uitstellen kan alleen je teamleider.';
  return [
    ...(v.acknowledgedBy ? [] : [execute('Ik pak het op', 'timer.ack', data, 'positive')]),
    showCard(
      'Uitstellen',
      [
        subtle(postponeNote),
        input.date('until', 'Nieuwe einddatum'),
        input.text('reason', 'Reden (zonder namen of andere gegevens van het gezin)', {
          required: true,
          maxLength: 500,
          multiline: true,
        }),
      ],
      execute('Uitstellen', 'timer.postpone', data),
    ),
    ...completeActions(v),
  ];
}

function stateLine(v: NudgeView): CardElement[] {
  if (v.state === 'completed') return [notice('Deze termijn is afgerond.')];
  if (v.state === 'stopped') return [subtle('Deze termijn loopt niet meer.')];
  return [v.step === 'remind' ? text(STEP_TEXT.remind, { weight: 'Bolder' }) : warning(STEP_TEXT[v.step])];
}

export function nudgeCard(v: NudgeView): AdaptiveCard {
  const status = [
    v.acknowledgedBy ? `opgepakt door ${v.acknowledgedBy}` : '',
    v.postponeCount > 0 ? `${v.postponeCount}× uitgesteld` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const body: CardElement[] = [
    ...(v.notice ? [notice(v.notice)] : []),
    heading(`Termijn: ${v.timerLabel}`),
    ...stateLine(v),
    facts([
      ['Casus', v.caseRef],
      ['Gemeente', v.municipality],
      ['Termijn', `${v.timerLabel} (${v.timer})`],
      ['Uiterlijk', dutchDate(v.dueDate)],
      ['Eigenaar', v.ownerName ?? 'nog niemand'],
      ...(status ? ([['Stand', status]] as Array<[string, string]>) : []),
    ]),
    ...(v.state === 'open' ? [text(whatToDo(v))] : []),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd). Ook opgepakt blijft de einddatum staan.'),
  ];
  return adaptiveCard(body, actions(v));
}
