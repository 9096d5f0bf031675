/**
 * Previews of the cards that only come after days have passed (a late term, the T3 check-in, the next working day's
 * follow-up of an acute report, Monday's line) and of every team message, rendered the way a person sees them: each
 * card is built with its real builder (src/adapters/teams/cards/) from a realistic view model (fictional people of
 * db/seed/demo-roster.json, Arnhem references, real Dutch dates), posted into Tess de Groot's personal chat in the
 * Agents Playground through its emulated Bot Connector, and rendered by the playground's web UI in Debian's headless
 * Chromium. One screenshot each: in a temp dir always, copied to test/e2e/screenshots/preview-<name>.png with
 * UPDATE_SCREENSHOT=1.
 *
 * Why the playground's renderer and not a page with node_modules/adaptivecards: the `adaptivecards` in node_modules is
 * 1.2.3 (pulled in by botframework-schema); it knows neither card version 1.5 nor Action.Execute, and silently drops
 * every Action.Execute button ("Unknown action type: Action.Execute"). The playground bundles a current Adaptive Cards
 * renderer (with Action.Execute, input labels, Fluent inputs), as Teams-like clients have.
 *
 * Each preview checks: the card renders and the renderer dropped nothing (every text block, fact and button of the card
 * shows up; no page error), the expected button titles are buttons, the card is not empty, and no text carries an ISO
 * date, an English role label or a raw code. Skipped, saying why, when there is no Chromium (see support/chromium.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TeamMemberView, TimerView } from '../../src/app/queries/get-case-view.js';
import type { TeamSubject } from '../../src/app/notifications.js';
import { acuteCard, acuteFollowupCard } from '../../src/adapters/teams/acute/acute-card.js';
import type { AdaptiveCard } from '../../src/adapters/teams/cards/card-kit.js';
import { EVENT_LABELS } from '../../src/adapters/teams/case/case-labels.js';
import { buildCaseCard } from '../../src/adapters/teams/case/case-card.js';
import { escalationCard, type EscalationView } from '../../src/adapters/teams/escalation/escalation-card.js';
import { nudgeCard, type NudgeView } from '../../src/adapters/teams/nudge/nudge-card.js';
import { teamMessageCard, type TeamMessageView } from '../../src/adapters/teams/team/team-message-card.js';
import { weeklyCard } from '../../src/adapters/teams/pilot/weekly-card.js';
import { CRISIS_ROUTES } from '../../src/app/escalations/report-acute-danger.js';
import { dutchDate, dutchDateLong } from '../../src/domain/dutch-date.js';
import type { EscalationRecord } from '../../src/domain/records.js';
import { completingEvents } from '../../src/domain/timer-rules.js';
import type { Member, TimerId } from '../../src/domain/types.js';
import { helpCard, welcomeCard } from '../../src/adapters/teams/cards/help-cards.js';
import { NEUTRAL_VIEW_TEXT, neutralCard, NO_VIEW_TEXT } from '../../src/adapters/teams/cards/user-specific-view.js';
import { caseRefreshTarget } from '../../src/adapters/teams/refresh-views.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';
import { PLAYGROUND, ROOT, startE2E, type E2E } from './support/playground-harness.js';
import { postCardAsBot } from './support/playground-people.js';
import {
  botMessages,
  buttonNames,
  cardIn,
  keepScreenshot,
  nextBotMessage,
  openPersonalChat,
  shootMessage,
} from './support/playground-ui.js';

const missing = chromiumMissing();
if (missing) console.warn(`[e2e] card-previews.test.ts skipped: ${missing}`);

// ---------------------------------------------------------------------------------------------------------------
// The demo roster and the norms, as the bot reads them.

const roster = JSON.parse(readFileSync(join(ROOT, 'db/seed/demo-roster.json'), 'utf8')) as { members: Member[] };
const norms = JSON.parse(readFileSync(join(ROOT, 'db/seed/norms.json'), 'utf8')) as {
  timers: Record<TimerId, { label: string }>;
};
const member = (id: string): Member => {
  const m = roster.members.find((x) => x.id === id);
  if (!m) throw new Error(`no ${id} in the demo roster`);
  return m;
};
const nameOf = (id: string) => member(id).name;
/** "Naam (organisatie)", as the bot names people in team messages (personLabel). */
const labelOf = (id: string) => `${member(id).name} (${member(id).orgName})`;
const termLabel = (timer: TimerId) => norms.timers[timer].label;
const completing = (timer: TimerId) =>
  completingEvents(timer).map((event) => ({ event, label: EVENT_LABELS[event] ?? event }));

