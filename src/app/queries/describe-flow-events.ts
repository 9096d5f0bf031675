import { dutchDateLong } from '../../domain/dutch-date.js';
import { isLocalDate } from '../../domain/local-date.js';
import type { MemberId } from '../../domain/types.js';

// The flows between organisations (docs/behaviour.md, "Flows between organisations") in plain Dutch, for the case
// history: a consultation says who was asked by whom and when, when the advice came and whether the parents know
// ("registreren zodat ouders weten dat we meegedacht hebben"). Free text (a refusal's reason) stays in the audit log.

export interface RecordedEvent {
  event: string;
  fields: Record<string, unknown>;
  at: number;
  by: MemberId;
}

export interface HistoryWords {
  /** "Naam (organisatie)". */
  who(id: MemberId): string;
  /** The moment, as the rest of the document writes it. */
  when(at: number): string;
}

const dateText = (v: unknown): string => (typeof v === 'string' && isLocalDate(v) ? dutchDateLong(v) : String(v));

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
    return `- ${asked}; ${given}`;
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
      return `Consultatie gevraagd aan ${w.who(String(f.member))}`;
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
        ? 'Besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen (de reden staat in het auditlog)'
        : f.outcome === 'approved'
          ? 'Besluit van de gemeente over de voorgedragen jeugdhulp: akkoord'
          : 'Besluit van de gemeente over de voorgedragen jeugdhulp';
    case 'bridging_agreed':
      return `Overbruggingszorg afgesproken: ${w.who(String(f.member))} biedt overbruggingszorg tot ${dateText(f.until)}`;
    case 'ret_engaged':
      return f.escalation !== undefined
        ? `Regionaal Expertteam ingeschakeld bij escalatie #${String(f.escalation)}`
        : 'Regionaal Expertteam ingeschakeld';
    default:
      return undefined;
  }
}
