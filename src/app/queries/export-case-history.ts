import { escalationName } from '../../domain/escalation-series.js';
import { auditActionLabel } from '../../domain/audit-action-labels.js';
import { DomainError } from '../../domain/domain-error.js';
import { dutchDateLong } from '../../domain/dutch-date.js';
import { EVENT_LABELS } from '../../domain/event-labels.js';
import { BASIS_LABELS, type SharingBasis } from '../../domain/handover-templates.js';
import { HANDOVER_STATE_LABELS } from '../../domain/handover-state-labels.js';
import { LEVEL_LABELS } from '../../domain/level-labels.js';
import { isLocalDate, weekday, type LocalDate } from '../../domain/local-date.js';
import { MEASURE_LABELS } from '../../domain/measure-labels.js';
import type { EscalationRecord, HandoverRecord, MembershipRecord, TimerRecord } from '../../domain/records.js';
import { STAGE_LABELS } from '../../domain/stage-labels.js';
import { CASE_EVENTS } from '../../domain/timer-rules.js';
import { TRIGGER_LABELS } from '../../domain/trigger-labels.js';
import {
  CASE_STAGES,
  ESCALATION_LEVELS,
  HANDOVER_MOMENTS,
  ORG_LABELS,
  ROLE_LABELS,
  TIMER_IDS,
  type CaseStage,
  type EscalationLevel,
  type HandoverMoment,
  type Member,
  type MemberId,
  type TimerId,
} from '../../domain/types.js';
import { toWallClock } from '../../domain/zoned-time.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase } from '../case-access.js';
import { escalationOfAudit } from '../escalations/escalation-pick.js';
import { hiddenTermAudience } from '../escalations/select-escalation.js';
import { BOT_ACTOR } from '../notifications.js';
import {
  consultationLines,
  consultations,
  dateText,
  eventText,
  type HistoryWords,
  type RecordedEvent,
} from './describe-flow-events.js';
import { visibleEscalations } from './get-case-view.js';

// The family's right of access (AVG art. 15): everything the bot recorded about a case — who recorded what, when and
// why — as a document a professional can hand to the family. Dutch headings and words only: every event, term,
// handover item, escalation and audit entry is written as a sentence with its dates written out, never as a code or a
// field list; free text (reasons, questions, decisions) stays as it was typed (it passed the personal-data guard).
// For current members and pilot coordinators only; a worrying-conduct escalation, its audit entries and its
// decision's term stay with its own participants. The export itself is audit-logged; the document is not stored.

export interface ExportCaseHistoryInput {
  by: MemberId;
  caseRef: string;
  /** How the document leaves the bot: shown in the chat (default) or handed over as a file; said in the audit entry. */
  as?: 'chat' | 'file';
}

export const EXPORT_REASON = 'inzageverzoek (AVG art. 15)';
const FILE_REASON = `${EXPORT_REASON}, als bestand`;

/** Audit actions that only record a look: repeated ones are counted on one line. */
const VIEWS: ReadonlySet<string> = new Set(['case.viewed', 'handover.viewed']);

const DAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];

/** "maandag 7 september 2026" */
export const dayText = (date: LocalDate): string => `${DAYS[weekday(date)]} ${dutchDateLong(date)}`;

const pad = (n: number) => String(n).padStart(2, '0');
const clockText = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** "Ends with a full stop": free text that already ends a sentence keeps its own mark. */
const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function section(title: string, lines: string[], none: string): string[] {
  return ['', title, '-'.repeat(title.length), ...(lines.length > 0 ? lines : [none])];
}

const isStage = (v: unknown): v is CaseStage => (CASE_STAGES as readonly unknown[]).includes(v);
const isLevel = (v: unknown): v is EscalationLevel => (ESCALATION_LEVELS as readonly unknown[]).includes(v);
const isMoment = (v: unknown): v is HandoverMoment => (HANDOVER_MOMENTS as readonly unknown[]).includes(v);
const isTimer = (v: unknown): v is TimerId => (TIMER_IDS as readonly unknown[]).includes(v);
const isBasis = (v: unknown): v is SharingBasis => typeof v === 'string' && Object.hasOwn(BASIS_LABELS, v);