const REF = 'CG-ARN-2026-0001';
const REF_2 = 'CG-ARN-2026-0002';
const REF_3 = 'CG-ARN-2026-0003';
const ARNHEM_TEAM = ['lt-arn', 'vt-arn', 'gi-arn', 'rvdk-arn'];

// ---------------------------------------------------------------------------------------------------------------
// View models. The story: CG-ARN-2026-0001 (Arnhem) got a measure on Thu 12 Nov 2026; Tue 1 Dec 2026 is "today".

function nudge(overrides: Partial<NudgeView>): NudgeView {
  return {
    caseRef: REF,
    municipality: 'Arnhem',
    timer: 'T1',
    timerId: 7,
    timerLabel: termLabel('T1'),
    step: 'overdue',
    dueDate: '2026-11-26',
    ownerName: nameOf('vt-arn'),
    audience: 'status',
    mayManage: false,
    state: 'open',
    postponeCount: 0,
    acknowledgedBy: null,
    completing: completing('T1'),
    jeugdbeschermers: [],
    handoverId: null,
    ...overrides,
  };
}

function teamMessage(subject: TeamSubject, overrides: Partial<TeamMessageView> = {}): TeamMessageView {
  return {
    subject,
    caseRef: REF,
    municipality: 'Arnhem',
    actor: labelOf('lt-arn'),
    aboutReader: false,
    mayOpen: true,
    ...overrides,
  };
}

const ownerChoices = ARNHEM_TEAM.map((id): [string, string] => [id, labelOf(id)]);

const joinedTermsEscalation: EscalationView = {
  caseRef: REF_2,
  municipality: 'Arnhem',
  stage: 'RVDK_INVESTIGATION',
  escalation: 2,
  level: 'L1',
  trigger: 'AGREEMENTS_NOT_FOLLOWED',
  // As the bot words an automatic escalation's question (raise-escalation.ts).
  question: `De termijn "${termLabel('T4')}" liep af op ${dutchDateLong('2026-11-13')} en is nog niet afgerond. Wie pakt het op, en wanneer?`,
  orgs: ['Lokaal Team', 'Veilig Thuis', 'Gecertificeerde Instelling', 'Raad voor de Kinderbescherming'],
  workingDaysStalled: 21,
  state: 'open',
  meetingDate: null,
  decision: null,
  reflection: null,
  reminder: false,
  canAct: true,
  canWithdraw: true,
  canReflect: true,
  raiseTo: 'L2',
  raiseNote: null,
  ownerChoices,
  canEngageExpertTeam: false,
  expertTeamIn: false,
  terms: [
    `${termLabel('T4')} (T4), uiterlijk ${dutchDate('2026-11-13')}: nog niet afgerond`,
    `${termLabel('T13')} (T13), uiterlijk ${dutchDate('2026-11-30')}: nog niet afgerond`,
  ],
  notice: `Er is een termijn bijgekomen in deze escalatie: ${termLabel('T13')}.`,
};

function teamMemberView(id: string, joinedAt: number): TeamMemberView {
  const m = member(id);
  return { id, name: m.name, org: m.org, orgName: m.orgName, role: m.role, isCoordinator: id === 'lt-arn', joinedAt };
}

function timerView(t: Partial<TimerView> & Pick<TimerView, 'id' | 'timer' | 'dueDate' | 'late'>): TimerView {
  const owner = t.ownerId ?? null;
  return {
    label: termLabel(t.timer),
    ownerId: owner,
    ownerName: owner ? nameOf(owner) : null,
    nextStep: 'overdue',
    postponeCount: 0,
    acknowledged: false,
    ...t,
  };
}

const OPENED = Date.parse('2026-10-05T09:12:00+02:00');

