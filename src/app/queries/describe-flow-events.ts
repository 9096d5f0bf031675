import { EVENT_LABELS } from '../../domain/event-labels.js';
import { MEASURE_LABELS } from '../../domain/measure-labels.js';
import { OUTCOME_LABELS } from '../../domain/outcome-labels.js';
import { STAGE_LABELS } from '../../domain/stage-labels.js';
import { CASE_EVENTS, type CaseEvent } from '../../domain/timer-rules.js';
import { MEASURES, CASE_STAGES, type MemberId } from '../../domain/types.js';
import { dutchDateLong } from '../../domain/dutch-date.js';
import { isLocalDate } from '../../domain/local-date.js';

// Every recorded event of a case as a Dutch sentence, for the inzage export: the flows between organisations
// (docs/behaviour.md, "Flows between organisations") say who was asked by whom and when, when the advice came and
// whether the parents know ("registreren zodat ouders weten dat we meegedacht hebben"); the other events say what
// happened with the details they carry (which measure, which outcome, until when). Never an event's code or its fields.

export interface RecordedEvent {
  event: string;
  fields: Record<string, unknown>;
  at: number;
  by: MemberId;
}

export interface HistoryWords {
  /** "Naam (organisatie)". */
  who(id: MemberId): string;
  /** An instant, as the rest of the document writes it ("maandag 7 september 2026 om 09:10"). */
  when(at: number): string;
}

/** A working date in a sentence: "19 september 2022" (anything else as it is). */
export const dateText = (v: unknown): string =>
  typeof v === 'string' && isLocalDate(v) ? dutchDateLong(v) : String(v);

/** "ja, op 3 september 2026", "nee", or "niet vastgelegd". */
export function parentsInformedText(fields: Record<string, unknown>): string {
  if (fields.parentsInformed === 'yes')
    return fields.informedOn !== undefined ? `ja, op ${dateText(fields.informedOn)}` : 'ja';
  if (fields.parentsInformed === 'no') return 'nee';
  return 'niet vastgelegd';
}

export interface Consultation {
  request: RecordedEvent | undefined;
  answer: RecordedEvent | undefined;
}

/**
 * Each request with its answer. An answer belongs to the most recent open request asked of whoever gave it, else to
 * the most recent open one: the consultation its T15 cycle completed (recordEvent completes them that way).
 */
export function consultations(events: readonly RecordedEvent[]): Consultation[] {
  const all: Consultation[] = [];
  const open: Consultation[] = [];
  for (const e of events) {
    if (e.event === 'consult_requested') {
      const c = { request: e, answer: undefined };
      all.push(c);
      open.push(c);
    } else if (e.event === 'consult_given') {
      const mine = open.filter((c) => c.request?.fields.member === e.by);
      const chosen = (mine.length > 0 ? mine : open).at(-1);
      if (chosen) {
        chosen.answer = e;
        open.splice(open.indexOf(chosen), 1);
      } else {
        all.push({ request: undefined, answer: e });
      }
    }
  }
  return all;
}

/** The summary of every consultation of the case, one line each. */
export function consultationLines(events: readonly RecordedEvent[], w: HistoryWords): string[] {
  return consultations(events).map(({ request, answer }) => {
    const asked = request
      ? `${w.who(request.by)} vroeg ${w.who(String(request.fields.member))} om advies op ${w.when(request.at)}`
      : `${w.who(answer!.by)} gaf advies zonder vastgelegde vraag`;
    const given = answer
      ? `advies gegeven op ${w.when(answer.at)}; ouders geïnformeerd: ${parentsInformedText(answer.fields)}`
      : 'nog geen advies gegeven';
    return `- ${asked}; ${given}.`;
  });
}

/**
 * A flow event in plain words (without who recorded it); undefined for the other events. `request`: for an answer to
 * a consultation, the request it answered (see consultations).
 */
