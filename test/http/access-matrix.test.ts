import { AdaptiveCards } from '@microsoft/teams-ai';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pickOf } from '../../src/app/escalations/escalation-pick.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOT_IN_ROSTER_TEXT } from '../../src/adapters/teams/bot-texts.js';
import { MUNICIPALITY_VERB } from '../../src/adapters/teams/pilot/overview-card.js';
import { addMember, removeMember } from '../../src/app/change-membership.js';
import { escalateFurther, recordDecision } from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { checkItem, missingRequiredItems, startHandover } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { invokeAnswer } from '../support/bot-answer.js';
import { writtenState } from '../support/written-state.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { allText, answerText, cardOf, CARD_TYPE, press, say, STRANGER, type Who } from '../teams/case-test-kit.js';
import { liveClock } from '../teams/workflow-fixtures.js';

/*
 * Need-to-know as a matrix over HTTP: every chat command that names a case and every card verb that acts on one,
 * pressed or typed by one person of each relation to the case, with Teams-shaped activities against the whole bot.
 *
 * The rule (docs/behaviour.md "Who may see a case"; README decisions "Who may take steps", "Someone who left the
 * case", "Worrying conduct"):
 * - whoever may see a case may take the steps their role allows; the step's own rule still applies (the owner or their
 *   lead acknowledges, the receiver accepts, participants decide, the person or their lead chain or the pilot
 *   coordinator replaces);
 * - a pilot coordinator acts within the municipalities of their pilot only;
 * - someone who left the case loses every right at once, escalation participation included;
 * - anyone who may not see the case gets exactly the answer for a case that does not exist, and nothing changes.
 *
 * Each cell opens its own case (so one allowed write cannot change the next cell) and checks:
 *   'ok'        the answer shows the case (its reference), and a step wrote (a view or form wrote nothing);
 *   'hidden'    the very answer the same person gets for a reference that does not exist, and nothing was written;
 *   'stranger'  someone who is not in the roster gets only "not in the roster", as for a reference that does not exist;
 *   '<text>'    the person may see the case, the step's own rule refuses with this Dutch sentence, nothing written.
 * "Nothing written" is a hash of every row of the cases involved (case, team, events, terms and their steps,
 * handovers and ticks, escalations and their levels, acute reports, reflections, outbox rows), of the non-read audit
 * rows, and the counts of the tables any step writes to. Reads and refused attempts are on record too (READS): they
 * change nothing.
 */

// The chat commands the running bot registers: every command route is made through commandSelector (the help text's
// too), so a pass-through records their patterns, in the order teams-ai tries them (the first match answers).
const registered = vi.hoisted(() => ({ commandPatterns: [] as RegExp[] }));
vi.mock('../../src/adapters/teams/command-selector.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/adapters/teams/command-selector.js')>();
  return {
    ...real,
    commandSelector: (pattern: RegExp) => {
      registered.commandPatterns.push(pattern);
      return real.commandSelector(pattern);
    },
  };
});

const MISSING_REF = 'CG-ARN-2026-9999';

// ---------------------------------------------------------------------------------------------------------------
// The people: one of each relation to the case of a fixture (see openFixture)

const PEOPLE = {
  member: 'vt-arn', // a professional on the team: owns T1, receives the checklist, takes part in the escalation
  removedMember: 'gi-arn-2', // joined the team and was removed again (never in the escalation)
  memberLead: 'lead-gi-1', // the lead of a member (gi-arn) and of Arnhem's GI fixed face; no escalation participant
  otherLead: 'lead-lt-doe', // a lead of another organisation and municipality (CJG Doesburg)
  coordinator: 'coord-arn', // the pilot coordinator of Arnhem
  otherCoordinator: 'coord-liemers', // the pilot coordinator of Duiven, Westervoort and Zevenaar
  participantLead: 'mgr-vt', // takes part in the escalation at L2 (a manager, above the member vt-arn)
  participantOnly: 'ret-cg', // the regional expert brought into the escalation: no other tie to the case
  removedParticipant: 'rvdk-arn', // was on the team and in the escalation, then removed
  otherMunicipality: 'lt-doe', // a professional in the roster, of another municipality
  stranger: 'stranger', // not in the roster
} as const;
type Role = keyof typeof PEOPLE;
const ROLES = Object.keys(PEOPLE) as Role[];
const whoIs = (role: Role): Who => (role === 'stranger' ? STRANGER : PEOPLE[role]);

// ---------------------------------------------------------------------------------------------------------------
// The refusals of a step's own rule, word for word (from the use cases)

