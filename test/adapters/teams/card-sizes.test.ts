import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../../src/app/change-membership.js';
import { raiseEscalation } from '../../../src/app/escalations/raise-escalation.js';
import { startHandover } from '../../../src/app/handovers/handover-actions.js';
import { openCase } from '../../../src/app/open-case.js';
import { getAbsenceView } from '../../../src/app/queries/get-absence-view.js';
import { getEventForm } from '../../../src/app/queries/get-event-form.js';
import { getRosterView } from '../../../src/app/queries/get-roster-view.js';
import { listMyCases } from '../../../src/app/queries/list-my-cases.js';
import { recordEvent } from '../../../src/app/record-event.js';
import { runTick } from '../../../src/app/run-tick.js';
import { setAbsence } from '../../../src/app/set-absence.js';
import { escalationCardFor } from '../../../src/adapters/teams/escalation/escalation-card-for.js';
import { handoverViewFor } from '../../../src/adapters/teams/handover/handover-view-for.js';
import { escalationFormFor } from '../../../src/adapters/teams/escalation/escalation-command.js';
import { handoverFormFor } from '../../../src/adapters/teams/handover/handover-command.js';
import { confirmAcute, reportAcute } from '../../../src/adapters/teams/acute/acute-report.js';
import { reachabilityCardFor } from '../../../src/adapters/teams/pilot/reachability-command.js';
import { kpiCardFor } from '../../../src/adapters/teams/pilot/kpi-cards-for.js';
import { learningCardFor } from '../../../src/adapters/teams/pilot/learning-cards-for.js';
import { overviewCardFor, stalledCasesCardFor } from '../../../src/adapters/teams/pilot/overview-cards-for.js';
import { teamCardFor } from '../../../src/adapters/teams/case/case-cards-for.js';
import { absenceFormCard, absenceRecordedCard } from '../../../src/adapters/teams/absence/absence-card.js';
import { acuteFollowupCard, acutePickedUpCard } from '../../../src/adapters/teams/acute/acute-card.js';
import { buildCaseCard } from '../../../src/adapters/teams/case/case-card.js';
import {
  buildEventChooserCard,
  buildEventFormCard,
  buildSetStageCard,
} from '../../../src/adapters/teams/case/case-card-forms.js';
import { caseThreadCard } from '../../../src/adapters/teams/case/case-thread-card.js';
import {
  CARD_MESSAGE_BUDGET_BYTES,
  TEAMS_MESSAGE_LIMIT_BYTES,
} from '../../../src/adapters/teams/cards/card-size-limit.js';
import type { AdaptiveCard } from '../../../src/adapters/teams/cards/card-kit.js';
import { buildCloseCaseCard } from '../../../src/adapters/teams/case/close-case-card.js';
import { digestCard } from '../../../src/adapters/teams/pilot/digest-card.js';
import { handoverCard } from '../../../src/adapters/teams/handover/handover-card.js';
import { helpCard, welcomeCard } from '../../../src/adapters/teams/cards/help-cards.js';
import { buildMyCasesCard } from '../../../src/adapters/teams/case/my-cases-card.js';
import { noticeCard } from '../../../src/adapters/teams/cards/notice-card.js';
import { renderOutbound } from '../../../src/adapters/teams/cards/render-outbound.js';
import { buildRosterCard } from '../../../src/adapters/teams/team/roster-card.js';
import {
  buildTeamCard,
  INLINE_CANDIDATES_MAX,
  type TeamCardModel,
} from '../../../src/adapters/teams/team/team-card.js';
import { weeklyCard } from '../../../src/adapters/teams/pilot/weekly-card.js';
import { viewCaseOnRecord } from '../../../src/app/queries/get-case-view.js';
import { CASE_EVENTS, type CaseEvent, type EventFields } from '../../../src/domain/timer-rules.js';
import { CASE_STAGES } from '../../../src/domain/types.js';
import { parseRoster } from '../../../src/domain/roster.js';
import { aContext, type TestContext } from '../../app/test-context.js';
import { cardSize, expectWithinBudget } from '../../support/card-size.js';
import { extraColleagues, largeRosterInput } from '../../support/large-roster.js';

// Every card the bot builds, built with large realistic inputs, must stay within the message budget of
// src/adapters/teams/cards/card-size-limit.ts (Microsoft's recommended 80 KB in UTF-16 for one bot message; the limit
// is 100 KB). The inputs: a province-wide roster (the demo roster plus 200 colleagues around Arnhem), one heavy Arnhem
// case (28 members, every event that can be recorded, 12 escalations by hand with long questions, every warm handover,
// absences), 60 more Arnhem cases, and four months of scheduler ticks, whose outbox messages are all rendered.