export function flowEventText(e: RecordedEvent, w: HistoryWords, request?: RecordedEvent): string | undefined {
  const f = e.fields;
  switch (e.event) {
    case 'consult_requested':
      return f.member !== undefined ? `Consultatie gevraagd aan ${w.who(String(f.member))}` : 'Consultatie gevraagd';
    case 'consult_given': {
      const of = request ? ` op de vraag van ${w.who(request.by)} van ${w.when(request.at)}` : '';
      return `Consultatie gegeven${of}; ouders geïnformeerd: ${parentsInformedText(f)}`;
    }
    case 'preventive_jb_requested':
      return 'Preventieve jeugdbescherming aangevraagd';
    case 'preventive_jb_approved':
      return 'Preventieve jeugdbescherming goedgekeurd door het Lokaal Team';
    case 'preventive_jb_consent':
      return 'Instemming van het gezin met preventieve jeugdbescherming vastgelegd';
    case 'preventive_jb_started':
      return 'Preventieve jeugdbescherming gestart';
    case 'jeugdhulp_proposed':
      return 'Jeugdhulp voorgedragen bij de gemeente';
    case 'jeugdhulp_decided':
      return f.outcome === 'declined'
        ? 'Besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen'
        : f.outcome === 'approved'
          ? 'Besluit van de gemeente over de voorgedragen jeugdhulp: akkoord'
          : 'Besluit van de gemeente over de voorgedragen jeugdhulp';
    case 'bridging_agreed': {
      const until = f.until !== undefined ? ` tot ${dateText(f.until)}` : '';
      return f.member !== undefined
        ? `Overbruggingszorg afgesproken: ${w.who(String(f.member))} biedt overbruggingszorg${until}`
        : `Overbruggingszorg afgesproken${until}`;
    }
    case 'ret_engaged':
      return f.escalation !== undefined
        ? `Regionaal Expertteam ingeschakeld bij escalatie ${String(f.escalation)}`
        : 'Regionaal Expertteam ingeschakeld';
    default:
      return undefined;
  }
}

const isCaseEvent = (event: string): event is CaseEvent => (CASE_EVENTS as readonly string[]).includes(event);
const stageText = (v: unknown): string =>
  (CASE_STAGES as readonly unknown[]).includes(v) ? STAGE_LABELS[v as (typeof CASE_STAGES)[number]] : 'onbekend';
const months = (v: unknown): string => (v === 1 ? '1 maand' : `${String(v)} maanden`);

/** A recorded case event (CASE_EVENTS) with the details it carries; the flows as flowEventText says them. */
function caseEventSentence(event: CaseEvent, e: RecordedEvent, w: HistoryWords, request?: RecordedEvent): string {
  const f = e.fields;
  const label = EVENT_LABELS[event];
  switch (event) {
    case 'jbt_decision': {
      const outcome = typeof f.outcome === 'string' && f.outcome in OUTCOME_LABELS ? f.outcome : undefined;
      const what = outcome ? `: ${OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS].toLowerCase()}` : '';
      const by = f.reportBackBy !== undefined ? `; terugmelden uiterlijk ${dateText(f.reportBackBy)}` : '';
      return `${label}${what}${by}`;
    }
    case 'measure_pronounced': {
      const measure = (MEASURES as readonly unknown[]).includes(f.measure)
        ? `: ${MEASURE_LABELS[f.measure as (typeof MEASURES)[number]]}`
        : '';
      return `${label}${measure}${f.months !== undefined ? `, voor ${months(f.months)}` : ''}`;
    }
    case 'measure_extended':
      return `${label}${f.months !== undefined ? ` met ${months(f.months)}` : ''}`;
    case 'jeugdbeschermer_assigned':
      return f.member !== undefined ? `${label}: ${w.who(String(f.member))}` : label;
    case 'decision_done':
      return f.escalation !== undefined ? `${label} (escalatie ${String(f.escalation)})` : label;
    default:
      return flowEventText(e, w, request) ?? label;
  }
}

/**
 * Any event of the case history as a sentence (without who recorded it or why): the recorded case events, and the
 * ones the bot writes itself (a stage change, the closing, an acute report and its follow-up). An event this version
 * does not know reads as "Andere gebeurtenis vastgelegd", never as its code.
 */
export function eventText(e: RecordedEvent, w: HistoryWords, request?: RecordedEvent): string {
  if (isCaseEvent(e.event)) return caseEventSentence(e.event, e, w, request);
  switch (e.event) {
    case 'stage_changed':
      return `Fase gewijzigd van ${stageText(e.fields.from)} naar ${stageText(e.fields.to)}`;
    case 'case_closed':
      return 'Casus gesloten';
    case 'acute_reported':
      return 'Acuut onveilige situatie gemeld; de betrokken professionals zijn direct gewaarschuwd';
    case 'acute_followup':
      return e.fields.jointDecision === true
        ? 'Na de melding van acute onveiligheid vastgelegd dat er samen een besluit is genomen'
        : 'Na de melding van acute onveiligheid vastgelegd dat er geen gezamenlijk besluit is genomen';
    default:
      return 'Andere gebeurtenis vastgelegd';
  }
}