/** The level without its code: "teamleiders" for L1. */
const levelText = (v: unknown): string => (isLevel(v) ? LEVEL_LABELS[v].replace(/^L\d\s+/, '') : 'een hoger niveau');

/** Why a term ended, in words: the event that completed it by its Dutch name, the bot's own reasons as they are. */
function stopReasonText(reason: string): string {
  if ((CASE_EVENTS as readonly string[]).includes(reason))
    return EVENT_LABELS[reason as (typeof CASE_EVENTS)[number]].toLowerCase();
  if (reason === 'handover_accepted') return 'warme overdracht geaccepteerd';
  return reason;
}

/** An automatic escalation's decision ("afgerond: <what ended its terms>") with those reasons in words. */
function decisionText(e: Pick<EscalationRecord, 'source'>, decision: string): string {
  if (e.source !== 'timer' || !decision.startsWith('afgerond: ')) return decision;
  return `afgerond: ${decision.slice('afgerond: '.length).split(', ').map(stopReasonText).join(', ')}`;
}

export function exportCaseHistory(ctx: AppContext, input: ExportCaseHistoryInput): string {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  const isMember = loaded.team.members.some((m) => m.memberId === loaded.actor.id);
  if (!isMember && loaded.actor.role !== 'pilot_coordinator') {
    throw new DomainError(
      'EXPORT_NOT_ALLOWED',
      'Een overzicht van alles wat is vastgelegd kunnen alleen leden van het casusteam en pilotcoördinatoren opvragen.',
    );
  }
  const document = caseHistoryDocument(ctx, loaded.record.id, loaded.actor);
  ctx.store.transaction(() =>
    ctx.store.audit.append({
      at: ctx.clock.now(),
      actor: loaded.actor.id,
      action: 'case.exported',
      caseId: loaded.record.id,
      reason: input.as === 'file' ? FILE_REASON : EXPORT_REASON,
      details: {},
    }),
  );
  return document;
}

