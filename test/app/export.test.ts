import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { addMember, removeMember, replaceMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import {
  escalateFurther,
  planMeeting,
  recordDecision,
  withdrawEscalation,
} from '../../src/app/escalations/decide-escalation.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { answerAcuteFollowup, pickUpAcute, reportAcuteDanger } from '../../src/app/escalations/report-acute-danger.js';
import { acceptHandover, checkItem } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { eventText, type HistoryWords } from '../../src/app/queries/describe-flow-events.js';
import { exportCaseHistory } from '../../src/app/queries/export-case-history.js';
import { viewCaseOnRecord } from '../../src/app/queries/get-case-view.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { acknowledgeTimer, postponeTimer } from '../../src/app/timer-actions.js';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../src/domain/audit-action-labels.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { CASE_EVENTS } from '../../src/domain/timer-rules.js';
import { type TestContext, closedAfterEach } from './test-context.js';

// Issue 16, item 6: "The inzage export as a document a professional can hand to a family: Dutch headings and labels
// only, dates written out ("19 september 2022"), who recorded what and why, no internal codes or JSON." And item 7:
// "role and trigger labels in Dutch, dates in sentences, checklist items by their text". The access rule, the
// case.exported audit entry and the worrying-conduct hiding stay as they were.

const context = closedAfterEach();

/** Read through the audit log: a case's rows are stored sealed under the case's key (src/adapters/sqlite/case-keys.ts). */
const exportedRows = (c: TestContext) => {
  const log = createAuditLog(c.database.db);
  const caseIds = c.database.sqlite
    .prepare('SELECT DISTINCT case_id FROM audit_log WHERE case_id IS NOT NULL ORDER BY case_id')
    .pluck()
    .all() as number[];
  return caseIds
    .flatMap((id) => log.forCase(id))
    .filter((a) => a.action === 'case.exported')
    .sort((a, b) => a.id - b.id)
    .map(({ actor, caseId, reason }) => ({ actor, caseId, reason }));
};

const name = (c: TestContext, id: string) => c.ctx.roster.member(id)!.name;
const lt = (c: TestContext) => `${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem)`;
const vt = (c: TestContext) => `${name(c, 'vt-arn')} (Veilig Thuis Gelderland-Midden)`;
const rvdk = (c: TestContext) => `${name(c, 'rvdk-arn')} (Raad voor de Kinderbescherming regio Arnhem)`;
const gi = (c: TestContext) => `${name(c, 'gi-arn')} (Jeugdbescherming Gelderland)`;
const gw = (c: TestContext) => `${name(c, 'gw-lt-arn')} (Stichting Wijkteams Arnhem)`;

/** The lines of a section: after its heading and underline, up to the next blank line. */
function section(doc: string, title: string): string[] {
  const lines = doc.split('\n');
  const from = lines.indexOf(title);
  if (from < 0) throw new Error(`test: no section "${title}" in the document`);
  expect(lines[from + 1]).toBe('-'.repeat(title.length));
  const end = lines.indexOf('', from + 2);
  return lines.slice(from + 2, end < 0 ? undefined : end);
}

/**
 * What a family should never read in the document: snake_case or dotted codes, JSON, ISO dates, all-caps codes (a
 * trigger, a stage, a moment or item number like H5.1, a term like T6, a level like L1). Allowed: the case reference
 * and the abbreviations people in the field write themselves, listed here.
 */
const ALLOWED_ABBREVIATIONS = new Set(['OTS', 'GI', 'VT', 'LT', 'JBT', 'RET', 'AVG', 'VTB', 'MUHP']);
function codesIn(doc: string): string[] {
  const text = doc.replace(/\bCG-[A-Z]{3}-\d{4}-\d{4}\b/g, 'CASUSNUMMER');
  const found = [
    ...(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []), // snake_case: statutory_task, measure_pronounced
    ...(text.match(/[{}[\]]/g) ?? []), // JSON
    ...(text.match(/\d{4}-\d{2}-\d{2}/g) ?? []), // ISO dates
    ...(text.match(/\b[a-z]+\.[a-z_]+\b/g) ?? []), // dotted action codes: case.viewed
    ...(text.match(/\b[A-Z][A-Z0-9_.]+\b/g) ?? []).filter((w) => w !== 'CASUSNUMMER' && !ALLOWED_ABBREVIATIONS.has(w)),
    ...(text.match(/\b(?:undefined|null|NaN|true|false)\b|\[object/g) ?? []),
  ];
  return [...new Set(found)];
}

/**
 * A case with a rich history, Arnhem, from Monday 7 September 2026: a member added, views, Veilig Thuis's steps, a
 * consultation, the table's decision, a measure (H5 opens) with a complete checklist and its acceptance, the
 * jeugdbeschermer assigned, an escalation raised a level, a meeting planned and decided, a refusal with its reason, a
 * term acknowledged and postponed, an acute report picked up and followed up, a member who left and one replaced.
 */
function richHistory(c: TestContext): { ref: string; id: number } {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref; // Mon 2026-09-07 09:00
  const id = c.ctx.store.cases.byRef(ref)!.id;
  const step = (at: string, run: () => unknown) => {
    c.setNow(at);
    run();
  };
  const event = (at: string, by: string, e: (typeof CASE_EVENTS)[number], fields = {}) =>
    step(at, () => recordEvent(c.ctx, { by, caseRef: ref, event: e, fields }));
  step('2026-09-07T09:05', () =>
    addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason: 'advies gedragswetenschapper' }),
  );
  for (const at of ['2026-09-07T09:06', '2026-09-07T09:07', '2026-09-07T09:08'])
    step(at, () => viewCaseOnRecord(c.ctx, 'lt-arn', ref));
  step('2026-09-07T09:09', () => viewCaseOnRecord(c.ctx, 'gi-arn', ref));
  event('2026-09-07T09:10', 'vt-arn', 'melding_received');
  event('2026-09-08T10:00', 'vt-arn', 'safety_assessment_done');
  event('2026-09-08T11:00', 'lt-arn', 'consult_requested', { member: 'rvdk-arn' });
  event('2026-09-09T10:00', 'rvdk-arn', 'consult_given', { parentsInformed: 'yes', informedOn: '2026-09-09' });
  event('2026-09-10T14:00', 'lt-arn', 'jbt_decision', { outcome: 'report_back', reportBackBy: '2026-10-15' });
  event('2026-09-11T10:30', 'rvdk-arn', 'measure_pronounced', { measure: 'OTS', months: 12 });
  const h5 = c.ctx.store.handovers.ofCase(id).find((h) => h.moment === 'H5')!;
  const tick = (by: string, item: string, extra = {}) =>
    checkItem(c.ctx, { by, caseRef: ref, handoverId: h5.id, item, ...extra });
  step('2026-09-14T11:00', () => {
    tick('rvdk-arn', 'C1');
    tick('rvdk-arn', 'C2', { note: 'ouders ingelicht tijdens de zitting' });
    tick('rvdk-arn', 'C3', { basis: 'statutory_task' });
    tick('rvdk-arn', 'C4');
    tick('gi-arn', 'C5');
    tick('gi-arn', 'C7');
    tick('gi-arn', 'H5.4');
  });
  step('2026-09-14T15:00', () => acceptHandover(c.ctx, { by: 'gi-arn', caseRef: ref, handoverId: h5.id }));
  event('2026-09-15T09:00', 'gi-arn', 'jeugdbeschermer_assigned', { member: 'gi-arn' });
  step('2026-09-15T10:00', () =>
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'GI'],
    }),
  );
  step('2026-09-16T10:00', () => escalateFurther(c.ctx, { by: 'lt-arn', caseRef: ref }));
  step('2026-09-16T10:30', () => planMeeting(c.ctx, { by: 'lt-arn', caseRef: ref, date: '2026-09-18' }));
  step('2026-09-18T16:00', () =>
    recordDecision(c.ctx, {
      by: 'lead-lt-arn',
      caseRef: ref,
      decision: 'De GI neemt de regie; het Lokaal Team blijft betrokken',
      owner: 'lt-arn',
      deadline: '2026-10-02',
      familyInformed: { informed: 'yes', on: '2026-09-18' },
    }),
  );
  step('2026-09-21T09:00', () => acknowledgeTimer(c.ctx, { by: 'lt-arn', caseRef: ref, timer: 'DECISION' }));
  step('2026-09-21T09:05', () =>
    postponeTimer(c.ctx, { by: 'lt-arn', caseRef: ref, timer: 'DECISION', until: '2026-10-09', reason: 'vakantie' }),
  );
  event('2026-09-22T09:00', 'gi-arn', 'jeugdhulp_proposed');
  event('2026-09-23T10:00', 'lt-arn', 'jeugdhulp_decided', { outcome: 'declined', reason: 'past niet in het aanbod' });
  step('2026-09-24T22:15', () => reportAcuteDanger(c.ctx, { by: 'lt-arn', caseRef: ref }));
  const acuteId = c.ctx.store.acute.ofCase(id)[0]!.id;
  step('2026-09-24T22:20', () => pickUpAcute(c.ctx, { by: 'vt-arn', caseRef: ref, acuteId }));
  step('2026-09-25T09:00', () =>
    answerAcuteFollowup(c.ctx, { by: 'lt-arn', caseRef: ref, acuteId, jointDecision: true }),
  );
  event('2026-09-28T09:00', 'lt-arn', 'decision_done');
  step('2026-09-29T14:00', () =>
    removeMember(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'vt-arn', reason: 'VT niet meer betrokken' }),
  );
  step('2026-09-30T09:00', () =>
    replaceMember(c.ctx, {
      by: 'lead-rvdk-1',
      caseRef: ref,
      member: 'rvdk-arn',
      successor: 'rvdk-doe',
      reason: 'andere regio',
    }),
  );
  event('2026-10-01T11:00', 'gi-arn', 'activity');
  for (const at of ['2026-10-01T11:05', '2026-10-01T15:45']) step(at, () => viewCaseOnRecord(c.ctx, 'gi-arn', ref));
  c.setNow('2026-10-02T09:00');
  return { ref, id };
}

