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
} from '../cards/card-kit.js';
import { notice, STEP_TEXT, warning } from '../cards/workflow-labels.js';

// The nudge about a term: which case, which term, why now, and what to do. Whoever acts on it (the owner, the owner's
// lead; for a handover also the receiver) gets the action card: pick it up, postpone once with a reason, or record what
// completes it. Every other case professional gets the status card: what is late since when and who owns it, so the
// team knows what stalls. T3 is a check-in: terugmelden is an option. No family details: reference, municipality, dates.

export interface NudgeView {
  caseRef: string;
  municipality: string;
  timer: TimerId;
  timerId: number;
  timerLabel: string;
  step: TimerStep;
  dueDate: string;
  /** The day after the due date: the term is late since then. */
  ownerName: string | null;
  /** 'status': the reader does not act on the term (another case professional): they see what is late and who owns it. */
  audience: 'action' | 'status';
  /** The reader may pick the term up and postpone it (its owner, or someone up the owner's lead chain). */
  mayManage: boolean;
  state: 'open' | 'completed' | 'stopped';
  postponeCount: number;
  acknowledgedBy: string | null;
  /** Events that complete this term, with their Dutch labels (empty: nothing to record here). */
  completing: Array<{ event: CaseEvent; label: string }>;
  /** T6: who can be assigned as jeugdbeschermer. */
  jeugdbeschermers: Array<[string, string]>;
  /** T12: the handover whose checklist completes the timer. */
  handoverId: number | null;
  notice?: string;
}

function whatToDo(v: NudgeView): string {
  if (v.timer === 'T3')
    return 'Nemen de zorgen niet af, meld dan terug bij de Jeugdbeschermingstafel. Zijn ze afgenomen, leg dat vast: dan is terugmelden niet nodig.';
  if (v.timer === 'T12') return 'Rond de checklist van de warme overdracht af; de ontvanger accepteert daarna.';
  if (v.timer === 'DECISION')
    return 'Voer het besluit uit de escalatie uit vóór de deadline, en leg vast dat het is uitgevoerd.';
  if (v.timer === 'T13')
    return 'Er is al lang niets vastgelegd door de organisatie die nu aan zet is. Leg vast wat er gebeurt, ook als dat een overleg of contact is.';
  return 'Pak het op, of leg vast dat het gebeurd is. Lukt het niet op tijd, stel dan één keer uit met een reden.';
}

function completeActions(v: NudgeView): CardElement[] {
  const data = { caseRef: v.caseRef, timer: v.timer, timerId: v.timerId, step: v.step };
  if (v.timer === 'T12' && v.handoverId !== null)
    return [execute('Checklist openen', 'handover.view', { caseRef: v.caseRef, handoverId: v.handoverId })];
  return v.completing.map(({ event, label }) => {
    if (event === 'jeugdbeschermer_assigned')
      return showCard(
        `Vastleggen: ${label}`,
        [input.choice('member', 'Welke jeugdbeschermer?', v.jeugdbeschermers)],
        execute('Vastleggen', 'timer.complete', { ...data, event }, 'positive'),
      );
    if (event === 'consult_given')
      return showCard(
        `Vastleggen: ${label}`,
        [
          input.choice('parentsInformed', 'Weten de ouders dat er is meegedacht?', [
            ['yes', 'Ja'],
            ['no', 'Nee'],
          ]),
          input.date('informedOn', 'Zo ja: sinds wanneer?', false),
        ],
        execute('Vastleggen', 'timer.complete', { ...data, event }, 'positive'),
      );
    return execute(`Vastleggen: ${label}`, 'timer.complete', { ...data, event }, 'positive');
  });
}

function checkinActions(v: NudgeView): CardElement[] {
  const data = { caseRef: v.caseRef, timer: v.timer, timerId: v.timerId, step: v.step };
  return [
    execute(
      'Zorgen afgenomen, geen terugmelding nodig',
      'timer.complete',
      { ...data, event: 'report_back_not_needed' },
      'positive',
    ),
    execute('Terugmelden', 'timer.complete', { ...data, event: 'report_back_done' }),
  ];
}

function actions(v: NudgeView): CardElement[] {
  if (v.state !== 'open') return [];
  if (v.audience === 'status') return [execute('Casus bekijken', 'case.show', { caseRef: v.caseRef })];
  if (v.step === 'checkin') return checkinActions(v);
  const data = { caseRef: v.caseRef, timer: v.timer, timerId: v.timerId, step: v.step };
  const postponeNote =
    v.postponeCount > 0
      ? 'Deze termijn is al eens uitgesteld: nog een keer uitstellen kan alleen de teamleider.'
      : 'Je kunt één keer uitstellen (maximaal 10 werkdagen); een tweede keer uitstellen kan alleen je teamleider.';
  if (!v.mayManage) return completeActions(v); // a handover's receiver: the checklist, not the term
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
  if (v.audience === 'status')
    return [warning(`Deze termijn is verlopen: hij liep af op ${dutchDate(v.dueDate)} en is nog niet afgerond.`)];
  if (v.step === 'remind' || v.step === 'checkin') return [text(STEP_TEXT[v.step], { weight: 'Bolder' })];
  return [warning(STEP_TEXT[v.step])];
}

function readerLine(v: NudgeView): CardElement[] {
  if (v.state !== 'open') return [];
  if (v.audience === 'status')
    return [
      text(
        `${v.ownerName ?? 'De eigenaar'} is aan zet. Jij zit in het casusteam: weet je iets dat helpt, neem dan contact op. Loopt het verder vast, dan escaleert de bot vanzelf naar de teamleiders van alle organisaties.`,
      ),
    ];
  return [text(whatToDo(v))];
}

export function nudgeCard(v: NudgeView): AdaptiveCard {
  const status = [
    v.acknowledgedBy ? `opgepakt door ${v.acknowledgedBy}` : '',
    v.postponeCount > 0 ? `${v.postponeCount}× uitgesteld` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const title =
    v.step === 'checkin'
      ? 'Terugmelden bij de Jeugdbeschermingstafel?'
      : v.audience === 'status'
        ? `Verlopen in jouw casus: ${v.timerLabel}`
        : `Termijn: ${v.timerLabel}`;
  const body: CardElement[] = [
    ...(v.notice ? [notice(v.notice)] : []),
    heading(title),
    ...stateLine(v),
    facts([
      ['Casus', v.caseRef],
      ['Gemeente', v.municipality],
      ['Termijn', `${v.timerLabel} (${v.timer})`],
      [v.step === 'checkin' ? 'Terugmelden uiterlijk' : 'Uiterlijk', dutchDate(v.dueDate)],
      ['Eigenaar', v.ownerName ?? 'nog niemand'],
      ...(status ? ([['Stand', status]] as Array<[string, string]>) : []),
    ]),
    ...readerLine(v),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd). Ook opgepakt blijft de einddatum staan.'),
  ];
  return adaptiveCard(body, actions(v));
}