const openEscalation: EscalationRecord = {
  id: 1,
  caseId: 1,
  seq: 1,
  series: 'team',
  trigger: 'AGREEMENTS_NOT_FOLLOWED',
  source: 'timer',
  timerId: 3,
  level: 'L1',
  raisedBy: 'teammodel-bot',
  raisedAt: Date.parse('2026-11-27T08:00:00+01:00'),
  question: `De termijn "${termLabel('T6')}" liep af op ${dutchDateLong('2026-11-19')} en is nog niet afgerond. Wie pakt het op, en wanneer?`,
  orgs: ['LT', 'VT', 'GI', 'RVDK'],
  baseParticipants: ARNHEM_TEAM,
  participants: [...ARNHEM_TEAM, 'lead-lt-arn', 'lead-vt-1', 'lead-gi-1', 'lead-rvdk-1'],
  guests: [],
  policy: '{}',
  levelRaisedAt: Date.parse('2026-11-27T08:00:00+01:00'),
  levelRaisedDate: '2026-11-27',
  state: 'open',
  outcome: null,
  decision: null,
  decisionOwner: null,
  deadline: null,
  meetingDate: null,
  reason: null,
  reflection: null,
  familyInformed: null,
  familyInformedOn: null,
  closedAt: null,
  closedBy: null,
  nextAction: 'reminder',
  nextActionAt: Date.parse('2026-12-04T08:00:00+01:00'),
};

const lateCaseView: CaseView = {
  record: {
    id: 1,
    ref: REF,
    municipality: 'Arnhem',
    stage: 'GI_ASSIGNMENT',
    coordinatorId: 'lt-arn',
    measure: 'OTS',
    measureStart: '2026-11-12',
    measureEnd: '2027-11-11',
    openedAt: OPENED,
    openedBy: 'lt-arn',
    closedAt: null,
    lastActivityAt: Date.parse('2026-11-24T14:30:00+01:00'),
  },
  viewer: member('rvdk-arn'),
  isMember: true,
  team: ARNHEM_TEAM.map((id) => teamMemberView(id, OPENED)),
  timers: [
    // T6: five working days after the measure (Thu 12 Nov): Thu 19 Nov; late since Fri 20 Nov.
    timerView({ id: 3, timer: 'T6', dueDate: '2026-11-19', late: true, ownerId: 'gi-arn', postponeCount: 1 }),
    timerView({ id: 4, timer: 'T13', dueDate: '2026-12-22', late: false, ownerId: 'lt-arn', nextStep: 'escalate' }),
    timerView({ id: 5, timer: 'T8', dueDate: '2027-09-16', late: false, ownerId: 'gi-arn', nextStep: 'remind' }),
  ],
  handovers: [],
  escalations: [openEscalation],
  // Since the measure, and how many working days until today (Tue 1 Dec 2026).
  waitingForJeugdbeschermer: { since: '2026-11-12', workingDays: 13 },
};

// ---------------------------------------------------------------------------------------------------------------
// The previews.

interface Preview {
  name: string;
  what: string;
  card: AdaptiveCard;
  /** A text only this card has: how its message is found in the chat. */
  marker: string;
  /** Every button the card shows (top-level actions and ActionSets), in order. */
  buttons: string[];
  /** Texts that must be shown. */
  shows: string[];
  /**
   * Texts of the card the renderer does not show as written — findings for the engineers, kept here so that the test
   * fails (and this can go) once they are fixed.
   */
  knownLosses?: string[];
}

const TEAM_BUTTON = ['Casus bekijken'];