const NOT_A_PARTICIPANT = 'Alleen de deelnemers van dit escalatieniveau kunnen hierover beslissen.';
const L3_NEEDS_MANAGER = 'Naar L3 (bestuur) gaat alleen na bevestiging door een manager of pilotcoördinator.';
const RET_PARTICIPANTS = 'Alleen de deelnemers van deze escalatie kunnen het Regionaal Expertteam inschakelen.';
const REFLECT_PARTICIPANTS = 'Alleen wie aan deze escalatie deelnam, kan er een reflectie bij geven.';
const NOT_OWNER_ACK = 'Alleen de eigenaar van deze termijn (of diens teamleider) kan hem oppakken.';
const NOT_OWNER_POSTPONE = 'Alleen de eigenaar van deze termijn (of diens teamleider) kan uitstellen.';
const SENDER_OR_RECEIVER = 'Alleen verzender en ontvanger vinken dit af.';
const NOT_RECEIVER = 'Alleen de ontvanger kan de overdracht accepteren.';
const NOT_NOTIFIED = 'Alleen wie de acute melding kreeg kan hem oppakken.';
const REPLACE_NOT_ALLOWED = 'Iemand vervangen kan alleen die persoon zelf, diens teamleider of de pilotcoördinator.';
const REMOVE_NOT_ALLOWED = 'Iemand verwijderen kan alleen die persoon zelf, diens teamleider of de pilotcoördinator.';
const EXPORT_NOT_ALLOWED =
  'Een overzicht van alles wat is vastgelegd kunnen alleen leden van het casusteam en pilotcoördinatoren opvragen.';
const OVERVIEW_NOT_ALLOWED = 'Het overzicht is voor pilotcoördinatoren en leidinggevenden.';

type Outcome = 'ok' | 'hidden' | 'stranger' | (string & {});

/**
 * The expected row for a case in the fixture: the given outcome for everyone who may see it (the member, the member's
 * lead, the pilot coordinator, both escalation participants), 'hidden' for the rest, 'stranger' for the stranger;
 * then the exceptions of the step's own rule.
 */
function row(seen: Outcome, exceptions: Partial<Record<Role, Outcome>> = {}): Record<Role, Outcome> {
  const sees: Role[] = ['member', 'memberLead', 'coordinator', 'participantLead', 'participantOnly'];
  return Object.fromEntries(
    ROLES.map((r) => [r, exceptions[r] ?? (r === 'stranger' ? 'stranger' : sees.includes(r) ? seen : 'hidden')]),
  ) as Record<Role, Outcome>;
}

// ---------------------------------------------------------------------------------------------------------------
// The fixture: one Arnhem case per cell, in the state the step needs

type Variant = 'base' | 'noExpertTeam' | 'decided' | 'checklistDone' | 'acute';

interface Fixture {
  ref: string;
  id: number;
  /** The number of the escalation (within the case). */
  seq: number;
  /** The T1 cycle (owner vt-arn). */
  t1: number;
  /** The open H2 checklist from lt-arn to vt-arn. */
  handoverId: number;
  acuteId: number;
  municipality: string;
  /** Every case whose rows the "nothing written" hash covers. */
  caseIds: number[];
}

/**
 * An Arnhem case opened by lt-arn (team lt-arn, vt-arn, gi-arn, rvdk-arn), as it stands after:
 * vt-arn records the melding (T1, owned by vt-arn); gi-arn adds gi-arn-2, whom lead-gi-1 removes again; lt-arn
 * raises a dilemma for LT, VT and the Raad (L0: lt-arn, vt-arn, rvdk-arn); lead-rvdk-1 removes rvdk-arn (who drops out
 * of it); lt-arn raises it to L1 (+ lead-lt-arn, lead-vt-1) and L2 (+ mgr-lt-arn, mgr-vt) and brings in the regional
 * expert team (ret-cg); lt-arn opens the H2 checklist to vt-arn. Variants: without the expert team; the escalation
 * decided by lt-arn; every required checklist item ticked; an acute report by lt-arn.
 */
