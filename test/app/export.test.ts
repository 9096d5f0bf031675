import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { addMember, removeMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { checkItem } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { exportCaseHistory } from '../../src/app/queries/export-case-history.js';
import { recordEvent } from '../../src/app/record-event.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { type TestContext, closedAfterEach } from './test-context.js';

// Issue: "Case history export (AVG art. 15): a readable document of everything the bot recorded about the case — who
// recorded what, when and why — for members and coordinators only, itself audit-logged."

const context = closedAfterEach();

const exportedRows = (c: TestContext) =>
  c.database.sqlite
    .prepare("SELECT actor, case_id AS caseId, reason FROM audit_log WHERE action = 'case.exported' ORDER BY id")
    .all() as Array<{ actor: string; caseId: number; reason: string | null }>;

/** An Arnhem case with a membership change in each direction, a court order (H5 opens), two ticks and an escalation. */
function history(c: TestContext): { ref: string; id: number } {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref; // Wed 2026-05-13 10:00
  const id = c.ctx.store.cases.byRef(ref)!.id;
  c.setNow('2026-05-13T10:15');
  addMember(c.ctx, { by: 'lt-arn', caseRef: ref, member: 'gw-lt-arn', reason: 'advies gedragswetenschapper' });
  c.setNow('2026-05-13T10:30');
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: ref,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  c.setNow('2026-05-15T11:00');
  const h5 = c.ctx.store.handovers.ofCase(id).find((h) => h.moment === 'H5')!;
  checkItem(c.ctx, {
    by: 'rvdk-arn',
    caseRef: ref,
    handoverId: h5.id,
    item: 'C2',
    note: 'ouders ingelicht tijdens de zitting',
  });
  checkItem(c.ctx, { by: 'rvdk-arn', caseRef: ref, handoverId: h5.id, item: 'C3', basis: 'statutory_task' });
  c.setNow('2026-05-18T09:45');
  raiseEscalation(c.ctx, {
    by: 'lt-arn',
    caseRef: ref,
    trigger: 'PROFESSIONAL_DILEMMA',
    question: 'Wie neemt de regie?',
    orgs: ['LT', 'GI'],
  });
  c.setNow('2026-05-19T14:00');
  removeMember(c.ctx, { by: 'vt-arn', caseRef: ref, member: 'vt-arn', reason: 'VT niet meer betrokken' });
  c.setNow('2026-05-20T09:00');
  return { ref, id };
}

const name = (c: TestContext, id: string) => c.ctx.roster.member(id)!.name;

describe('case history export (AVG art. 15) on real SQLite', () => {
  it('gives a member a readable document: memberships with reasons, events with who, handovers with ticks, escalations, audit entries', () => {
    const c = context('2026-05-13T10:00');
    const { ref } = history(c);
    const doc = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    const lines = doc.split('\n');

    expect(lines[0]).toContain(ref);
    expect(doc).toContain(`op verzoek van ${name(c, 'gi-arn')}`);
    expect(doc).toContain('Gemeente: Arnhem');

    // Memberships: who, when, by whom, why — and leaving with its reason.
    const team = lines.slice(
      lines.indexOf('Casusteam (wie, wanneer, waarom):') + 1,
      lines.indexOf('Vastgelegde gebeurtenissen:'),
    );
    expect(team.find((l) => l.includes(name(c, 'lt-arn')))).toMatch(/erbij 2026-05-13 10:00 door .*\(vast gezicht\)/);
    expect(team.find((l) => l.includes(name(c, 'gw-lt-arn')))).toBe(
      `- ${name(c, 'gw-lt-arn')} (Stichting Wijkteams Arnhem): erbij 2026-05-13 10:15 door ${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem) (advies gedragswetenschapper)`,
    );
    expect(team.find((l) => l.includes(name(c, 'vt-arn')))).toContain(
      `eraf 2026-05-19 14:00 door ${name(c, 'vt-arn')} (Veilig Thuis Gelderland-Midden) (VT niet meer betrokken)`,
    );

    // Events with who recorded them.
    expect(doc).toContain(
      `- 2026-05-13 10:30 measure_pronounced {"measure":"OTS","months":12} — door ${name(c, 'rvdk-arn')} (Raad voor de Kinderbescherming regio Arnhem)`,
    );

    // Handovers with their ticks (who, when, the note).
    expect(doc).toContain(
      `- H5 van ${name(c, 'rvdk-arn')} (Raad voor de Kinderbescherming regio Arnhem) naar ${name(c, 'gi-arn')} (Jeugdbescherming Gelderland), geopend 2026-05-13 10:30, open, grondslag: statutory_task`,
    );
    expect(doc).toContain(
      `    C2 afgevinkt 2026-05-15 11:00 door ${name(c, 'rvdk-arn')} (Raad voor de Kinderbescherming regio Arnhem): ouders ingelicht tijdens de zitting`,
    );
    expect(doc).toContain(`    C3 afgevinkt 2026-05-15 11:00 door ${name(c, 'rvdk-arn')}`);

    // Escalations: trigger, who raised it, the question, the levels and the outcome so far.
    expect(doc).toContain(
      `- #1 PROFESSIONAL_DILEMMA, gestart 2026-05-18 09:45 door ${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem); vraag: Wie neemt de regie?`,
    );
    expect(doc).toContain('    niveau L0 vanaf 2026-05-18 09:45');
    expect(doc).toContain('    uitkomst: loopt nog');

    // The audit log, with reasons.
    const audit = lines.slice(lines.indexOf('Auditlog (elke wijziging):') + 1);
    expect(audit[0]).toBe(`- 2026-05-13 10:00 case.opened door ${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem)`);
    expect(audit).toContain(
      `- 2026-05-13 10:15 member.added door ${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem) — reden: advies gedragswetenschapper`,
    );
    expect(audit.some((l) => l.includes('escalation.raised'))).toBe(true);
    expect(audit.some((l) => l.includes('handover.item_checked'))).toBe(true);
  });

  it('gives a pilot coordinator the same document, also after the case is closed', () => {
    const c = context('2026-05-13T10:00');
    const { ref } = history(c);
    const byMember = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    const byCoordinator = exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref });
    const body = (doc: string) => doc.split('\n').slice(2, doc.split('\n').indexOf('Auditlog (elke wijziging):'));
    expect(body(byCoordinator)).toEqual(body(byMember));
    expect(byCoordinator).toContain(`op verzoek van ${name(c, 'coord-arn')}`);
    // The coordinator's document lists the member's export in its audit part.
    expect(byCoordinator).toContain(
      `case.exported door ${name(c, 'gi-arn')} (Jeugdbescherming Gelderland) — reden: inzageverzoek (AVG art. 15)`,
    );

    c.setNow('2026-06-01T10:00');
    closeCase(c.ctx, { by: 'lt-arn', caseRef: ref, reason: 'hulp afgerond' });
    const closed = exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref });
    expect(closed).toContain('gesloten 2026-06-01 10:00');
    expect(closed).toContain('uitkomst: withdrawn; reden: casus gesloten');
    expect(closed).toContain('case.closed door');
  });

  it('refuses a team lead who is not on the case and a stranger; a stranger cannot tell whether the case exists', () => {
    const c = context('2026-05-13T10:00');
    const { ref } = history(c);
    // lead-lt-arn may see the case (lt-arn reports to them) but is no member: no export.
    expect(() => exportCaseHistory(c.ctx, { by: 'lead-lt-arn', caseRef: ref })).toThrow(/EXPORT_NOT_ALLOWED/);
    // A professional of another municipality, and a member who has left: the need-to-know answer.
    for (const stranger of ['lt-dui', 'vt-arn']) {
      expect(() => exportCaseHistory(c.ctx, { by: stranger, caseRef: ref })).toThrow(NOT_FOUND_OR_NO_ACCESS);
    }
    expect(NOT_FOUND_OR_NO_ACCESS).toBe('Casus niet gevonden of geen toegang.');
    // The same answer for a reference that does not exist.
    expect(() => exportCaseHistory(c.ctx, { by: 'lt-dui', caseRef: 'CG-ARN-2026-9999' })).toThrow(
      NOT_FOUND_OR_NO_ACCESS,
    );
    // Someone outside the roster.
    expect(() => exportCaseHistory(c.ctx, { by: 'onbekend', caseRef: ref })).toThrow(/UNKNOWN_MEMBER/);
    expect(exportedRows(c)).toEqual([]);
  });

  it('the export itself lands in the audit log as case.exported, and the chain still verifies', () => {
    const c = context('2026-05-13T10:00');
    const { ref, id } = history(c);
    exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    c.setNow('2026-05-20T09:05');
    exportCaseHistory(c.ctx, { by: 'coord-arn', caseRef: ref });
    expect(exportedRows(c)).toEqual([
      { actor: 'gi-arn', caseId: id, reason: 'inzageverzoek (AVG art. 15)' },
      { actor: 'coord-arn', caseId: id, reason: 'inzageverzoek (AVG art. 15)' },
    ]);
    expect(createAuditLog(c.database.db).verify()).toMatchObject({ ok: true });
  });

  it('does not hand a worrying-conduct escalation to members of another organisation', () => {
    // docs/behaviour.md: NEGLIGENT_CONDUCT starts "only at the professional's own team lead (not shared with other orgs)";
    // the case view hides it from everyone but its participants (visibleEscalations in get-case-view.ts). The export
    // lists every escalation of the case, so a GI member reads the LT professional's complaint and its question.
    const c = context('2026-05-13T10:00');
    const { ref } = history(c);
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'NEGLIGENT_CONDUCT',
      question: 'Afspraken over huisbezoeken worden niet nagekomen.',
    });
    const own = exportCaseHistory(c.ctx, { by: 'lt-arn', caseRef: ref });
    expect(own).toContain('NEGLIGENT_CONDUCT');
    const other = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
    expect(other).not.toContain('NEGLIGENT_CONDUCT');
    expect(other).not.toContain('Afspraken over huisbezoeken worden niet nagekomen.');
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
    const section = (doc: string, title: string) => {
      const lines = doc.split('\n');
      const from = lines.indexOf(title) + 1;
      return lines.slice(from, lines.indexOf('', from));
    };
    const lt = (c: TestContext) => `${name(c, 'lt-arn')} (Stichting Wijkteams Arnhem)`;
    const vt = (c: TestContext) => `${name(c, 'vt-arn')} (Veilig Thuis Gelderland-Midden)`;
    const rvdk = (c: TestContext) => `${name(c, 'rvdk-arn')} (Raad voor de Kinderbescherming regio Arnhem)`;
    const gi = (c: TestContext) => `${name(c, 'gi-arn')} (Jeugdbescherming Gelderland)`;
    const gw = (c: TestContext) => `${name(c, 'gw-lt-arn')} (Stichting Wijkteams Arnhem)`;

    it('sums up each consultation: who was asked by whom and when, when the advice came, whether the parents know', () => {
      const c = context('2026-09-01T09:00');
      const doc = flows(c);
      expect(section(doc, 'Consultaties (wie dacht mee, en weten de ouders het):')).toEqual([
        `- ${lt(c)} vroeg ${vt(c)} om advies op 2026-09-01 10:00; advies gegeven op 2026-09-03 15:00; ouders geïnformeerd: ja, op 3 september 2026`,
        `- ${lt(c)} vroeg ${rvdk(c)} om advies op 2026-09-02 09:30; advies gegeven op 2026-09-04 10:00; ouders geïnformeerd: nee`,
        `- ${gi(c)} vroeg ${gw(c)} om advies op 2026-09-04 11:00; nog geen advies gegeven`,
      ]);
    });

    it('lists the flow events in plain words; the reason of a refusal stays in the audit log', () => {
      const c = context('2026-09-01T09:00');
      const doc = flows(c);
      expect(section(doc, 'Vastgelegde gebeurtenissen:')).toEqual([
        `- 2026-09-01 10:00 Consultatie gevraagd aan ${vt(c)} — door ${lt(c)}`,
        `- 2026-09-02 09:30 Consultatie gevraagd aan ${rvdk(c)} — door ${lt(c)}`,
        `- 2026-09-03 15:00 Consultatie gegeven op de vraag van ${lt(c)} van 2026-09-01 10:00; ouders geïnformeerd: ja, op 3 september 2026 — door ${vt(c)}`,
        `- 2026-09-04 10:00 Consultatie gegeven op de vraag van ${lt(c)} van 2026-09-02 09:30; ouders geïnformeerd: nee — door ${rvdk(c)}`,
        `- 2026-09-04 11:00 Consultatie gevraagd aan ${gw(c)} — door ${gi(c)}`,
        `- 2026-09-07 09:00 Jeugdhulp voorgedragen bij de gemeente — door ${gi(c)}`,
        `- 2026-09-08 10:00 Besluit van de gemeente over de voorgedragen jeugdhulp: afgewezen (de reden staat in het auditlog) — door ${lt(c)}`,
        `- 2026-09-08 10:30 Overbruggingszorg afgesproken: ${gi(c)} biedt overbruggingszorg tot 30 september 2026 — door ${lt(c)}`,
        `- 2026-09-09 09:00 Preventieve jeugdbescherming aangevraagd — door ${lt(c)}`,
        `- 2026-09-09 09:05 Preventieve jeugdbescherming goedgekeurd door het Lokaal Team — door ${lt(c)}`,
        `- 2026-09-09 09:10 Instemming van het gezin met preventieve jeugdbescherming vastgelegd — door ${vt(c)}`,
        `- 2026-09-09 09:15 Preventieve jeugdbescherming gestart — door ${gi(c)}`,
      ]);
      // The colleague who was consulted joined the team, with the reason.
      expect(section(doc, 'Casusteam (wie, wanneer, waarom):')).toContain(
        `- ${gw(c)}: erbij 2026-09-04 11:00 door ${gi(c)} (geconsulteerd)`,
      );
      const reasons = doc.split('\n').filter((l) => l.includes('past niet in het aanbod'));
      expect(reasons).toEqual([`- 2026-09-08 10:00 event.recorded door ${lt(c)} — reden: past niet in het aanbod`]);
      expect(doc).not.toMatch(/consult_|preventive_jb|jeugdhulp_|bridging_|parentsInformed|undefined/);
    });

    it('says "geen" when nobody was consulted', () => {
      const c = context('2026-05-13T10:00');
      const { ref } = history(c);
      const doc = exportCaseHistory(c.ctx, { by: 'gi-arn', caseRef: ref });
      expect(section(doc, 'Consultaties (wie dacht mee, en weten de ouders het):')).toEqual(['- geen']);
    });
  });
});