const EXTRA = 200;
const parsed = parseRoster(largeRosterInput(EXTRA), { requireNames: true });
if ('problems' in parsed) throw new Error(`test: large roster invalid: ${JSON.stringify(parsed.problems)}`);
const roster = parsed.roster;

const FIELDS: Partial<Record<CaseEvent, EventFields>> = {
  jbt_decision: { outcome: 'report_back' },
  measure_pronounced: { measure: 'OTS' },
  jeugdbeschermer_assigned: { member: 'gi-arn' },
  consult_requested: { member: 'extra-2' },
  consult_given: { parentsInformed: 'no' },
  jeugdhulp_decided: { outcome: 'approved' },
  bridging_agreed: { member: 'lt-arn', until: '2026-12-01' },
};

/** Events a lone Lokaal Team professional may not record on this case (they need another role or an escalation). */
const NOT_FOR_LT = new Set<CaseEvent>(['preventive_jb_started', 'jeugdhulp_proposed', 'ret_engaged']);

const LONG_QUESTION =
  'Wie pakt de planning van de gesprekken op, wie belt de school en de huisarts terug, en wanneer komt het team ' +
  'samen om de afspraken uit het plan van aanpak door te nemen? We wachten al weken op elkaar en niemand weet wie ' +
  'nu aan zet is. Graag een besluit over de verdeling van het werk tussen de organisaties, met een datum.';

interface World extends TestContext {
  heavy: { id: number; ref: string };
}

function buildWorld(): World {
  const c = aContext({ now: '2026-09-01T10:00', roster });
  const heavy = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  for (const extra of extraColleagues(24))
    addMember(c.ctx, { by: 'lt-arn', caseRef: heavy.ref, member: extra.id, reason: 'extra handen' });
  for (const event of CASE_EVENTS.filter((e) => !NOT_FOR_LT.has(e)))
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: heavy.ref, event, fields: FIELDS[event] });
  for (let i = 0; i < 12; i++)
    raiseEscalation(c.ctx, {
      by: i % 2 ? 'vt-arn' : 'lt-arn',
      caseRef: heavy.ref,
      trigger: i % 3 ? 'PROFESSIONAL_DILEMMA' : 'AGREEMENTS_NOT_FOLLOWED',
      question: `${LONG_QUESTION} (${i + 1})`,
    });
  for (const moment of ['H1', 'H2', 'H3', 'H4', 'H5', 'H7', 'H9'] as const)
    startHandover(c.ctx, { by: 'lt-arn', caseRef: heavy.ref, moment, from: 'lt-arn', to: 'extra-1' });
  for (const [i, extra] of extraColleagues(24).entries())
    if (i % 3 === 0) setAbsence(c.ctx, { by: extra.id, member: extra.id, from: '2026-09-01', until: '2027-03-01' });
  for (let i = 0; i < 60; i++) {
    const other = openCase(c.ctx, { by: i % 2 ? 'lt-arn' : 'vt-arn', municipality: 'Arnhem' });
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: other.ref, event: 'melding_received' });
  }
  reportAcute(c.ctx, roster.member('lt-arn')!, heavy.ref);
  for (let day = 0; day < 120; day++) {
    c.setNow(c.ctx.clock.now() + 24 * 3600_000);
    runTick(c.ctx);
  }
  return { ...c, heavy: { id: heavy.id, ref: heavy.ref } };
}