const previews: Preview[] = [
  {
    name: 'nudge-status',
    what: 'the overdue status card to a case professional who does not own the term',
    card: nudgeCard(nudge({})),
    marker: 'Verlopen in jouw casus: Veiligheidsbeoordeling Veilig Thuis',
    buttons: ['Casus bekijken'],
    shows: [
      'Deze termijn is verlopen: hij liep af op do 26 nov 2026 en is nog niet afgerond.',
      'Roos de Graaf (fictief) is aan zet.',
      'do 26 nov 2026',
      'Veiligheidsbeoordeling Veilig Thuis (T1)',
    ],
  },
  {
    name: 'nudge-action',
    what: 'the overdue action card to the owner of the term (postponed once before)',
    card: nudgeCard(
      nudge({
        timer: 'T4',
        timerId: 9,
        timerLabel: termLabel('T4'),
        dueDate: '2026-11-13',
        ownerName: nameOf('rvdk-arn'),
        audience: 'action',
        mayManage: true,
        postponeCount: 1,
        completing: completing('T4'),
      }),
    ),
    marker: 'Termijn: Start raadsonderzoek',
    buttons: ['Ik pak het op', 'Uitstellen', 'Vastleggen: Raadsonderzoek gestart'],
    shows: ['Deze termijn is verstreken.', 'vr 13 nov 2026', '1× uitgesteld', 'Tess de Groot (fictief)'],
  },
  {
    name: 'nudge-checkin',
    what: 'the T3 check-in: report back to the Jeugdbeschermingstafel, or record that the worries decreased',
    card: nudgeCard(
      nudge({
        caseRef: REF_3,
        timer: 'T3',
        timerId: 12,
        timerLabel: termLabel('T3'),
        step: 'checkin',
        dueDate: '2026-12-15',
        ownerName: nameOf('lt-arn'),
        audience: 'action',
        mayManage: true,
        completing: completing('T3'),
      }),
    ),
    marker: 'Terugmelden bij de Jeugdbeschermingstafel?',
    buttons: ['Zorgen afgenomen, geen terugmelding nodig', 'Terugmelden'],
    shows: [
      'Tijd om te kijken of terugmelden bij de Jeugdbeschermingstafel nodig is.',
      'Terugmelden uiterlijk',
      'di 15 dec 2026',
      'Pien Meijer (fictief)',
    ],
  },
  {
    name: 'acute-followup',
    what: 'the next working day after an acute report: was there a joint decision?',
    // As render-outbound.ts builds it: the report's day in words.
    card: acuteFollowupCard({ caseRef: REF, acuteId: 4, reportedOn: dutchDateLong('2026-11-30'), answered: null }),
    marker: 'Na de acute melding van 30 november 2026',
    buttons: ['Ja, er is samen besloten', 'Nee, nog niet'],
    shows: ['Eerst besluiten en later afstemmen is wat het teammodel wil voorkomen.'],
  },
  {
    name: 'acute-alert',
    what: 'the ACUUT card to the other case professionals and their team leads (only in their own chats)',
    card: acuteCard({
      caseRef: REF,
      municipality: 'Arnhem',
      acuteId: 4,
      raisedByName: nameOf('rvdk-arn'),
      raisedByOrg: member('rvdk-arn').orgName,
      crisisRoutes: CRISIS_ROUTES,
      pickedUpByName: null,
    }),
    marker: `ACUUT: onveiligheid gemeld in casus ${REF}`,
    buttons: ['Ik pak dit op'],
    shows: ['Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem)', 'nog niemand', 'bel 112'],
  },
  {
    name: 'weekly',
    what: "Monday's line to the pilot coordinator: the cases that stall",
    // The concerns as render-outbound.ts words them.
    card: weeklyCard({
      monday: '2026-11-30',
      cases: [
        { caseRef: REF, municipality: 'Arnhem', concerns: ['wacht op een jeugdbeschermer'] },
        {
          caseRef: REF_2,
          municipality: 'Arnhem',
          concerns: [`${termLabel('T4')}: meer dan 10 werkdagen verlopen`, '1 escalatie op L2 of hoger'],
        },
        {
          caseRef: REF_3,
          municipality: 'Arnhem',
          concerns: [`${termLabel('T2')}: meer dan 10 werkdagen verlopen`],
        },
      ],
    }),
    marker: 'Weekoverzicht vanaf ma 30 nov 2026',
    buttons: ['Casus bekijken', 'Casus bekijken', 'Casus bekijken'],
    shows: ['3 casussen in jouw gemeenten vragen aandacht:', `Casus ${REF_2} (Arnhem)`, 'wacht op een jeugdbeschermer'],
  },
  {
    name: 'team-member-added',
    what: 'team message: someone joined the case team',
    card: teamMessageCard(teamMessage('member_added', { member: labelOf('gi-arn-2') })),
    marker: `Nieuw in het casusteam van ${REF}`,
    buttons: TEAM_BUTTON,
    shows: ['Rik Mulder (fictief) (Jeugdbescherming Gelderland) is toegevoegd door Pien Meijer (fictief)'],
  },
  {
    name: 'team-member-added-you',
    what: 'team message: the reader was added to the case team',
    card: teamMessageCard(
      teamMessage('member_added', { aboutReader: true, member: labelOf('rvdk-arn'), actor: labelOf('lt-arn') }),
    ),
    marker: `Je bent toegevoegd aan casus ${REF} (Arnhem)`,
    buttons: TEAM_BUTTON,
    shows: ['Pien Meijer (fictief) (Stichting Wijkteams Arnhem) heeft je toegevoegd aan het casusteam.'],
  },
  {
    name: 'team-member-replaced',
    what: 'team message: a successor takes over',
    card: teamMessageCard(
      teamMessage('member_replaced', {
        member: labelOf('gi-arn'),
        successor: labelOf('gi-arn-2'),
        actor: labelOf('lead-gi-1'),
      }),
    ),
    marker: `Wissel in het casusteam van ${REF}`,
    buttons: TEAM_BUTTON,
    shows: [
      'Rik Mulder (fictief) (Jeugdbescherming Gelderland) neemt het over van Sem Jansen (fictief) (Jeugdbescherming Gelderland).',
      'Vastgelegd door Gijs Dijkstra (fictief) (Jeugdbescherming Gelderland).',
    ],
  },
  {
    name: 'team-member-removed',
    what: 'team message: someone left the case team',
    card: teamMessageCard(teamMessage('member_removed', { caseRef: REF_2, member: labelOf('vt-arn') })),
    marker: `Wissel in het casusteam van ${REF_2}`,
    buttons: TEAM_BUTTON,
    shows: ['Roos de Graaf (fictief) (Veilig Thuis Gelderland-Midden) zit niet meer in het casusteam'],
  },
  {
    name: 'team-member-removed-you',
    what: 'team message: the reader was removed (and may no longer open the case: no button)',
    card: teamMessageCard(
      teamMessage('member_removed', { caseRef: REF_3, aboutReader: true, member: labelOf('rvdk-arn'), mayOpen: false }),
    ),
    marker: `Je zit niet meer in het casusteam van ${REF_3}`,
    buttons: [],
    shows: ['Je ziet de casus vanaf nu niet meer.'],
  },
  {
    name: 'team-coordinator-changed',
    what: 'team message: casusregie moved',
    card: teamMessageCard(
      teamMessage('coordinator_changed', {
        coordinator: labelOf('gi-arn'),
        previousCoordinator: labelOf('lt-arn'),
      }),
    ),
    marker: `Casusregie van ${REF}`,
    buttons: TEAM_BUTTON,
    shows: [
      'De casusregie ligt nu bij Sem Jansen (fictief) (Jeugdbescherming Gelderland).',
      'Eerder lag die bij Pien Meijer (fictief) (Stichting Wijkteams Arnhem).',
    ],
  },
  {
    name: 'team-decision',
    what: 'team message: what an escalation decided',
    card: teamMessageCard(
      teamMessage('decision', {
        caseRef: REF_2,
        actor: labelOf('lead-gi-1'),
        decision: {
          text: 'De jeugdbeschermer voert het veiligheidsgesprek en legt de afspraken vast.',
          owner: labelOf('gi-arn'),
          deadline: '2026-12-15',
          familyInformed: `ja, op ${dutchDateLong('2026-12-01')}`,
        },
      }),
    ),
    marker: `Besluit over casus ${REF_2} (Arnhem)`,
    buttons: TEAM_BUTTON,
    shows: [
      'Uitvoering: Sem Jansen (fictief) (Jeugdbescherming Gelderland), uiterlijk di 15 dec 2026.',
      'Gezin geïnformeerd: ja, op 1 december 2026.',
    ],
  },
  {
    name: 'team-escalation-withdrawn',
    what: 'team message: an escalation was withdrawn',
    card: teamMessageCard(teamMessage('escalation_withdrawn', { caseRef: REF_2 })),
    marker: `Escalatie ingetrokken: ${REF_2}`,
    buttons: TEAM_BUTTON,
    shows: ['Pien Meijer (fictief) (Stichting Wijkteams Arnhem) heeft de escalatie ingetrokken.'],
  },
  {
    name: 'team-report-back',
    what: 'team message: reported back to the Jeugdbeschermingstafel',
    card: teamMessageCard(teamMessage('report_back', { caseRef: REF_3 })),
    marker: `Teruggemeld: ${REF_3}`,
    buttons: TEAM_BUTTON,
    shows: ['meldt terug bij de Jeugdbeschermingstafel: de zorgen zijn niet afgenomen.'],
  },
  {
    name: 'team-consult-requested',
    what: 'team message: your advice is asked',
    card: teamMessageCard(teamMessage('consult_requested', { caseRef: REF_3, aboutReader: true })),
    marker: `Je advies gevraagd: casus ${REF_3} (Arnhem)`,
    buttons: TEAM_BUTTON,
    shows: ['vraagt je mee te denken.'],
  },
  {
    name: 'escalation-joined-terms',
    what: 'the automatic escalation after a second late term joined it',
    card: escalationCard(joinedTermsEscalation),
    marker: `Escalatie 2 · casus ${REF_2}`,
    buttons: ['Overleg plannen', 'Besluit vastleggen', 'Opschalen naar L2 management', 'Intrekken'],
    shows: [
      'Er is een termijn bijgekomen in deze escalatie: Stilte in de casus.',
      'Termijnen in deze escalatie:',
      'Start raadsonderzoek (T4), uiterlijk vr 13 nov 2026: nog niet afgerond',
      'Stilte in de casus (T13), uiterlijk ma 30 nov 2026: nog niet afgerond',
      `Typ "acuut ${REF_2}": dat wacht niet op deze ladder.`,
      '21 werkdagen geen activiteit in de casus',
      'L1 teamleiders',
      'Samenwerkingsafspraken niet nagekomen',
    ],
  },
  {
    name: 'escalation-expert-team-offer',
    what: 'an escalation at L2: its participants may bring in the regional expert team (after a confirmation)',
    card: escalationCard({
      ...joinedTermsEscalation,
      level: 'L2',
      raiseTo: 'L3',
      terms: joinedTermsEscalation.terms.slice(0, 1),
      notice: undefined,
      canEngageExpertTeam: true,
    }),
    marker: `Escalatie 2 · casus ${REF_2}`,
    buttons: [
      'Overleg plannen',
      'Besluit vastleggen',
      'Regionaal Expertteam inschakelen',
      'Opschalen naar L3 bestuur / regionale tafel',
      'Intrekken',
    ],
    shows: ['L2 management'],
  },
  {
    name: 'escalation-expert-team-joined',
    what: 'the card the regional expert team member receives when brought in',
    card: escalationCard({
      ...joinedTermsEscalation,
      level: 'L2',
      raiseTo: 'L3',
      terms: joinedTermsEscalation.terms.slice(0, 1),
      expertTeamIn: true,
      notice:
        'Je bent als Regionaal Expertteam ingeschakeld bij deze escalatie (L2 management). Je neemt deel tot er een besluit is.',
    }),
    marker: 'Je bent als Regionaal Expertteam ingeschakeld',
    buttons: ['Overleg plannen', 'Besluit vastleggen', 'Opschalen naar L3 bestuur / regionale tafel', 'Intrekken'],
    shows: ['Het Regionaal Expertteam neemt deel aan deze escalatie.'],
  },
  {
    name: 'case-card-late',
    what: 'the case card with a late term and a child waiting for a jeugdbeschermer',
    card: buildCaseCard({ view: lateCaseView, nameOf }),
    marker: 'Wacht op jeugdbeschermer sinds do 12 nov 2026',
    buttons: ['Team', 'Gebeurtenis vastleggen', 'Fase wijzigen', 'Casus sluiten', 'Acuut onveilig'],
    shows: [
      `Casus ${REF}`,
      '(13 werkdagen). Het Lokaal Team blijft zolang verantwoordelijk.',
      'Jeugdbeschermer toegewezen: verlopen, liep af op do 19 nov 2026, eigenaar Sem Jansen (fictief) (uitgesteld)',
      'Ondertoezichtstelling (OTS) tot do 11 nov 2027',
      'L1 teamleiders, Samenwerkingsafspraken niet nagekomen: open',
    ],
  },
  {
    name: 'help-card',
    what: '`hulp`: every command, grouped by task',
    card: helpCard(),
    marker: 'Wat kan ik?',
    buttons: [],
    shows: ['Een casus', 'Als het stokt of onveilig is', 'casus nieuw ‹gemeente›', 'consult ‹ref›', 'afwezig'],
  },
  {
    name: 'welcome-card',
    what: 'the welcome on a personal install',
    card: welcomeCard('personal', true),
    marker: 'Welkom bij de teammodel-bot',
    buttons: [],
    shows: ['Wat ik nooit bewaar', 'Begin hiermee', 'mijn casussen'],
  },
  {
    name: 'no-view',
    what: 'a card several people see, as someone who may not see the case gets it (also a removed member, in place of their copy)',
    card: neutralCard(NO_VIEW_TEXT),
    marker: 'Deze kaart is voor de mensen die bij de casus horen. Je ziet hier geen gegevens van de casus.',
    buttons: [],
    shows: ['Een bericht van de teammodel-bot (geautomatiseerd).'],
  },
  {
    name: 'neutral-many-readers',
    what: 'a case card posted where more than 60 people read it: each presses Vernieuwen for their own view',
    card: neutralCard(NEUTRAL_VIEW_TEXT, caseRefreshTarget(REF)),
    marker: 'Druk op Vernieuwen om jouw weergave te zien.',
    buttons: ['Vernieuwen'],
    shows: ['Deze kaart van de teammodel-bot is voor de mensen die bij de casus horen.'],
  },
  {
    name: 'escalation-outdated',
    what: '"Opschalen" pressed on a card of a level raised meanwhile: the current card, with a line saying so',
    card: escalationCard({
      ...joinedTermsEscalation,
      notice: 'Deze escalatie staat intussen op L1 teamleiders; dit is de huidige stand.',
    }),
    marker: 'Deze escalatie staat intussen op L1 teamleiders; dit is de huidige stand.',
    buttons: ['Overleg plannen', 'Besluit vastleggen', 'Opschalen naar L2 management', 'Intrekken'],
    shows: [`Escalatie 2 · casus ${REF_2}`],
  },
  {
    name: 'escalation-confidential',
    what: 'a worrying-conduct escalation, as its raiser and their lead see it: its own series of numbers',
    card: escalationCard({
      ...joinedTermsEscalation,
      escalation: 1,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over het handelen worden niet nagekomen; hoe gaan we dit bespreken?',
      orgs: ['Lokaal Team'],
      terms: [],
      notice: undefined,
    }),
    marker: `Vertrouwelijke escalatie 1 · casus ${REF_2}`,
    buttons: ['Overleg plannen', 'Besluit vastleggen', 'Opschalen naar L2 management', 'Intrekken'],
    shows: ['Nalatig of zorgwekkend handelen', 'Vertrouwelijk: alleen de melder'],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// What a card says, and what must not be in it.

interface CardNode {
  type?: string;
  text?: string;
  title?: string;
  label?: string;
  facts?: Array<{ title: string; value: string }>;
  [key: string]: unknown;
}

/** Every text a reader can see on the card, forms included (TextBlocks, facts, input labels, choices, buttons). */
function allTexts(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as CardNode;
    for (const key of ['text', 'title', 'label', 'placeholder', 'errorMessage'] as const)
      if (typeof o[key] === 'string') out.push(o[key] as string);
    if (Array.isArray(o.facts)) for (const f of o.facts) out.push(f.title, f.value);
    for (const [key, value] of Object.entries(o)) if (key !== 'facts' && typeof value === 'object') walk(value);
  };
  walk(node);
  return out;
}

/** The texts shown without opening a form: the card's own TextBlocks and facts (not Action.ShowCard contents). */
function shownTexts(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (items: unknown[]): void => {
    for (const item of items as CardNode[]) {
      if (item.type === 'TextBlock' && typeof item.text === 'string') out.push(item.text);
      if (item.type === 'FactSet' && item.facts) for (const f of item.facts) out.push(f.title, f.value);
      for (const key of ['items', 'columns'] as const) if (Array.isArray(item[key])) walk(item[key] as unknown[]);
    }
  };
  walk(card.body);
  return out;
}

/** The buttons the card shows without opening a form: its actions and the actions of ActionSets in the body. */
function buttonTitles(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (items: unknown[]): void => {
    for (const item of items as CardNode[]) {
      if (item.type === 'ActionSet') out.push(...(item.actions as CardNode[]).map((a) => a.title!));
      for (const key of ['items', 'columns'] as const) if (Array.isArray(item[key])) walk(item[key] as unknown[]);
    }
  };
  walk(card.body);
  return [...out, ...(card.actions ?? []).map((a) => (a as CardNode).title!)];
}

/** One line of card text as the renderer shows it: Markdown list dashes and bold markers gone, spaces collapsed. */
const asShown = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/^- /, '').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** Raw codes (snake_case or SCREAMING_CASE identifiers) and English role/workflow words. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b|\b[A-Z]{2,}_[A-Z_]+\b/;
const ENGLISH =
  /\b(team ?leads?|coordinator|director|behavioural|scientist|owner|overdue|due|late|timer|check-?in|reminder|escalation|member|stage|case|pending|withdrawn|resolved|open items?)\b/i;