function openFixture(t: TestBot, variant: Variant = 'base'): Fixture {
  const ctx = t.bot.ctx;
  const c = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  const ref = c.ref;
  recordEvent(ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
  addMember(ctx, { by: 'gi-arn', caseRef: ref, member: 'gi-arn-2', reason: 'tweede jeugdbeschermer' });
  removeMember(ctx, { by: 'lead-gi-1', caseRef: ref, member: 'gi-arn-2', reason: 'niet meer nodig' });
  const e = raiseEscalation(ctx, {
    by: 'lt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie neemt de regie?',
    orgs: ['LT', 'VT', 'RVDK'],
  });
  removeMember(ctx, { by: 'lead-rvdk-1', caseRef: ref, member: 'rvdk-arn', reason: 'geen rol meer' });
  escalateFurther(ctx, { by: 'lt-arn', caseRef: ref, escalation: pickOf(e) });
  escalateFurther(ctx, { by: 'lt-arn', caseRef: ref, escalation: pickOf(e) });
  if (variant !== 'noExpertTeam')
    recordEvent(ctx, { by: 'lt-arn', caseRef: ref, event: 'ret_engaged', fields: { escalation: e.seq } });
  const handoverId = startHandover(ctx, { by: 'lt-arn', caseRef: ref, moment: 'H2', from: 'lt-arn', to: 'vt-arn' });
  if (variant === 'decided')
    recordDecision(ctx, {
      by: 'lt-arn',
      caseRef: ref,
      escalation: pickOf(e),
      decision: 'Het Lokaal Team houdt de regie.',
      owner: 'vt-arn',
      deadline: '2026-06-19',
      familyInformed: { informed: 'no' },
    });
  if (variant === 'checklistDone') {
    const h = ctx.store.handovers.byId(handoverId)!;
    for (const item of missingRequiredItems(ctx, h)) {
      const owner = ctx.handoverTemplates.itemsFor('H2').find((i) => i.id === item)!.owner;
      checkItem(ctx, {
        by: owner === 'receiver' ? 'vt-arn' : 'lt-arn',
        caseRef: ref,
        handoverId,
        item,
        ...(item === 'C3' ? { basis: 'consent' as const } : {}),
      });
    }
  }
  const acuteId = variant === 'acute' ? reportAcuteDanger(ctx, { by: 'lt-arn', caseRef: ref }).acuteId : 0;
  const t1 = ctx.store.timers.open(c.id, 'T1')[0]!.id;
  return { ref, id: c.id, seq: e.seq, t1, handoverId, acuteId, municipality: 'Arnhem', caseIds: [c.id] };
}

// ---------------------------------------------------------------------------------------------------------------
// "Nothing written"

const READS = [
  'case.viewed',
  'handover.viewed',
  'overview.viewed',
  'learning.viewed',
  'kpi.viewed',
  'digest.viewed',
  'access.refused',
];

const snapshot = (t: TestBot, caseIds: number[]) => writtenState(t, caseIds, READS);

// ---------------------------------------------------------------------------------------------------------------
// Sending: a chat command or a card press, and what the person got to see

interface Answer {
  text: string;
  /** A card (not a message with a refusal). */
  card: boolean;
}

/** How a cell asks: the chat text it types or the card verb it presses (for the coverage check below). */
type Send = ((t: TestBot, who: Who, target: Fixture) => Promise<Answer>) &
  ({ command: (target: Fixture) => string } | { verb: string });

const chat = (command: (target: Fixture) => string): Send =>
  Object.assign(
    async (t: TestBot, who: Who, target: Fixture): Promise<Answer> => {
      const replies = await say(t, who, command(target));
      expect(replies.length, `no answer to "${command(target)}"`).toBeGreaterThan(0);
      const card = replies.some((r) => cardOf(r) !== undefined);
      return { text: replies.map((r) => (cardOf(r) ? allText(cardOf(r)) : String(r.text))).join('\n'), card };
    },
    { command },
  );

const card = (verb: string, data: (target: Fixture) => Record<string, unknown>): Send =>
  Object.assign(
    async (t: TestBot, who: Who, target: Fixture): Promise<Answer> => {
      const res = await press(t, who, verb, { caseRef: target.ref, ...data(target) });
      expect(res.status).toBe(200);
      return { text: answerText(res), card: invokeAnswer(res).type === CARD_TYPE };
    },
    { verb },
  );

interface Action {
  name: string;
  send: Send;
  /** A step that changes the case when allowed (a view or a form changes nothing). */
  writes: boolean;
  expected: Record<Role, Outcome>;
  setup?: Variant;
  /** The same request about nothing (default: a reference that does not exist). */
  forged?: (fx: Fixture) => Fixture;
  /** Whether an answer shows the case (default: it names the reference). */
  shows?: (text: string, fx: Fixture) => boolean;
}

/** The overview of a municipality: "nothing" is the overview of one without cases, read as if it were Arnhem. */
const OVERVIEW = {
  forged: (fx: Fixture) => ({ ...fx, municipality: 'Renkum' }),
  shows: (text: string) => text.includes('Arnhem'),
};

// ---------------------------------------------------------------------------------------------------------------
// THE TABLE: action × relation → outcome

const ACTIONS: Action[] = [
  // --- chat commands that name a case
  { name: 'casus <ref>', send: chat((f) => `casus ${f.ref}`), writes: false, expected: row('ok') },
  { name: 'team <ref>', send: chat((f) => `team ${f.ref}`), writes: false, expected: row('ok') },
  { name: 'overdracht <ref>', send: chat((f) => `overdracht ${f.ref}`), writes: false, expected: row('ok') },
  // README "Who may take steps": whoever may see a case may raise an escalation (also a lead or the coordinator).
  { name: 'escaleer <ref>', send: chat((f) => `escaleer ${f.ref}`), writes: false, expected: row('ok') },
  { name: 'acuut <ref>', send: chat((f) => `acuut ${f.ref}`), writes: false, expected: row('ok') },
  { name: 'consult <ref>', send: chat((f) => `consult ${f.ref}`), writes: false, expected: row('ok') },
  // The inzage export: current members and the pilot coordinators of the municipality only (behaviour.md, export).
  {
    name: 'casus <ref> export',
    send: chat((f) => `casus ${f.ref} export`),
    writes: true, // the export is audit-logged as case.exported
    expected: row('ok', {
      memberLead: EXPORT_NOT_ALLOWED,
      participantLead: EXPORT_NOT_ALLOWED,
      participantOnly: EXPORT_NOT_ALLOWED,
    }),
  },
  // The overview: pilot coordinators for their pilot's municipalities, leads for their own organisation.
  {
    name: 'overzicht <gemeente>',
    send: chat((f) => `overzicht ${f.municipality}`),
    writes: false,
    ...OVERVIEW,
    expected: {
      member: OVERVIEW_NOT_ALLOWED,
      removedMember: OVERVIEW_NOT_ALLOWED,
      memberLead: 'ok',
      otherLead: 'hidden',
      coordinator: 'ok',
      otherCoordinator: 'hidden',
      participantLead: 'ok',
      participantOnly: OVERVIEW_NOT_ALLOWED,
      removedParticipant: OVERVIEW_NOT_ALLOWED,
      otherMunicipality: OVERVIEW_NOT_ALLOWED,
      stranger: 'stranger',
    },
  },
  // --- the case card and the team card
  { name: 'case.show', send: card('case.show', () => ({})), writes: false, expected: row('ok') },
  { name: 'case.eventForm', send: card('case.eventForm', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'case.recordEvent',
    send: card('case.recordEvent', () => ({ event: 'activity' })),
    writes: true,
    expected: row('ok'),
  },
  { name: 'case.stageForm', send: card('case.stageForm', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'case.setStage',
    send: card('case.setStage', () => ({ stage: 'LT_VOLUNTARY' })),
    writes: true,
    expected: row('ok'),
  },
  { name: 'case.close', send: card('case.close', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'case.closeConfirm',
    send: card('case.closeConfirm', () => ({ closeReason: 'De hulp is afgerond.' })),
    writes: true,
    expected: row('ok'),
  },
  { name: 'team.show', send: card('team.show', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'team.add',
    send: card('team.add', () => ({ addMember: 'gw-lt-arn', addReason: 'meedenken over het gezin' })),
    writes: true,
    expected: row('ok'),
  },
  // Replacing or removing gi-arn: gi-arn, anyone up gi-arn's lead chain, or Arnhem's pilot coordinator.
  {
    name: 'team.replace',
    send: card('team.replace', () => ({
      replaceMember: 'gi-arn',
      replaceSuccessor: 'gi-doe',
      replaceReason: 'verlof',
    })),
    writes: true,
    expected: row('ok', {
      member: REPLACE_NOT_ALLOWED,
      participantLead: REPLACE_NOT_ALLOWED,
      participantOnly: REPLACE_NOT_ALLOWED,
    }),
  },
  {
    name: 'team.remove',
    send: card('team.remove', () => ({ removeMember: 'gi-arn', removeReason: 'geen rol meer' })),
    writes: true,
    expected: row('ok', {
      member: REMOVE_NOT_ALLOWED,
      participantLead: REMOVE_NOT_ALLOWED,
      participantOnly: REMOVE_NOT_ALLOWED,
    }),
  },
  {
    name: 'team.setCoordinator',
    send: card('team.setCoordinator', () => ({ coordinatorMember: 'vt-arn', coordinatorReason: 'overname' })),
    writes: true,
    expected: row('ok'),
  },
  // --- a term's nudge: its owner (vt-arn) or anyone up the owner's lead chain acknowledges and postpones
  {
    name: 'timer.ack',
    send: card('timer.ack', (f) => ({ timer: 'T1', timerId: f.t1, step: 'remind' })),
    writes: true,
    expected: row('ok', { memberLead: NOT_OWNER_ACK, coordinator: NOT_OWNER_ACK, participantOnly: NOT_OWNER_ACK }),
  },
  {
    name: 'timer.postpone',
    send: card('timer.postpone', (f) => ({
      timer: 'T1',
      timerId: f.t1,
      step: 'remind',
      until: '2026-06-12',
      reason: 'Wachten op de school',
    })),
    writes: true,
    expected: row('ok', {
      memberLead: NOT_OWNER_POSTPONE,
      coordinator: NOT_OWNER_POSTPONE,
      participantOnly: NOT_OWNER_POSTPONE,
    }),
  },
  {
    name: 'timer.complete',
    send: card('timer.complete', (f) => ({
      timer: 'T1',
      timerId: f.t1,
      step: 'remind',
      event: 'safety_assessment_done',
    })),
    writes: true,
    expected: row('ok'),
  },
  // --- the handover checklist (H2 from lt-arn to vt-arn): sender and receiver tick, the receiver accepts
  { name: 'handover.form', send: card('handover.form', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'handover.start',
    send: card('handover.start', () => ({ moment: 'H9', from: 'vt-arn', to: 'gi-arn' })),
    writes: true,
    expected: row('ok'),
  },
  {
    name: 'handover.check',
    send: card('handover.check', (f) => ({ handoverId: f.handoverId, item: 'C1' })),
    writes: true,
    expected: row('ok', {
      memberLead: SENDER_OR_RECEIVER,
      coordinator: SENDER_OR_RECEIVER,
      participantLead: SENDER_OR_RECEIVER,
      participantOnly: SENDER_OR_RECEIVER,
    }),
  },
  {
    name: 'handover.accept',
    setup: 'checklistDone',
    send: card('handover.accept', (f) => ({ handoverId: f.handoverId })),
    writes: true,
    expected: row('ok', {
      memberLead: NOT_RECEIVER,
      coordinator: NOT_RECEIVER,
      participantLead: NOT_RECEIVER,
      participantOnly: NOT_RECEIVER,
    }),
  },
  {
    name: 'handover.view',
    send: card('handover.view', (f) => ({ handoverId: f.handoverId })),
    writes: false,
    expected: row('ok'),
  },
  // "Vernieuwen" pressed on a checklist several people see: the same look as handover.view, through its own code
  // (refresh-views.ts); no other test checks who gets it.
  {
    name: 'handover.refresh',
    send: card('handover.refresh', (f) => ({ handoverId: f.handoverId })),
    writes: false,
    expected: row('ok'),
  },
  // --- the escalation (L2; participants: lt-arn, vt-arn, their leads and managers, ret-cg): participants and the
  //     pilot coordinator plan, decide, raise and withdraw; L3 needs a manager, director or pilot coordinator.
  { name: 'escalation.form', send: card('escalation.form', () => ({})), writes: false, expected: row('ok') },
  {
    name: 'escalation.start',
    send: card('escalation.start', () => ({
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie spreekt de ouders aan?',
      orgs: '',
    })),
    writes: true,
    expected: row('ok'),
  },
  {
    name: 'escalation.plan',
    send: card('escalation.plan', (f) => ({ escalation: f.seq, date: '2026-06-05' })),
    writes: true,
    expected: row('ok', { memberLead: NOT_A_PARTICIPANT }),
  },
  {
    name: 'escalation.decide',
    send: card('escalation.decide', (f) => ({
      escalation: f.seq,
      decision: 'Het Lokaal Team houdt de regie.',
      owner: 'vt-arn',
      deadline: '2026-06-19',
      familyInformed: 'no',
    })),
    writes: true,
    expected: row('ok', { memberLead: NOT_A_PARTICIPANT }),
  },
  {
    name: 'escalation.raise',
    send: card('escalation.raise', (f) => ({ escalation: f.seq })),
    writes: true,
    expected: row('ok', {
      member: L3_NEEDS_MANAGER,
      memberLead: L3_NEEDS_MANAGER,
      participantOnly: L3_NEEDS_MANAGER,
    }),
  },
  {
    // Without the expert team in yet: then ret-cg has no tie to the case at all.
    name: 'escalation.expertTeam',
    setup: 'noExpertTeam',
    send: card('escalation.expertTeam', (f) => ({ escalation: f.seq })),
    writes: true,
    expected: row('ok', { memberLead: RET_PARTICIPANTS, participantOnly: 'hidden' }),
  },
  {
    name: 'escalation.withdraw',
    send: card('escalation.withdraw', (f) => ({ escalation: f.seq, reason: 'Opgelost in het overleg' })),
    writes: true,
    expected: row('ok', { memberLead: NOT_A_PARTICIPANT }),
  },
  {
    // Decided: every participant of any level reflects once, the regional expert too (taking part gives that right
    // without other access); the removed participant regains nothing; the coordinator took no part.
    name: 'escalation.reflect',
    setup: 'decided',
    send: card('escalation.reflect', (f) => ({
      escalation: f.seq,
      reflection: 'We hadden elkaar eerder moeten bellen.',
    })),
    writes: true,
    expected: row('ok', { memberLead: REFLECT_PARTICIPANTS, coordinator: REFLECT_PARTICIPANTS }),
  },
  // --- acute danger: anyone who may see the case reports; whoever the alert reached picks it up
  { name: 'acute.report', send: card('acute.report', () => ({})), writes: false, expected: row('ok') },
  { name: 'acute.confirm', send: card('acute.confirm', () => ({})), writes: true, expected: row('ok') },
  {
    // The alert of lt-arn reached the case professionals vt-arn and gi-arn and the leads lead-lt-arn, lead-vt-1, lead-gi-1.
    name: 'acute.pickUp',
    setup: 'acute',
    send: card('acute.pickUp', (f) => ({ acuteId: f.acuteId })),
    writes: true,
    expected: row('ok', { coordinator: NOT_NOTIFIED, participantLead: NOT_NOTIFIED, participantOnly: NOT_NOTIFIED }),
  },
  {
    name: 'acute.followup',
    setup: 'acute',
    send: card('acute.followup', (f) => ({ acuteId: f.acuteId, jointDecision: 'yes' })),
    writes: true,
    expected: row('ok'),
  },
  // --- the overview's drill-down button
  {
    name: MUNICIPALITY_VERB,
    send: card(MUNICIPALITY_VERB, (f) => ({ municipality: f.municipality })),
    writes: false,
    ...OVERVIEW,
    expected: {
      member: OVERVIEW_NOT_ALLOWED,
      removedMember: OVERVIEW_NOT_ALLOWED,
      memberLead: 'ok',
      otherLead: 'hidden',
      coordinator: 'ok',
      otherCoordinator: 'hidden',
      participantLead: 'ok',
      participantOnly: OVERVIEW_NOT_ALLOWED,
      removedParticipant: OVERVIEW_NOT_ALLOWED,
      otherMunicipality: OVERVIEW_NOT_ALLOWED,
      stranger: 'stranger',
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The runner: one cell = a fresh case, the request, the same request about nothing, and the hash before and after

async function runCell(t: TestBot, action: Action, role: Role): Promise<Outcome> {
  const fx = openFixture(t, action.setup);
  const who = whoIs(role);
  const before = snapshot(t, fx.caseIds);
  const real = await action.send(t, who, fx);
  const afterReal = snapshot(t, fx.caseIds);
  const fake = await action.send(t, who, action.forged ? action.forged(fx) : { ...fx, ref: MISSING_REF });
  const wrote = afterReal !== before;
  if (snapshot(t, fx.caseIds) !== afterReal) return 'the request about nothing WROTE';
  const normalise = (text: string) => (action.forged ? text.replaceAll('Renkum', fx.municipality) : text);
  let outcome: Outcome;
  if (real.text === NOT_IN_ROSTER_TEXT) outcome = fake.text === real.text ? 'stranger' : `stranger, but: ${fake.text}`;
  else if (real.text === NOT_FOUND_OR_NO_ACCESS)
    outcome = fake.text === real.text ? 'hidden' : `hidden, but about nothing: ${fake.text}`;
  else if (real.card && action.forged && normalise(real.text) === normalise(fake.text)) outcome = 'hidden';
  else if ((action.shows ?? ((text, f) => text.includes(f.ref)))(real.text, fx)) outcome = 'ok';
  else outcome = real.text;
  const shouldWrite = outcome === 'ok' && action.writes;
  if (wrote && !shouldWrite) return `${outcome} (WROTE)`;
  if (!wrote && shouldWrite) return `${outcome} (NOTHING WRITTEN)`;
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage: every card verb and chat command the running bot registers is in the table above, or here with the test
// that checks its access instead. The registered ones are recorded while the bot starts (beforeAll below).

const root = resolve(import.meta.dirname, '../..');

interface TestedElsewhere {
  /** The test file that checks who may use it… */
  file: string;
  /** …and a text that file contains about it. */
  mentions: string;
}

/** Registered card verbs not in the table. */
const VERBS_TESTED_ELSEWHERE: Record<string, TestedElsewhere> = {
  // The case card's "Vernieuwen" pressed by hand: the own view, or the refusal as for an unknown case.
  'case.refresh': { file: 'test/http/card-refresh.test.ts', mentions: "press(t, 'lt-doe', 'case.refresh'" },
  // Name no case: the person's own absence (or that of someone they lead) and their own absence card. absence.form
  // answers with the card `afwezig` gives (getAbsenceView of the actor), which that file checks.
  'absence.set': { file: 'test/teams/absence.test.ts', mentions: "press(t, 'vt-arn', 'absence.set'" },
  'absence.form': { file: 'test/teams/absence.test.ts', mentions: "'afwezig'" },
  // Name no case: the pilot overview, the learning agenda and the KPIs, for pilot coordinators and leads; the
  // overview's drill-down (pilot.overview.municipality) is in the table.
  'pilot.overview': { file: 'test/teams/pilot-commands.test.ts', mentions: "'pilot.overview'" },
  'pilot.learning': { file: 'test/teams/learning.test.ts', mentions: "'pilot.learning'" },
  'pilot.kpi': { file: 'test/teams/learning.test.ts', mentions: "'pilot.kpi'" },
};

/** Registered chat commands not in the table, each named by a text it answers. None names an existing case. */
const COMMANDS_TESTED_ELSEWHERE: Record<string, TestedElsewhere> = {
  hulp: { file: 'test/http/messages.test.ts', mentions: "'hulp'" },
  // The fixed faces of a municipality, for anyone in the roster.
  'rooster Arnhem': { file: 'test/teams/case-commands.test.ts', mentions: "'rooster Renkum'" },
  // Opening a case: who may open one for a municipality (professionals join; its faces' leads and its coordinator).
  'casus nieuw Arnhem': { file: 'test/app/access.test.ts', mentions: 'a matrix of openers for Arnhem' },
  'mijn casussen': { file: 'test/teams/case-commands.test.ts', mentions: 'mijn casussen lists own cases' },
  afwezig: { file: 'test/teams/absence.test.ts', mentions: "'afwezig'" },
  overzicht: { file: 'test/teams/pilot-commands.test.ts', mentions: "'overzicht'" },
  bereikbaarheid: {
    file: 'test/http/reachability.test.ts',
    mentions: 'only for pilot coordinators, within their pilot',
  },
  'bereikbaarheid Arnhem': {
    file: 'test/http/reachability.test.ts',
    mentions: 'only for pilot coordinators, within their pilot',
  },
  digest: { file: 'test/teams/pilot-commands.test.ts', mentions: 'digest shows what today' },
  'digest aan': { file: 'test/teams/pilot-commands.test.ts', mentions: "'digest aan'" },
  'leren Arnhem': { file: 'test/teams/learning.test.ts', mentions: 'leren <gemeente>' },
  'leren Arnhem 2026-01-01': { file: 'test/teams/learning.test.ts', mentions: 'a typed date' },
  'kpi Arnhem': { file: 'test/teams/learning.test.ts', mentions: 'kpi <gemeente>' },
};

/**
 * Invoke routes that answer no card verb, each named by an activity it answers: Teams' automatic refresh of a card
 * several people see, the team card's typeahead and the export's file consent.
 */
const INVOKES_TESTED_ELSEWHERE: Array<TestedElsewhere & { name: string; activity: Record<string, unknown> }> = [
  {
    name: 'automatic refresh',
    activity: {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { trigger: 'automatic', action: { type: 'Action.Execute', verb: 'case.refresh', data: {} } },
    },
    file: 'test/http/card-refresh.test.ts',
    mentions: 'someone who may not see the case gets a card without case content',
  },
  {
    name: 'candidate search',
    activity: { type: 'invoke', name: 'application/search', value: {} },
    file: 'test/http/candidate-search.test.ts',
    mentions: 'an outsider gets the usual refusal and no names',
  },
  {
    name: 'file consent accepted',
    activity: { type: 'invoke', name: 'fileConsent/invoke', value: { action: 'accept' } },
    file: 'test/teams/export-document.test.ts',
    mentions: 'an accept checks the access rule again',
  },
  {
    name: 'file consent declined',
    activity: { type: 'invoke', name: 'fileConsent/invoke', value: { action: 'decline' } },
    file: 'test/teams/export-document.test.ts',
    mentions: 'declining sends a short Dutch line',
  },
];

/** The pattern that answers a text: the first registered one that matches, as teams-ai routes a message. */
function commandFor(text: string): RegExp | undefined {
  return registered.commandPatterns.find((p) => p.test(text));
}

type InvokeRoute = { selector: (context: unknown) => Promise<boolean> };

/** The invoke route that answers an activity: the first whose selector takes it, as teams-ai routes an invoke. */
async function invokeRouteFor(routes: readonly InvokeRoute[], activity: Record<string, unknown>) {
  for (const route of routes) if (await route.selector({ activity })) return route;
  return undefined;
}

const actionExecute = (verb: string) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { trigger: 'manual', action: { type: 'Action.Execute', verb, data: {} } },
});

function expectTestedIn(what: string, where: TestedElsewhere): void {
  const file = resolve(root, where.file);
  expect(existsSync(file), `${what}: ${where.file} does not exist`).toBe(true);
  expect(readFileSync(file, 'utf8'), `${what}: ${where.file} does not mention ${where.mentions}`).toContain(
    where.mentions,
  );
}

describe('access matrix over HTTP: role × action × relation to the case', () => {
  // Tuesday evening: what a step sends waits for office hours (acute alerts excepted), so nothing is delivered meanwhile.
  const clock = liveClock('2026-06-02T19:00:00+02:00');
  let t: TestBot;
  /** Every verb teams-ai was given an Action.Execute route for while the bot started. */
  let registeredVerbs: unknown[] = [];
  beforeAll(async () => {
    const actionExecuteSpy = vi.spyOn(AdaptiveCards.prototype, 'actionExecute');
    registered.commandPatterns.length = 0;
    try {
      t = await startTestBot({ clock, scheduler: false });
    } finally {
      registeredVerbs = actionExecuteSpy.mock.calls.flatMap(([verb]) => (Array.isArray(verb) ? verb : [verb]));
      actionExecuteSpy.mockRestore();
    }
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('covers every relation in every row', () => {
    for (const a of ACTIONS) expect(Object.keys(a.expected).sort(), a.name).toEqual([...ROLES].sort());
  });

  it('covers every card verb the bot registers, each once; the rest is tested elsewhere, as listed', () => {
    expect(registeredVerbs.length).toBeGreaterThan(0);
    const verbs = registeredVerbs.map((v) => {
      expect(typeof v, `a card verb that is not a plain string: ${String(v)}`).toBe('string');
      return v as string;
    });
    expect(new Set(verbs).size, 'a verb registered twice').toBe(verbs.length);
    const inTable = ACTIONS.flatMap((a) => ('verb' in a.send ? [a.send.verb] : []));
    expect(new Set(inTable).size, 'a verb twice in the table').toBe(inTable.length);
    // A verb in the table or in the list that the bot does not register would be a test of nothing.
    for (const verb of [...inTable, ...Object.keys(VERBS_TESTED_ELSEWHERE)])
      expect(verbs, `${verb} is not registered`).toContain(verb);
    for (const verb of inTable) expect(VERBS_TESTED_ELSEWHERE, `${verb} is in the table`).not.toHaveProperty(verb);
    const missing = verbs.filter((v) => !inTable.includes(v) && !(v in VERBS_TESTED_ELSEWHERE));
    expect(missing, 'registered card verbs in neither the table nor VERBS_TESTED_ELSEWHERE').toEqual([]);
    for (const [verb, where] of Object.entries(VERBS_TESTED_ELSEWHERE)) expectTestedIn(verb, where);
  });

  it('covers every chat command the bot registers; the rest is tested elsewhere, as listed', () => {
    const patterns = registered.commandPatterns;
    expect(patterns.length).toBeGreaterThan(0);
    const sample: Fixture = {
      ref: MISSING_REF,
      id: 0,
      seq: 1,
      t1: 0,
      handoverId: 0,
      acuteId: 0,
      municipality: 'Arnhem',
      caseIds: [],
    };
    const inTable = new Map<RegExp, string>();
    for (const a of ACTIONS) {
      if (!('command' in a.send)) continue;
      const text = a.send.command(sample);
      const pattern = commandFor(text);
      expect(pattern, `no registered command answers "${text}" (${a.name})`).toBeDefined();
      expect(inTable.has(pattern!), `"${text}" and "${inTable.get(pattern!)}" reach the same command`).toBe(false);
      inTable.set(pattern!, text);
    }
    const elsewhere = new Map<RegExp, string>();
    for (const [text, where] of Object.entries(COMMANDS_TESTED_ELSEWHERE)) {
      const pattern = commandFor(text);
      expect(pattern, `no registered command answers "${text}"`).toBeDefined();
      expect(inTable.get(pattern!), `"${text}" reaches a command of the table`).toBeUndefined();
      expect(elsewhere.get(pattern!), `"${text}" reaches the same command as another entry`).toBeUndefined();
      elsewhere.set(pattern!, text);
      expectTestedIn(text, where);
    }
    const missing = patterns.filter((p) => !inTable.has(p) && !elsewhere.has(p)).map(String);
    expect(missing, 'registered chat commands in neither the table nor COMMANDS_TESTED_ELSEWHERE').toEqual([]);
  });

  it('every invoke route answers a registered card verb or an invoke listed as tested elsewhere', async () => {
    const routes = (t.bot.app as unknown as { _invokeRoutes?: InvokeRoute[] })._invokeRoutes;
    expect(Array.isArray(routes), 'teams-ai keeps its invoke routes in Application._invokeRoutes').toBe(true);
    const reached = new Set<InvokeRoute>();
    for (const verb of registeredVerbs as string[]) {
      const route = await invokeRouteFor(routes!, actionExecute(verb));
      expect(route, `no route answers ${verb}`).toBeDefined();
      reached.add(route!);
    }
    expect(reached.size, 'one route per card verb').toBe(registeredVerbs.length);
    for (const invoke of INVOKES_TESTED_ELSEWHERE) {
      const route = await invokeRouteFor(routes!, invoke.activity);
      expect(route, `no route answers the ${invoke.name}`).toBeDefined();
      expect(reached.has(route!), `the ${invoke.name} reaches a route already counted`).toBe(false);
      reached.add(route!);
      expectTestedIn(invoke.name, invoke);
    }
    expect(
      routes!.filter((r) => !reached.has(r)),
      'invoke routes that no verb or listed invoke reaches',
    ).toEqual([]);
  });

  it.each(ACTIONS.map((a) => [a.name, a] as const))('%s', async (_name, action) => {
    const actual: Record<string, Outcome> = {};
    for (const role of ROLES) actual[role] = await runCell(t, action, role);
    expect(actual).toEqual(action.expected);
  });
});