describe('the inzage export: a document for the family (AVG art. 15), on real SQLite', () => {
  it('has no internal codes, no JSON and no ISO dates, on a case with a rich history', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const doc = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    expect(codesIn(doc)).toEqual([]);
    // The detector itself finds what it is meant to find.
    expect(
      codesIn('case.viewed door x {"a":1} 2026-09-07 statutory_task PROFESSIONAL_DILEMMA H5.1 T6 L1 undefined'),
    ).toEqual(
      expect.arrayContaining([
        'case.viewed',
        '{',
        '2026-09-07',
        'statutory_task',
        'PROFESSIONAL_DILEMMA',
        'H5.1',
        'T6',
        'L1',
        'undefined',
      ]),
    );
    expect(codesIn(`Casusnummer: ${ref} · OTS, GI, VT, JBT, RET, AVG`)).toEqual([]);
  });

  it('opens with a title, for whom and when, and what the bot is and is not; then the sections with Dutch headings', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const doc = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    const lines = doc.split('\n');
    expect(lines[0]).toBe(`Inzage-overzicht casus ${ref}`);
    expect(lines[1]).toContain('artikel 15 van de AVG');
    expect(doc).toContain(`Opgesteld op vrijdag 2 oktober 2026 om 09:00, op verzoek van ${gi(c)}.`);
    expect(section(doc, 'Over dit overzicht').join(' ')).toMatch(/De bot is geen dossier\..*geen namen, adressen/);
    const headings = lines.filter((l, i) => /^-+$/.test(lines[i + 1] ?? '') && l.length === lines[i + 1]!.length);
    expect(headings).toEqual([
      'Over dit overzicht',
      'Casus',
      'Het casusteam',
      'Wat er gebeurde',
      'Consultaties',
      'Warme overdrachten',
      'Escalaties',
      'Termijnen',
      'Wie keek of veranderde iets',
    ]);
    expect(lines.at(-1)).toBe('Einde van het overzicht.');
    expect(section(doc, 'Casus')).toEqual([
      `Casusnummer: ${ref}`,
      'Gemeente: Arnhem',
      'Fase: Uitvoering maatregel (GI)',
      `Geopend: maandag 7 september 2026 om 09:00, door ${lt(c)}`,
      'Gesloten: nee, de casus loopt nog',
      `Casusregisseur: ${gi(c)}`,
      'Maatregel: Ondertoezichtstelling (OTS), vanaf 11 september 2026 tot 11 september 2027',
    ]);
  });

  it('the team: who, organisation, role in Dutch, since when, by whom and why; who left when and why', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const team = section(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }), 'Het casusteam');
    expect(team).toContain(
      `- ${name(c, 'gw-lt-arn')}, gedragswetenschapper bij Stichting Wijkteams Arnhem (Lokaal Team). In het team sinds maandag 7 september 2026 om 09:05, toegevoegd door ${lt(c)}, reden: advies gedragswetenschapper.`,
    );
    expect(team.find((l) => l.startsWith(`- ${name(c, 'lt-arn')},`))).toBe(
      `- ${name(c, 'lt-arn')}, uitvoerend professional bij Stichting Wijkteams Arnhem (Lokaal Team). In het team sinds maandag 7 september 2026 om 09:00, toegevoegd door ${lt(c)}, reden: vast gezicht.`,
    );
    expect(team.find((l) => l.startsWith(`- ${name(c, 'vt-arn')},`))).toMatch(
      /\. Verliet het team op dinsdag 29 september 2026 om 14:00, reden: VT niet meer betrokken\.$/,
    );
    expect(team.find((l) => l.startsWith(`- ${name(c, 'rvdk-arn')},`))).toBe(
      `- ${name(c, 'rvdk-arn')}, uitvoerend professional bij Raad voor de Kinderbescherming regio Arnhem. In het team sinds maandag 7 september 2026 om 09:00, toegevoegd door ${lt(c)}, reden: vast gezicht. Uit het team gehaald op woensdag 30 september 2026 om 09:00 door ${name(c, 'lead-rvdk-1')} (Raad voor de Kinderbescherming regio Arnhem), reden: andere regio.`,
    );
    // A successor's reason names whom they succeeded by name, not by roster id.
    expect(team.find((l) => l.startsWith(`- ${name(c, 'rvdk-doe')},`))).toContain(
      `reden: opvolger van ${name(c, 'rvdk-arn')}.`,
    );
  });

  it('what happened: each event as a Dutch sentence with its date written out, who recorded it and why', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const events = section(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }), 'Wat er gebeurde');
    expect(events).toEqual(
      expect.arrayContaining([
        `- maandag 7 september 2026 om 09:10 — Melding ontvangen bij Veilig Thuis. Vastgelegd door ${vt(c)}.`,
        `- donderdag 10 september 2026 om 14:00 — Besluit van de Jeugdbeschermingstafel: vrijwillig verder met terugmelden; terugmelden uiterlijk 15 oktober 2026. Vastgelegd door ${lt(c)}.`,
        `- vrijdag 11 september 2026 om 10:30 — Maatregel uitgesproken door de rechter: Ondertoezichtstelling (OTS), voor 12 maanden. Vastgelegd door ${rvdk(c)}.`,
        `- vrijdag 11 september 2026 om 10:30 — Fase gewijzigd van Onderzoek / Voorwaarden & Vervolg VT naar Toewijzing jeugdbeschermer. Vastgelegd door ${rvdk(c)}.`,
        `- dinsdag 15 september 2026 om 09:00 — Jeugdbeschermer toegewezen: ${gi(c)}. Vastgelegd door ${gi(c)}.`,
        `- woensdag 9 september 2026 om 10:00 — Consultatie gegeven op de vraag van ${lt(c)} van dinsdag 8 september 2026 om 11:00; ouders geïnformeerd: ja, op 9 september 2026. Vastgelegd door ${rvdk(c)}.`,
        `- woensdag 23 september 2026 om 10:00 — Besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen. Vastgelegd door ${lt(c)}. Reden: past niet in het aanbod.`,
        `- donderdag 24 september 2026 om 22:15 — Acuut onveilige situatie gemeld; de betrokken professionals zijn direct gewaarschuwd. Vastgelegd door ${lt(c)}.`,
        `- vrijdag 25 september 2026 om 09:00 — Na de melding van acute onveiligheid vastgelegd dat er samen een besluit is genomen. Vastgelegd door ${lt(c)}.`,
      ]),
    );
  });

  it('the warm handover: the moment by its Dutch name, each checklist item by its text, who ticked it when, accepted when', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const h = section(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }), 'Warme overdrachten');
    expect(h.slice(0, 4)).toEqual([
      `- Raad / rechter → Gecertificeerde Instelling: van ${rvdk(c)} aan ${gi(c)}.`,
      `  Geopend op vrijdag 11 september 2026 om 10:30 door ${rvdk(c)}. Geaccepteerd op maandag 14 september 2026 om 15:00.`,
      '  Grondslag voor het delen van informatie: wettelijke taak.',
      '  Afgevinkt:',
    ]);
    expect(h).toContain(
      `  - Gezin (ouders; kind 12+) weet wie de nieuwe contactpersoon is en waarom. Afgevinkt op maandag 14 september 2026 om 11:00 door ${rvdk(c)}. Toelichting: ouders ingelicht tijdens de zitting.`,
    );
    expect(h).toContain(
      `  - Gezin kent de naam van de jeugdbeschermer. Afgevinkt op maandag 14 september 2026 om 11:00 door ${gi(c)}.`,
    );
    // The items nobody ticked, by their text.
    expect(h.slice(h.indexOf('  Nog niet afgevinkt:') + 1)).toContain(
      '  - Verzender blijft bereikbaar gedurende 4 weken.',
    );
  });

  it('the escalation: trigger and levels in Dutch, the question, the outcome, the decision, the deadline written out, the family informed', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    expect(section(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }), 'Escalaties')).toEqual([
      '- Escalatie 1: Professioneel dilemma (verschil van inzicht).',
      `  Gestart op dinsdag 15 september 2026 om 10:00 door ${lt(c)}.`,
      '  Vraag: Wie neemt de regie?',
      '  Betrokken organisaties: Lokaal Team, Gecertificeerde Instelling.',
      '  Niveau: casusoverleg vanaf dinsdag 15 september 2026 om 10:00; teamleiders vanaf woensdag 16 september 2026 om 10:00.',
      '  Overleg gepland op 18 september 2026.',
      `  Uitkomst: besloten op vrijdag 18 september 2026 om 16:00 door ${name(c, 'lead-lt-arn')} (Stichting Wijkteams Arnhem).`,
      '  Besluit: De GI neemt de regie; het Lokaal Team blijft betrokken.',
      // The decision's own deadline; that its term was postponed later is under Termijnen.
      `  Uitvoering door ${lt(c)}, uiterlijk 2 oktober 2026.`,
      '  Gezin geïnformeerd over het besluit: ja, op 18 september 2026.',
    ]);
  });

  it('the terms that ran and whether they were met', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const terms = section(exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref }), 'Termijnen');
    expect(terms).toContain(
      '- Veiligheidsbeoordeling Veilig Thuis: gestart op 7 september 2026, uiterlijk 14 september 2026. Afgerond op 8 september 2026, op tijd.',
    );
    expect(terms).toContain(
      '- Deadline escalatiebesluit: gestart op 18 september 2026, uiterlijk 9 oktober 2026 (eerst 2 oktober 2026, daarna uitgesteld). Afgerond op 28 september 2026, op tijd.',
    );
    // The silence term restarts with nearly every step: it is no term a family needs to read.
    expect(terms.some((l) => l.startsWith('- Stilte in de casus'))).toBe(false);
  });

  it('who looked or changed something: each audit entry in Dutch words; views by one person on one day in one line', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = richHistory(c);
    // Two looks at the handover's checklist (app/record-view.ts writes these), as the audit log keeps them.
    const h5 = c.ctx.store.handovers.ofCase(id)[0]!;
    for (const [at, actor] of [
      ['2026-10-01T16:00', 'gi-arn'],
      ['2026-10-01T16:10', 'gi-arn'],
      // Two looks in the same minute read "om", not "tussen 17:00 en 17:00".
      ['2026-10-01T17:00:05', 'lt-arn'],
      ['2026-10-01T17:00:50', 'lt-arn'],
    ] as const) {
      c.setNow(at);
      c.ctx.store.audit.append({
        at: c.ctx.clock.now(),
        actor,
        action: 'handover.viewed',
        caseId: id,
        reason: null,
        details: { handover: h5.id },
      });
    }
    c.setNow('2026-10-02T09:00');
    exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    const audit = section(exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref }), 'Wie keek of veranderde iets');
    expect(audit[0]).toBe(`- maandag 7 september 2026 om 09:00 — ${lt(c)} opende de casus.`);
    expect(audit).toEqual(
      expect.arrayContaining([
        `- maandag 7 september 2026 om 09:05 — ${lt(c)} voegde ${gw(c)} toe aan het casusteam. Reden: advies gedragswetenschapper.`,
        `- maandag 7 september 2026 tussen 09:06 en 09:08 — ${lt(c)} bekeek de casus (3 keer).`,
        `- maandag 7 september 2026 om 09:09 — ${gi(c)} bekeek de casus.`,
        `- maandag 14 september 2026 om 11:00 — ${rvdk(c)} vinkte bij de warme overdracht Raad / rechter → Gecertificeerde Instelling af: Grondslag voor delen vastgelegd: toestemming, wettelijke taak of conflict van plichten (grondslag: wettelijke taak).`,
        `- maandag 14 september 2026 om 15:00 — ${gi(c)} accepteerde de warme overdracht Raad / rechter → Gecertificeerde Instelling.`,
        `- dinsdag 15 september 2026 om 10:00 — ${lt(c)} startte escalatie 1 (Professioneel dilemma (verschil van inzicht)).`,
        `- woensdag 16 september 2026 om 10:00 — ${lt(c)} schaalde escalatie 1 op naar het niveau teamleiders.`,
        `- vrijdag 18 september 2026 om 16:00 — ${name(c, 'lead-lt-arn')} (Stichting Wijkteams Arnhem) legde het besluit over escalatie 1 vast. Besluit: De GI neemt de regie; het Lokaal Team blijft betrokken.`,
        `- maandag 21 september 2026 om 09:05 — ${lt(c)} stelde de termijn Deadline escalatiebesluit uit tot 9 oktober 2026. Reden: vakantie.`,
        `- woensdag 23 september 2026 om 10:00 — ${lt(c)} legde vast: besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen. Reden: past niet in het aanbod.`,
        `- dinsdag 15 september 2026 om 09:00 — ${gi(c)} werd casusregisseur. Reden: jeugdbeschermer toegewezen.`,
        `- dinsdag 29 september 2026 om 14:00 — ${vt(c)} verliet het casusteam. Reden: VT niet meer betrokken.`,
        `- woensdag 30 september 2026 om 09:00 — ${name(c, 'lead-rvdk-1')} (Raad voor de Kinderbescherming regio Arnhem) verving ${rvdk(c)} in het casusteam door ${name(c, 'rvdk-doe')} (Raad voor de Kinderbescherming regio Arnhem). Reden: andere regio.`,
        `- donderdag 1 oktober 2026 tussen 11:05 en 15:45 — ${gi(c)} bekeek de casus (2 keer).`,
        `- donderdag 1 oktober 2026 tussen 16:00 en 16:10 — ${gi(c)} bekeek de checklist van de warme overdracht Raad / rechter → Gecertificeerde Instelling (2 keer).`,
        `- donderdag 1 oktober 2026 om 17:00 — ${lt(c)} bekeek de checklist van de warme overdracht Raad / rechter → Gecertificeerde Instelling (2 keer).`,
        `- vrijdag 2 oktober 2026 om 09:00 — ${gi(c)} vroeg een inzage-overzicht van de casus op. Reden: inzageverzoek (AVG art. 15).`,
      ]),
    );
  });

  it('writes every kind of event as a sentence without codes, whatever fields it carries', () => {
    const w: HistoryWords = { who: (id) => `Persoon ${id.length}`, when: () => 'maandag 7 september 2026 om 09:10' };
    const fields = {
      outcome: 'report_back',
      reportBackBy: '2026-10-15',
      measure: 'VOORLOPIGE_OTS',
      months: 3,
      member: 'gi-arn',
      parentsInformed: 'yes',
      informedOn: '2026-09-09',
      until: '2026-09-30',
      escalation: 1,
    };
    const kinds = [...CASE_EVENTS, 'stage_changed', 'case_closed', 'acute_reported', 'acute_followup', 'iets_nieuws'];
    for (const event of kinds) {
      for (const f of [{}, fields, { from: 'SIGNAL', to: 'CLOSED', jointDecision: false, outcome: 'declined' }]) {
        const text = eventText({ event, fields: f, at: 0, by: 'lt-arn' }, w);
        expect(codesIn(text), `${event} ${JSON.stringify(f)}: ${text}`).toEqual([]);
      }
    }
    expect(eventText({ event: 'iets_nieuws', fields: {}, at: 0, by: 'x' }, w)).toBe('Andere gebeurtenis vastgelegd');
  });

  it('every audit action the code appends has Dutch words, without codes (a new action without a label fails here)', () => {
    const literals = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(/\baction: '([^']+)'/g)) literals.add(m[1]!);
          // Looks and refusals may be named in a table of actions (app/record-view.ts) rather than inline.
          for (const m of source.matchAll(/'([a-z]+\.(?:viewed|refused))'/g)) literals.add(m[1]!);
        }
      }
    };
    walk('src');
    // The escalation ladder's next step ({ action: 'reminder' | 'advance' }) is no audit entry; every audit action
    // is dotted ("area.verb").
    const audit = [...literals].filter((a) => a.includes('.'));
    expect([...literals].filter((a) => !a.includes('.')).sort()).toEqual(['advance', 'reminder']);
    expect(audit.length).toBeGreaterThan(30);
    expect(audit).toContain('case.viewed');
    expect(audit.filter((a) => !Object.hasOwn(AUDIT_ACTION_LABELS, a))).toEqual([]);
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(codesIn(label)).toEqual([]);
    expect(auditActionLabel('iets.nieuws')).toBe('legde iets vast in de casus');
  });

  it('gives a pilot coordinator the same document as a member, also after the case is closed', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    const byMember = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    const byCoordinator = exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref });
    const body = (doc: string) => doc.split('\n').slice(4, doc.split('\n').indexOf('Wie keek of veranderde iets'));
    expect(body(byCoordinator)).toEqual(body(byMember));
    expect(byCoordinator).toContain(`op verzoek van ${name(c, 'coord-arn')} (Toekomsttuin Arnhem).`);

    c.setNow('2026-10-05T10:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: ref, reason: 'hulp afgerond' });
    const closed = exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref });
    expect(section(closed, 'Casus')).toContain('Gesloten: maandag 5 oktober 2026 om 10:00');
    expect(section(closed, 'Wat er gebeurde').at(-1)).toBe(
      `- maandag 5 oktober 2026 om 10:00 — Casus gesloten. Vastgelegd door ${lt(c)}.`,
    );
    expect(section(closed, 'Termijnen')).toContain(
      '- Evaluatie maatregel: gestart op 11 september 2026, uiterlijk 17 juli 2027. Gestopt op 5 oktober 2026 (casus gesloten).',
    );
    expect(section(closed, 'Wie keek of veranderde iets')).toContain(
      `- maandag 5 oktober 2026 om 10:00 — ${lt(c)} sloot de casus. Reden: hulp afgerond.`,
    );
    expect(codesIn(closed)).toEqual([]);
  });

  it('an automatic escalation, its resolution when its term ends, and a withdrawal read in words too', () => {
    const c = context('2026-09-07T09:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' }); // T1: 5 working days
    for (let day = 8; day <= 30; day++) {
      c.setNow(`2026-09-${String(day).padStart(2, '0')}T09:00`);
      runTick(c.ctx);
    }
    c.setNow('2026-10-01T09:00');
    recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'safety_assessment_done' });
    raiseEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, trigger: 'PROFESSIONAL_DILEMMA', question: 'Regie?' });
    c.setNow('2026-10-02T09:00');
    withdrawEscalation(c.ctx, { by: 'lt-arn', caseRef: ref, reason: 'toch opgelost' });
    const doc = exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    const escalations = section(doc, 'Escalaties');
    expect(escalations[0]).toBe('- Escalatie 1: Samenwerkingsafspraken niet nagekomen.');
    expect(escalations[1]).toMatch(/^ {2}Gestart op .* door de bot, omdat een termijn was verstreken\.$/);
    expect(escalations).toContain('  Besluit: afgerond: veiligheidsbeoordeling afgerond.');
    expect(escalations).toContain(
      `  Uitkomst: ingetrokken op vrijdag 2 oktober 2026 om 09:00 door ${lt(c)}. Reden: toch opgelost.`,
    );
    expect(section(doc, 'Wie keek of veranderde iets')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /— De bot \(automatisch\) startte escalatie 1 \(Samenwerkingsafspraken niet nagekomen\)\.$/,
        ),
        `- donderdag 1 oktober 2026 om 09:00 — ${vt(c)} sloot escalatie 1 af, omdat de termijnen waren afgerond. Besluit: afgerond: veiligheidsbeoordeling afgerond.`,
      ]),
    );
    expect(section(doc, 'Termijnen')).toContain(
      '- Veiligheidsbeoordeling Veilig Thuis: gestart op 7 september 2026, uiterlijk 14 september 2026. Afgerond op 1 oktober 2026, na de termijn.',
    );
    expect(section(doc, 'Consultaties')).toEqual(['Er is niemand geconsulteerd.']);
    expect(section(doc, 'Warme overdrachten')).toEqual(['Er zijn geen warme overdrachten geweest.']);
    expect(codesIn(doc)).toEqual([]);
  });

  it('refuses a team lead who is not on the case and a stranger; a stranger cannot tell whether the case exists', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    // lead-lt-arn may see the case (lt-arn reports to them) but is no member: no export.
    expect(() => exportCaseHistory(c.ctx, { by: 'lead-lt-arn', caseRef: ref })).toThrow(/EXPORT_NOT_ALLOWED/);
    // A professional of another municipality, and a member who has left: the need-to-know answer.
    for (const stranger of ['lt-dui', 'vt-arn']) {
      expect(() => exportCaseHistory(c.ctx, { by: stranger, caseRef: ref })).toThrow(NOT_FOUND_OR_NO_ACCESS);
    }
    expect(NOT_FOUND_OR_NO_ACCESS).toBe('Casus niet gevonden of geen toegang.');
    expect(() => exportCaseHistory(c.ctx, { by: 'lt-dui', caseRef: 'CG-ARN-2026-9999' })).toThrow(
      NOT_FOUND_OR_NO_ACCESS,
    );
    expect(() => exportCaseHistory(c.ctx, { by: 'onbekend', caseRef: ref })).toThrow(/UNKNOWN_MEMBER/);
    expect(exportedRows(c)).toEqual([]);
  });

  it('the export itself lands in the audit log as case.exported (saying when it left as a file), and the chain verifies', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = richHistory(c);
    exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    c.setNow('2026-10-02T09:05');
    exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref, as: 'file' });
    expect(exportedRows(c)).toEqual([
      { actor: 'gi-arn', caseId: id, reason: 'inzageverzoek (AVG art. 15)' },
      { actor: 'coord-arn', caseId: id, reason: 'inzageverzoek (AVG art. 15), als bestand' },
    ]);
    expect(createAuditLog(c.database.db).verify()).toMatchObject({ ok: true });
  });

  it('does not hand a worrying-conduct escalation, its audit entries or its decision term to another organisation', () => {
    // docs/behaviour.md: NEGLIGENT_CONDUCT starts "only at the professional's own team lead (not shared with other
    // orgs)"; the case view hides it from everyone but its participants (visibleEscalations in get-case-view.ts).
    const c = context('2026-09-07T09:00');
    const { ref } = richHistory(c);
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    c.setNow('2026-10-02T10:00');
    recordDecision(c.ctx, {
      by: 'lead-lt-arn',
      caseRef: ref,
      escalation: { raised: 2 },
      decision: 'Gesprek met de teamleider van de andere organisatie',
      owner: 'lt-arn',
      deadline: '2026-10-16',
    });
    c.setNow('2026-10-02T10:05');
    postponeTimer(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      timer: 'DECISION',
      until: '2026-10-23',
      reason: 'gesprek verzet',
    });
    const own = exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    expect(own).toContain('Vertrouwelijke escalatie 1: Nalatig of zorgwekkend handelen.');
    expect(own).toContain('gesprek verzet');
    expect(section(own, 'Termijnen').filter((l) => l.startsWith('- Deadline escalatiebesluit'))).toHaveLength(2);
    const other = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    for (const secret of [
      'Nalatig of zorgwekkend handelen',
      'Afspraken over huisbezoeken worden niet nagekomen.',
      'Gesprek met de teamleider',
      'ertrouwelijke escalatie',
      'scalatie 2',
      'gesprek verzet',
    ])
      expect(other).not.toContain(secret);
    expect(section(other, 'Termijnen').filter((l) => l.startsWith('- Deadline escalatiebesluit'))).toHaveLength(1);
  });

  describe('the flows between organisations in plain Dutch', () => {
    /** An Arnhem case with three consultations, a municipality's decision, bridging care and preventive steps. */
    function flows(c: TestContext): string {
      const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref; // Tue 2026-09-01 09:00
      const step = (at: string, by: string, event: Parameters<typeof recordEvent>[1]['event'], fields = {}) => {
        c.setNow(at);
        recordEvent(c.ctx, { by, caseRef: ref, event, fields });
      };
      step('2026-09-01T10:00', 'lt-arn', 'consult_requested', { member: 'vt-arn' });
      step('2026-09-02T09:30', 'lt-arn', 'consult_requested', { member: 'rvdk-arn' });
      step('2026-09-03T15:00', 'vt-arn', 'consult_given', { parentsInformed: 'yes', informedOn: '2026-09-03' });
      step('2026-09-04T10:00', 'rvdk-arn', 'consult_given', { parentsInformed: 'no' });
      step('2026-09-04T11:00', 'gi-arn', 'consult_requested', { member: 'gw-lt-arn' }); // not on the case: joins
      step('2026-09-07T09:00', 'gi-arn', 'jeugdhulp_proposed');
      step('2026-09-08T10:00', 'lt-arn', 'jeugdhulp_decided', {
        outcome: 'declined',
        reason: 'past niet in het aanbod',
      });
      step('2026-09-08T10:30', 'lt-arn', 'bridging_agreed', { member: 'gi-arn', until: '2026-09-30' });
      step('2026-09-09T09:00', 'lt-arn', 'preventive_jb_requested');
      step('2026-09-09T09:05', 'lt-arn', 'preventive_jb_approved');
      step('2026-09-09T09:10', 'vt-arn', 'preventive_jb_consent');
      step('2026-09-09T09:15', 'gi-arn', 'preventive_jb_started');
      c.setNow('2026-09-10T09:00');
      return exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    }

    it('sums up each consultation: who was asked by whom and when, when the advice came, whether the parents know', () => {
      const c = context('2026-09-01T09:00');
      const doc = flows(c);
      expect(section(doc, 'Consultaties')).toEqual([
        `- ${lt(c)} vroeg ${vt(c)} om advies op dinsdag 1 september 2026 om 10:00; advies gegeven op donderdag 3 september 2026 om 15:00; ouders geïnformeerd: ja, op 3 september 2026.`,
        `- ${lt(c)} vroeg ${rvdk(c)} om advies op woensdag 2 september 2026 om 09:30; advies gegeven op vrijdag 4 september 2026 om 10:00; ouders geïnformeerd: nee.`,
        `- ${gi(c)} vroeg ${gw(c)} om advies op vrijdag 4 september 2026 om 11:00; nog geen advies gegeven.`,
      ]);
    });

    it('lists the flow events in plain words, a refusal with its reason', () => {
      const c = context('2026-09-01T09:00');
      const doc = flows(c);
      expect(section(doc, 'Wat er gebeurde')).toEqual([
        `- dinsdag 1 september 2026 om 10:00 — Consultatie gevraagd aan ${vt(c)}. Vastgelegd door ${lt(c)}.`,
        `- woensdag 2 september 2026 om 09:30 — Consultatie gevraagd aan ${rvdk(c)}. Vastgelegd door ${lt(c)}.`,
        `- donderdag 3 september 2026 om 15:00 — Consultatie gegeven op de vraag van ${lt(c)} van dinsdag 1 september 2026 om 10:00; ouders geïnformeerd: ja, op 3 september 2026. Vastgelegd door ${vt(c)}.`,
        `- vrijdag 4 september 2026 om 10:00 — Consultatie gegeven op de vraag van ${lt(c)} van woensdag 2 september 2026 om 09:30; ouders geïnformeerd: nee. Vastgelegd door ${rvdk(c)}.`,
        `- vrijdag 4 september 2026 om 11:00 — Consultatie gevraagd aan ${gw(c)}. Vastgelegd door ${gi(c)}.`,
        `- maandag 7 september 2026 om 09:00 — Jeugdhulp voorgedragen bij de gemeente. Vastgelegd door ${gi(c)}.`,
        `- dinsdag 8 september 2026 om 10:00 — Besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen. Vastgelegd door ${lt(c)}. Reden: past niet in het aanbod.`,
        `- dinsdag 8 september 2026 om 10:30 — Overbruggingszorg afgesproken: ${gi(c)} biedt overbruggingszorg tot 30 september 2026. Vastgelegd door ${lt(c)}.`,
        `- woensdag 9 september 2026 om 09:00 — Preventieve jeugdbescherming aangevraagd. Vastgelegd door ${lt(c)}.`,
        `- woensdag 9 september 2026 om 09:05 — Preventieve jeugdbescherming goedgekeurd door het Lokaal Team. Vastgelegd door ${lt(c)}.`,
        `- woensdag 9 september 2026 om 09:10 — Instemming van het gezin met preventieve jeugdbescherming vastgelegd. Vastgelegd door ${vt(c)}.`,
        `- woensdag 9 september 2026 om 09:15 — Preventieve jeugdbescherming gestart. Vastgelegd door ${gi(c)}.`,
      ]);
      // The colleague who was consulted joined the team, with the reason.
      expect(section(doc, 'Het casusteam').find((l) => l.startsWith(`- ${name(c, 'gw-lt-arn')},`))).toContain(
        `In het team sinds vrijdag 4 september 2026 om 11:00, toegevoegd door ${gi(c)}, reden: geconsulteerd.`,
      );
      expect(codesIn(doc)).toEqual([]);
    });
  });
});