/** The document itself, as `viewer` may read it. */
function caseHistoryDocument(ctx: AppContext, caseId: number, viewer: Member): string {
  const c = ctx.store.cases.byId(caseId)!;
  const tz = ctx.calendar.timezone;
  const when = (at: number) => {
    const w = toWallClock(at, tz);
    return `${dayText(w.date)} om ${clockText(w.minutes)}`;
  };
  const name = (id: MemberId | null | undefined): string => {
    if (id === BOT_ACTOR) return 'de bot (automatisch)';
    const m = id ? ctx.roster.member(id) : undefined;
    return m ? m.name : 'iemand die niet meer in het rooster staat';
  };
  const who = (id: MemberId | null | undefined): string => {
    const m = id && id !== BOT_ACTOR ? ctx.roster.member(id) : undefined;
    return m ? `${m.name} (${m.orgName})` : name(id);
  };
  const words: HistoryWords = { who, when };
  const momentText = (m: unknown) => (isMoment(m) ? ctx.handoverTemplates.momentLabel(m) : 'een warme overdracht');
  const termText = (t: unknown) => (isTimer(t) ? ctx.norms.timers[t].label : 'een termijn');
  const itemText = (moment: unknown, item: unknown) =>
    (isMoment(moment) ? ctx.handoverTemplates.itemsFor(moment).find((i) => i.id === item)?.label : undefined) ??
    'een punt van een eerdere versie van de lijst';

  // Worrying-conduct escalations stay with their own participants (docs/behaviour.md, Escalations), also in an export:
  // the escalation, its audit entries and the term of its decision.
  const escalations = visibleEscalations(ctx, c.id, viewer);
  const visible = new Set(escalations.map((e) => e.id));
  const all = ctx.store.escalations.ofCase(c.id);
  const aboutHidden = (details: Record<string, unknown>) => {
    const e = escalationOfAudit(all, details);
    return e !== undefined && !visible.has(e.id);
  };
  const timers = ctx.store.timers.all(c.id);
  const hiddenTerm = (t: TimerRecord) => {
    const audience = hiddenTermAudience(ctx, t);
    return audience !== undefined && !audience.includes(viewer.id);
  };
  const hiddenTerms = new Set(timers.filter(hiddenTerm).map((t) => `${t.timer}#${t.cycle}`));
  const audit = ctx.store
    .auditOf(c.id)
    .filter((a) => !aboutHidden(a.details))
    .filter((a) => !hiddenTerms.has(`${String(a.details.timer)}#${String(a.details.cycle)}`));

  const events = ctx.store.cases.events(c.id);
  const answered = new Map(
    consultations(events).flatMap(({ request, answer }) => (answer ? [[answer, request] as const] : [])),
  );
  // Why an event was recorded (a refusal's reason) is kept with its audit entry, never with the event's fields.
  const reasons = new Map(
    audit
      .filter((a) => a.action === 'event.recorded' && a.reason)
      .map((a) => [`${a.at}|${a.actor}|${String(a.details.event)}`, a.reason!] as const),
  );
  const eventLine = (e: RecordedEvent) => {
    const why = reasons.get(`${e.at}|${e.by}|${e.event}`);
    return `- ${when(e.at)} — ${sentence(eventText(e, words, answered.get(e)))} Vastgelegd door ${who(e.by)}.${why ? ` Reden: ${sentence(why)}` : ''}`;
  };

  const lines = [
    `Inzage-overzicht casus ${c.ref}`,
    'Wat de teammodel-bot over deze casus heeft vastgelegd (inzage volgens artikel 15 van de AVG)',
    '',
    `Opgesteld op ${when(ctx.clock.now())}, op verzoek van ${who(viewer.id)}.`,
    ...section(
      'Over dit overzicht',
      [
        'De teammodel-bot is een hulpmiddel in Microsoft Teams. De professionals die met uw gezin werken, gebruiken hem om hun samenwerking af te stemmen: wie er betrokken is, welke stappen zijn gezet, welke termijnen lopen en hoe het werk wordt overgedragen.',
        'De bot is geen dossier. Hij bewaart geen namen, adressen, geboortedata of inhoudelijke informatie over uw gezin; die staan in de dossiers van de organisaties zelf, en daar kunt u ook om inzage vragen.',
        'Hieronder staat alles wat de bot over deze casus heeft vastgelegd: wie wat vastlegde, wanneer en waarom. Redenen, vragen en besluiten staan er letterlijk in, zoals de professional ze heeft ingevoerd. Alle tijden zijn Nederlandse tijd.',
      ],
      '',
    ),
    ...section('Casus', caseLines(), ''),
    ...section('Het casusteam', ctx.store.cases.memberships(c.id).map(teamLine), 'Er staat niemand in het casusteam.'),
    ...section('Wat er gebeurde', events.map(eventLine), 'Er zijn geen gebeurtenissen vastgelegd.'),
    ...section('Consultaties', consultationLines(events, words), 'Er is niemand geconsulteerd.'),
    ...section(
      'Warme overdrachten',
      ctx.store.handovers.ofCase(c.id).flatMap(handoverLines),
      'Er zijn geen warme overdrachten geweest.',
    ),
    ...section('Escalaties', escalations.flatMap(escalationLines), 'Er zijn geen escalaties geweest.'),
    ...section(
      'Termijnen',
      timers.filter((t) => t.timer !== 'T13' && !hiddenTerm(t)).map(termLine),
      'Er hebben geen termijnen gelopen.',
    ),
    ...section('Wie keek of veranderde iets', auditLines(), 'Er is niets vastgelegd.'),
    '',
    'Einde van het overzicht.',
  ];
  return lines.join('\n');

  function caseLines(): string[] {
    const measure = c.measure
      ? `Maatregel: ${MEASURE_LABELS[c.measure]}${c.measureStart ? `, vanaf ${dutchDateLong(c.measureStart)}` : ''}${c.measureEnd ? ` tot ${dutchDateLong(c.measureEnd)}` : ''}`
      : undefined;
    return [
      `Casusnummer: ${c.ref}`,
      `Gemeente: ${c.municipality}`,
      `Fase: ${STAGE_LABELS[c.stage]}`,
      `Geopend: ${when(c.openedAt)}, door ${who(c.openedBy)}`,
      `Gesloten: ${c.closedAt !== null ? when(c.closedAt) : 'nee, de casus loopt nog'}`,
      `Casusregisseur: ${c.coordinatorId ? who(c.coordinatorId) : 'nog niet aangewezen'}`,
      ...(measure ? [measure] : []),
    ];
  }

  function teamLine(m: MembershipRecord): string {
    const member = ctx.roster.member(m.memberId);
    const role = Object.hasOwn(ROLE_LABELS, m.role) ? ROLE_LABELS[m.role as keyof typeof ROLE_LABELS] : undefined;
    const orgType = ORG_LABELS[m.org];
    // "Stichting Wijkteams Arnhem (Lokaal Team)", but not "Veilig Thuis Gelderland-Midden (Veilig Thuis)".
    const saysType = (orgName: string) => m.org === 'OTHER' || orgName.toLowerCase().includes(orgType.toLowerCase());
    const org = member ? `${member.orgName}${saysType(member.orgName) ? '' : ` (${orgType})`}` : orgType;
    const joined = `In het team sinds ${when(m.joinedAt)}, toegevoegd door ${who(m.joinedBy)}, reden: ${sentence(joinReasonText(m.joinReason))}`;
    const left =
      m.leftAt === null
        ? ''
        : m.leftBy === m.memberId
          ? ` Verliet het team op ${when(m.leftAt)}${m.leaveReason ? `, reden: ${sentence(m.leaveReason)}` : '.'}`
          : ` Uit het team gehaald op ${when(m.leftAt)} door ${who(m.leftBy)}${m.leaveReason ? `, reden: ${sentence(m.leaveReason)}` : '.'}`;
    return `- ${name(m.memberId)}, ${role ? `${role} bij ` : ''}${org}. ${joined}${left}`;
  }

  /** A successor's reason names whom they succeeded by roster id (change-membership.ts): by name here. */
  function joinReasonText(reason: string): string {
    const successor = /^opvolger van (\S+)$/.exec(reason);
    return successor ? `opvolger van ${name(successor[1])}` : reason;
  }

  function handoverLines(h: HandoverRecord): string[] {
    const ticks = ctx.store.handovers.ticks(h.id);
    const items = isMoment(h.moment) ? ctx.handoverTemplates.itemsFor(h.moment) : [];
    const ticked = ticks.map((t) => {
      const label = items.find((i) => i.id === t.itemId)?.label ?? itemText(undefined, t.itemId);
      return `  - ${sentence(label)} Afgevinkt op ${when(t.checkedAt)} door ${who(t.checkedBy)}.${t.note ? ` Toelichting: ${sentence(t.note)}` : ''}`;
    });
    const open = items.filter((i) => !ticks.some((t) => t.itemId === i.id)).map((i) => `  - ${sentence(i.label)}`);
    const state =
      h.state === 'accepted' && h.acceptedAt !== null
        ? `Geaccepteerd op ${when(h.acceptedAt)}.`
        : h.state === 'open'
          ? 'De overdracht loopt nog.'
          : `Stand: ${HANDOVER_STATE_LABELS[h.state]}.`;
    return [
      `- ${momentText(h.moment)}: van ${who(h.fromMember)} aan ${who(h.toMember)}.`,
      `  Geopend op ${when(h.openedAt)} door ${who(h.openedBy)}. ${state}`,
      ...(isBasis(h.basis) ? [`  Grondslag voor het delen van informatie: ${BASIS_LABELS[h.basis]}.`] : []),
      ...(ticked.length > 0 ? ['  Afgevinkt:', ...ticked] : []),
      ...(open.length > 0 ? ['  Nog niet afgevinkt:', ...open] : []),
    ];
  }

  function escalationLines(e: EscalationRecord): string[] {
    const levels = ctx.store.escalations
      .levels(e.id)
      .map((l) => `${levelText(l.level)} vanaf ${when(l.raisedAt)}`)
      .join('; ');
    const started =
      e.source === 'timer'
        ? `Gestart op ${when(e.raisedAt)} door de bot, omdat een termijn was verstreken.`
        : `Gestart op ${when(e.raisedAt)} door ${who(e.raisedBy)}.`;
    const outcome =
      e.state === 'open'
        ? 'Uitkomst: loopt nog.'
        : e.state === 'resolved'
          ? `Uitkomst: besloten op ${e.closedAt !== null ? when(e.closedAt) : 'onbekende datum'} door ${who(e.closedBy)}.`
          : `Uitkomst: ingetrokken op ${e.closedAt !== null ? when(e.closedAt) : 'onbekende datum'} door ${who(e.closedBy)}.${e.reason ? ` Reden: ${sentence(e.reason)}` : ''}`;
    const family =
      e.familyInformed === 'yes'
        ? `ja${e.familyInformedOn ? `, op ${dutchDateLong(e.familyInformedOn)}` : ''}`
        : e.familyInformed === 'no'
          ? 'nee'
          : 'niet vastgelegd';
    return [
      `- ${escalationName(e)}: ${TRIGGER_LABELS[e.trigger]}.`,
      `  ${started}`,
      `  Vraag: ${sentence(e.question)}`,
      ...(e.orgs.length > 0 ? [`  Betrokken organisaties: ${e.orgs.map((o) => ORG_LABELS[o]).join(', ')}.`] : []),
      ...(levels ? [`  Niveau: ${levels}.`] : []),
      ...(e.meetingDate ? [`  Overleg gepland op ${dutchDateLong(e.meetingDate)}.`] : []),
      `  ${outcome}`,
      ...(e.decision ? [`  Besluit: ${sentence(decisionText(e, e.decision))}`] : []),
      ...(e.decisionOwner
        ? [`  Uitvoering door ${who(e.decisionOwner)}${e.deadline ? `, uiterlijk ${dutchDateLong(e.deadline)}` : ''}.`]
        : []),
      ...(e.state === 'resolved' && e.source === 'manual' ? [`  Gezin geïnformeerd over het besluit: ${family}.`] : []),
    ];
  }

  function termLine(t: TimerRecord): string {
    const due =
      t.originalDueDate !== t.dueDate
        ? `uiterlijk ${dutchDateLong(t.dueDate)} (eerst ${dutchDateLong(t.originalDueDate)}, daarna uitgesteld)`
        : `uiterlijk ${dutchDateLong(t.dueDate)}`;
    const today = ctx.calendar.localDate(ctx.clock.now());
    const ended = t.stoppedAt !== null ? ctx.calendar.localDate(t.stoppedAt) : undefined;
    const result =
      t.state === 'open'
        ? t.timer !== 'T3' && t.dueDate < today
          ? 'Loopt nog; de termijn is verstreken.'
          : 'Loopt nog.'
        : t.state === 'completed'
          ? `Afgerond op ${dutchDateLong(ended ?? t.dueDate)}${t.timer === 'T3' ? '' : ended !== undefined && ended <= t.dueDate ? ', op tijd' : ', na de termijn'}.`
          : `Gestopt op ${dutchDateLong(ended ?? t.dueDate)}${t.stopReason ? ` (${stopReasonText(t.stopReason)})` : ''}.`;
    return `- ${termText(t.timer)}: gestart op ${dutchDateLong(t.startDate)}, ${due}. ${result}`;
  }

  function auditLines(): string[] {
    const rows = audit.map((a) => ({
      ...a,
      day: ctx.calendar.localDate(a.at),
      text: auditText(a.action, a.details, a.actor),
    }));
    const out: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i]!;
      // Consecutive identical looks (the case, a checklist) by the same person on the same day read as one line.
      let j = i;
      while (
        VIEWS.has(a.action) &&
        rows[j + 1]?.action === a.action &&
        rows[j + 1]!.actor === a.actor &&
        rows[j + 1]!.day === a.day &&
        rows[j + 1]!.text === a.text
      )
        j++;
      if (j > i) {
        const first = clockText(toWallClock(a.at, tz).minutes);
        const last = clockText(toWallClock(rows[j]!.at, tz).minutes);
        const when = first === last ? `om ${first}` : `tussen ${first} en ${last}`;
        out.push(`- ${dayText(a.day)} ${when} — ${capital(who(a.actor))} ${a.text} (${j - i + 1} keer).`);
        i = j;
        continue;
      }
      const reason = a.reason
        ? a.action === 'escalation.resolved'
          ? ` Besluit: ${sentence(decisionText({ source: a.details.automatic === true ? 'timer' : 'manual' }, a.reason))}`
          : ` Reden: ${sentence(a.reason)}`
        : '';
      out.push(`- ${when(a.at)} — ${capital(who(a.actor))} ${a.text}.${reason}`);
    }
    return out;
  }

  /** What an audit entry says, with the details it carries in words (whom, which term, which escalation). */
  function auditText(action: string, d: Record<string, unknown>, actor: MemberId): string {
    const about = escalationOfAudit(all, d);
    const esc = about ? escalationName(about, true) : 'een escalatie';
    const member = typeof d.member === 'string' ? who(d.member) : undefined;
    switch (action) {
      case 'case.stage':
        return isStage(d.from) && isStage(d.to)
          ? `wijzigde de fase van ${STAGE_LABELS[d.from]} naar ${STAGE_LABELS[d.to]}`
          : auditActionLabel(action);
      case 'case.coordinator':
        if (d.to === actor) return 'werd casusregisseur';
        return typeof d.to === 'string' ? `maakte ${who(d.to)} casusregisseur` : auditActionLabel(action);
      case 'member.added':
        return member ? `voegde ${member} toe aan het casusteam` : auditActionLabel(action);
      case 'member.removed':
        if (d.member === actor) return 'verliet het casusteam';
        return member ? `haalde ${member} uit het casusteam` : auditActionLabel(action);
      case 'member.replaced':
        return member && typeof d.successor === 'string'
          ? `verving ${member} in het casusteam door ${who(d.successor)}`
          : auditActionLabel(action);
      case 'event.recorded':
        return typeof d.event === 'string'
          ? `legde vast: ${eventText({ event: d.event, fields: d, at: 0, by: actor }, words).replace(/^./, (x) => x.toLowerCase())}`
          : auditActionLabel(action);
      case 'handover.viewed': {
        const h = typeof d.handover === 'number' ? ctx.store.handovers.byId(d.handover) : undefined;
        return h ? `bekeek de checklist van de warme overdracht ${momentText(h.moment)}` : auditActionLabel(action);
      }
      case 'handover.opened':
        return `opende de warme overdracht ${momentText(d.moment)}`;
      case 'handover.item_checked':
        return `vinkte bij de warme overdracht ${momentText(d.moment)} af: ${itemText(d.moment, d.item)}${isBasis(d.basis) ? ` (grondslag: ${BASIS_LABELS[d.basis]})` : ''}`;
      case 'handover.accepted':
        return `accepteerde de warme overdracht ${momentText(d.moment)}`;
      case 'handover.receiver_changed':
        return typeof d.to === 'string'
          ? `gaf de warme overdracht ${momentText(d.moment)} een nieuwe ontvanger: ${who(d.to)}`
          : auditActionLabel(action);
      case 'timer.acknowledged':
        return `bevestigde de termijn ${termText(d.timer)} te hebben gezien`;
      case 'timer.postponed':
        return `stelde de termijn ${termText(d.timer)} uit${isLocalDate(String(d.to)) ? ` tot ${dateText(d.to)}` : ''}`;
      case 'escalation.raised':
        return `startte ${esc}${typeof d.trigger === 'string' && Object.hasOwn(TRIGGER_LABELS, d.trigger) ? ` (${TRIGGER_LABELS[d.trigger as keyof typeof TRIGGER_LABELS]})` : ''}`;
      case 'escalation.joined':
        return `voegde de verstreken termijn ${termText(d.timer)} toe aan ${esc}`;
      case 'escalation.level':
        return `schaalde ${esc} op naar het niveau ${levelText(d.to)}`;
      case 'escalation.reminded':
        return `herinnerde de deelnemers aan ${esc}`;
      case 'escalation.resolved':
        return d.automatic === true
          ? `sloot ${esc} af, omdat de termijnen waren afgerond`
          : `legde het besluit over ${esc} vast`;
      case 'escalation.withdrawn':
        return `trok ${esc} in`;
      case 'escalation.meeting_planned':
        return `plande een overleg over ${esc}${isLocalDate(String(d.date)) ? ` op ${dateText(d.date)}` : ''}`;
      case 'escalation.expert_team':
        return `schakelde het Regionaal Expertteam in bij ${esc}`;
      case 'escalation.reflection':
        return `schreef een reflectie bij ${esc}`;
      case 'acute.followup_answered':
        return d.jointDecision === true
          ? 'legde vast dat er na de acute melding samen is besloten'
          : 'legde vast dat er na de acute melding niet samen is besloten';
      default:
        return auditActionLabel(action);
    }
  }
}