function problemsIn(texts: string[]): string[] {
  const problems: string[] = [];
  for (const t of texts) {
    // "uitvoerend professional" is the Dutch role label; "(T4)" codes and case references are meant to be there.
    const plain = t.replace(/uitvoerend professional/g, '');
    if (ISO_DATE.test(plain)) problems.push(`ISO date: ${t}`);
    if (RAW_CODE.test(plain)) problems.push(`raw code: ${t}`);
    if (ENGLISH.test(plain)) problems.push(`English: ${t}`);
    if (/\bprofessional\b/.test(plain)) problems.push(`English role label: ${t}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(missing !== undefined)(
  `card previews, rendered by the playground's Adaptive Cards renderer in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let e: E2E | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let dir = '';
    const pageErrors: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'teammodel-e2e-previews-'));
      e = await startE2E({ startTimeoutMs: 120_000 });
      // Tall, so that a long card fits the chat pane and its element screenshot is not clipped.
      context = await launchChromium(join(dir, 'profile'), { width: 1280, height: 2200 });
      page = context.pages()[0] ?? (await context.newPage());
      // The playground's own UI asks an office.net CDN for an animation worklet; offline that fails, with no card involved.
      const offlineCdn = /cdn\.office\.net\/.*\(Network error\)/;
      page.on('pageerror', (err) => {
        if (!offlineCdn.test(err.message)) pageErrors.push(err.message);
      });
      page.on('console', (m) => {
        // The blocked office.net fonts and worklet (support/chromium.ts) are expected; anything else is not.
        // The worklet is reported as "Failed to load worklet module script: https://res-1.cdn.office.net/… (Network error)".
        if (
          m.type() === 'error' &&
          !/ERR_BLOCKED_BY_CLIENT|net::ERR_|Failed to load resource|cdn\.office\.net\/.*\(Network error\)/.test(
            m.text(),
          )
        )
          pageErrors.push(m.text());
      });
      await openPersonalChat(page, e.uiUrl);
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await e?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('every preview is built from a real builder with only Dutch words, Dutch dates and no raw codes', () => {
      expect(new Set(previews.map((p) => p.name)).size).toBe(previews.length);
      for (const p of previews) {
        expect(problemsIn(allTexts(p.card)), p.name).toEqual([]);
        expect(buttonTitles(p.card), p.name).toEqual(p.buttons);
      }
      // A team message for each subject.
      expect(
        previews
          .filter((p) => p.name.startsWith('team-'))
          .map((p) => p.name.replace(/^team-/, '').replace(/-you$/, '')),
      ).toEqual(
        expect.arrayContaining([
          'member-added',
          'member-replaced',
          'member-removed',
          'coordinator-changed',
          'decision',
          'escalation-withdrawn',
          'report-back',
          'consult-requested',
        ]),
      );
    });

    for (const preview of previews) {
      it(`preview-${preview.name}: ${preview.what}`, { timeout: 120_000 }, async () => {
        const before = await botMessages(page).count();
        const errorsBefore = pageErrors.length;
        await postCardAsBot(e!, PLAYGROUND.personalChat, preview.card, `Voorbeeld: ${preview.name}`);
        const message = await nextBotMessage(page, before, preview.marker);
        const card = cardIn(message);
        // Let the renderer finish (fonts, layout) before reading and shooting.
        await page.waitForTimeout(300);

        const rendered = collapse(await card.innerText());
        expect(rendered.length, 'the card is not empty').toBeGreaterThan(60);
        const box = await card.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThan(80);

        // The expected buttons are rendered as buttons, and no other.
        expect(await buttonNames(card)).toEqual(preview.buttons);
        for (const title of new Set(preview.buttons))
          expect(await card.getByRole('button', { name: title, exact: true }).count()).toBe(
            preview.buttons.filter((b) => b === title).length,
          );

        // The renderer dropped nothing: every text block and fact of the card is on screen (as Markdown renders it).
        const lost = shownTexts(preview.card)
          .flatMap(asShown)
          .filter((line) => !rendered.includes(line));
        const knownLosses = preview.knownLosses ?? [];
        expect(
          lost.map((line) => knownLosses.find((k) => line.includes(k)) ?? line),
          'texts of the card that are not shown as written',
        ).toEqual(knownLosses);
        for (const text of preview.shows) expect(rendered).toContain(text);
        expect(problemsIn([rendered]), 'what the screen shows').toEqual([]);
        expect(pageErrors.slice(errorsBefore), 'page errors while rendering').toEqual([]);

        await keepScreenshot(dir, `preview-${preview.name}`, (path) => shootMessage(message, path));
      });
    }
  },
);