describe('every card stays within the message size budget', () => {
  let w: World;
  beforeAll(() => {
    w = buildWorld();
  }, 120_000);
  afterAll(() => w?.close());

  const sizes: Array<[string, number, number]> = [];
  const check = (name: string, card: AdaptiveCard): void => {
    const size = expectWithinBudget(name, card);
    sizes.push([name, size.utf16, size.utf8]);
  };
  const name = (id: string) => w.ctx.roster.member(id)?.name ?? id;
  const lt = () => w.ctx.roster.member('lt-arn')!;

  it('the budget is Microsoft’s recommended 80 KB below its 100 KB limit, counted in UTF-16', () => {
    expect(CARD_MESSAGE_BUDGET_BYTES).toBe(80 * 1024);
    expect(TEAMS_MESSAGE_LIMIT_BYTES).toBe(100 * 1024);
    // the measure counts two bytes per UTF-16 code unit: "ë" is one code unit, an emoji two
    const small = cardSize({ type: 'AdaptiveCard', body: [] });
    const accented = cardSize({ type: 'AdaptiveCard', body: ['ë'] });
    expect(accented.utf16 - small.utf16).toBe(2 * '"ë",'.length - 2);
    expect(() => expectWithinBudget('too big', { body: ['x'.repeat(CARD_MESSAGE_BUDGET_BYTES / 2)] })).toThrow(
      /too big: \d+ bytes in UTF-16/,
    );
  });

  it('the heavy case is as heavy as intended', () => {
    const view = viewCaseOnRecord(w.ctx, 'lt-arn', w.heavy.ref);
    expect(view.team.length).toBe(28);
    expect(view.escalations.length).toBeGreaterThanOrEqual(12);
    expect(view.handovers.length).toBeGreaterThanOrEqual(7);
    expect(view.timers.length).toBeGreaterThanOrEqual(5);
  });

  it('case card, team card (typeahead with 242 candidates), event, stage and close forms', () => {
    check('case card', buildCaseCard({ view: viewCaseOnRecord(w.ctx, 'lt-arn', w.heavy.ref), nameOf: name }));
    check('team card, province-wide roster', teamCardFor(w.ctx, 'lt-arn', w.heavy.ref, 'Iemand is toegevoegd.'));
    check('event chooser', buildEventChooserCard(w.heavy.ref));
    for (const event of CASE_EVENTS) {
      const view = getEventForm(w.ctx, 'lt-arn', w.heavy.ref, event);
      check(`event form ${event}`, buildEventFormCard({ ...view, event }));
    }
    for (const stage of CASE_STAGES) check(`stage form at ${stage}`, buildSetStageCard(w.heavy.ref, stage));
    check('close case', buildCloseCaseCard(w.heavy.ref));
  });

  it('the team card at the most names it still lists inline, with every member away and a deputy named', () => {
    const candidates = w.ctx.roster.members.filter((m) => m.id.startsWith('extra-')).slice(0, INLINE_CANDIDATES_MAX);
    const view = viewCaseOnRecord(w.ctx, 'lt-arn', w.heavy.ref);
    const model: TeamCardModel = {
      caseRef: w.heavy.ref,
      municipality: 'Arnhem',
      open: true,
      members: view.team.map((m) => ({
        ...m,
        away: {
          until: '2027-03-01',
          deputy: { name: 'Saskia Dekker-van den Broek (fictief)', orgName: 'Stichting Wijkteams Arnhem' },
          deputyStandsIn: false,
        },
      })),
      candidates,
      notice: 'Zoë Ünal 1 (fictief) is toegevoegd aan het casusteam.',
    };
    const card = buildTeamCard(model);
    expect(JSON.stringify(card)).not.toContain('Data.Query');
    check(`team card, ${INLINE_CANDIDATES_MAX} candidates inline`, card);
    const over = buildTeamCard({ ...model, candidates: w.ctx.roster.members.slice(0, INLINE_CANDIDATES_MAX + 1) });
    expect(JSON.stringify(over)).toContain('Data.Query');
  });

  it('a team so large that its inline list would not fit gets the typeahead instead, and fits', () => {
    // 40 members, every one away with a long deputy name; the card reaches the budget at about 60 such members.
    const TEAM_OF = 40;
    const candidates = w.ctx.roster.members
      .filter((m) => m.id.startsWith('extra-'))
      .slice(100, 100 + INLINE_CANDIDATES_MAX);
    const members = extraColleagues(TEAM_OF).map((c, i) => ({
      id: c.id,
      name: c.name,
      org: c.org,
      orgName: c.orgName,
      role: 'professional' as const,
      isCoordinator: i === 0,
      joinedAt: 0,
      away: {
        until: '2027-03-01',
        deputy: { name: 'Saskia Dekker-van den Broek (fictief)', orgName: 'Stichting Wijkteams Arnhem' },
        deputyStandsIn: true,
      },
    }));
    const card = buildTeamCard({ caseRef: w.heavy.ref, municipality: 'Arnhem', open: true, members, candidates });
    expect(JSON.stringify(card)).toContain('Data.Query');
    check(`team card, ${TEAM_OF} members, typeahead by size`, card);
  });

  it('escalation, handover, acute and the forms to start them', () => {
    for (const e of w.ctx.store.escalations.ofCase(w.heavy.id))
      check(`escalation ${e.seq}`, escalationCardFor(w.ctx, lt(), e, 'Het besluit is vastgelegd.'));
    for (const h of w.ctx.store.handovers.ofCase(w.heavy.id)) {
      check(`handover ${h.moment} (receiver)`, handoverCard(handoverViewFor(w.ctx, h, h.toMember, 'Afgevinkt.')));
      check(`handover ${h.moment} (thread)`, handoverCard(handoverViewFor(w.ctx, h, null)));
    }
    check('escalation form', escalationFormFor(w.ctx, lt(), w.heavy.ref));
    check('handover form', handoverFormFor(w.ctx, lt(), w.heavy.ref));
    check('acute confirmation', confirmAcute(w.ctx, lt(), w.heavy.ref));
    check('acute raised', reportAcute(w.ctx, lt(), w.heavy.ref));
    check('acute picked up', acutePickedUpCard({ caseRef: w.heavy.ref, who: `${name('vt-arn')} (Veilig Thuis)` }));
    check(
      'acute follow-up',
      acuteFollowupCard({ caseRef: w.heavy.ref, acuteId: 1, reportedOn: 'dinsdag 1 september 2026', answered: null }),
    );
  });

  it('every message the outbox holds after four months, rendered for its recipient', () => {
    const pending = w.ctx.store.outbox.pending(Number.MAX_SAFE_INTEGER, true, 1_000_000);
    const kinds = new Map<string, number>();
    for (const d of pending) {
      const recipient = w.ctx.roster.member(d.recipientId);
      if (!recipient) continue;
      const rendered = renderOutbound(w.ctx, { ...d }, recipient);
      if (!rendered || !('card' in rendered)) continue;
      kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
      const size = expectWithinBudget(`outbox ${d.kind}`, rendered.card);
      const worst = sizes.find(([n]) => n === `outbox ${d.kind} (largest)`);
      if (!worst) sizes.push([`outbox ${d.kind} (largest)`, size.utf16, size.utf8]);
      else if (size.utf16 > worst[1]) [worst[1], worst[2]] = [size.utf16, size.utf8];
    }
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['nudge', 'escalation', 'team', 'handover', 'acute']));
  });

  it('lists: my cases, roster, absences, digest, weekly line, overview, stalled cases, KPIs, learning, reachability', () => {
    check('my cases (lt-arn)', buildMyCasesCard(listMyCases(w.ctx, 'lt-arn')));
    check('my cases (lead-lt-arn)', buildMyCasesCard(listMyCases(w.ctx, 'lead-lt-arn')));
    check('roster Arnhem', buildRosterCard(getRosterView(w.ctx, 'lt-arn', 'Arnhem')));
    check('absence form', absenceFormCard(getAbsenceView(w.ctx, 'lead-lt-arn'), 'De afwezigheid is vastgelegd.'));
    check(
      'absence recorded',
      absenceRecordedCard(
        setAbsence(w.ctx, { by: 'lead-lt-arn', member: 'lt-arn', from: '2027-01-04', until: '2027-01-29' }),
        false,
        '2026-12-30',
      ),
    );
    const lines = Array.from({ length: 200 }, (_, i) => ({
      caseRef: `CG-ARN-2026-${String(i + 1).padStart(4, '0')}`,
      line: 'Veiligheidsbeoordeling Veilig Thuis is te laat sinds vrijdag 12 december 2026 (eigenaar: Pien Meijer)',
    }));
    check('digest, 200 lines', digestCard({ day: '2026-12-14', lines }));
    check(
      'weekly line, 200 cases',
      weeklyCard({
        monday: '2026-12-14',
        cases: lines.map((l) => ({ caseRef: l.caseRef, municipality: 'Arnhem', concerns: [l.line, l.line, l.line] })),
      }),
    );
    check('overview (coord-arn)', overviewCardFor(w.ctx, 'coord-arn'));
    check('stalled cases Arnhem', stalledCasesCardFor(w.ctx, 'coord-arn', 'Arnhem'));
    check(
      'KPIs Arnhem',
      kpiCardFor(w.ctx, 'coord-arn', { municipality: 'Arnhem', from: '2026-01-01', to: '2026-12-31' }),
    );
    check('learning Arnhem', learningCardFor(w.ctx, 'coord-arn', { municipality: 'Arnhem' }));
    check('reachability (coord-arn)', reachabilityCardFor(w.ctx, 'coord-arn'));
  });

  it('help, welcome, notices and the case thread line', () => {
    check('help', helpCard());
    for (const scope of ['personal', 'team'] as const)
      for (const inRoster of [true, false]) check(`welcome ${scope} ${inRoster}`, welcomeCard(scope, inRoster));
    check(
      'notice: unreachable',
      noticeCard({
        memberName: 'Saskia Dekker-van den Broek (fictief)',
        memberOrg: 'Veilig Thuis Gelderland-Midden',
        caseRef: w.heavy.ref,
        aboutText: 'een escalatie',
        acute: true,
        postedInThread: true,
      }),
    );
    check(
      'case thread',
      caseThreadCard({
        caseRef: w.heavy.ref,
        memberName: 'Saskia Dekker-van den Broek (fictief)',
        mentionId: '00000000-0000-4000-8000-000000000016',
        aboutText: 'een acute melding',
        acute: { reportedBy: 'Pien Meijer (fictief), Lokaal Team', crisisRoutes: ['Veilig Thuis: 0800-2000'] },
      }),
    );
  });

  it('(the sizes, for the record)', () => {
    const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.info(
      'largest cards (UTF-16 / UTF-8 bytes):\n' + largest.map(([n, u16, u8]) => `  ${n}: ${u16} / ${u8}`).join('\n'),
    );
    expect(sizes.length).toBeGreaterThan(60);
  });
});
