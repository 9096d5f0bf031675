import { describe, expect, it } from 'vitest';
import { openCase } from '../../src/app/open-case.js';
import { getEventForm } from '../../src/app/queries/get-event-form.js';
import { recordEvent } from '../../src/app/record-event.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { closedAfterEach, type TestContext } from './test-context.js';

// docs/behaviour.md, "Events" and "Flows between organisations": the fields each flow event needs, refused in Dutch
// and with nothing written when missing, and whom a consultation may be asked of (the chat's form offers exactly
// those people). On real SQLite with the real migrations.

const context = closedAfterEach();

function arnhem(c: TestContext): { ref: string; id: number } {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref; // Mon 2026-09-07 09:00
  return { ref, id: c.ctx.store.cases.byRef(ref)!.id };
}

const eventsOf = (c: TestContext, id: number) => c.ctx.store.cases.events(id).map((e) => [e.event, e.fields]);
const recorded = (c: TestContext, id: number) => c.ctx.store.auditOf(id).filter((a) => a.action === 'event.recorded');

describe('the fields of the flow events', () => {
  it('consult_given needs whether the parents were told, and with "ja" the date; "nee" keeps no date', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = arnhem(c);
    c.setNow('2026-09-07T09:10');
    recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'consult_requested', fields: { member: 'vt-arn' } });
    c.setNow('2026-09-08T10:00');
    const give = (fields: Record<string, string>) =>
      recordEvent(c.ctx, { by: 'vt-arn', caseRef: ref, event: 'consult_given', fields });

    expect(() => give({})).toThrow('Vul in of de ouders zijn geïnformeerd.');
    expect(() => give({ parentsInformed: 'misschien' })).toThrow('Vul in of de ouders zijn geïnformeerd.');
    expect(() => give({ parentsInformed: 'yes' })).toThrow('Vul in op welke datum de ouders zijn geïnformeerd.');
    expect(() => give({ parentsInformed: 'yes', informedOn: '2026-09-09' })).toThrow(
      'De datum waarop de ouders zijn geïnformeerd moet vandaag of eerder zijn.',
    );
    // Nothing of the refusals was written: the request only, and T15 still runs.
    expect(eventsOf(c, id)).toEqual([['consult_requested', { member: 'vt-arn' }]]);
    expect(c.ctx.store.timers.open(id, 'T15')).toHaveLength(1);

    give({ parentsInformed: 'no', informedOn: '2026-09-08' });
    expect(eventsOf(c, id).at(-1)).toEqual(['consult_given', { parentsInformed: 'no' }]);
    expect(c.ctx.store.timers.open(id, 'T15')).toEqual([]);
  });

  it("preventive youth protection goes in its order: request, LT approval, the family's consent, the GI starts", () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = arnhem(c);
    const step = (by: string, event: Parameters<typeof recordEvent>[1]['event']) =>
      recordEvent(c.ctx, { by, caseRef: ref, event });
    expect(() => step('lt-arn', 'preventive_jb_consent')).toThrow('Vraag eerst preventieve jeugdbescherming aan.');
    step('lt-arn', 'preventive_jb_requested');
    expect(() => step('vt-arn', 'preventive_jb_approved')).toThrow(
      'Goedkeuring voor preventieve jeugdbescherming geeft het Lokaal Team.',
    );
    expect(() => step('lt-arn', 'preventive_jb_consent')).toThrow(
      'Het Lokaal Team moet de preventieve jeugdbescherming eerst goedkeuren.',
    );
    expect(() => step('gi-arn', 'preventive_jb_started')).toThrow(
      'Preventieve jeugdbescherming kan nog niet starten: de goedkeuring van het Lokaal Team en de instemming van het gezin ontbreekt.',
    );
    step('lt-arn', 'preventive_jb_approved');
    expect(() => step('gi-arn', 'preventive_jb_started')).toThrow('de instemming van het gezin ontbreekt.');
    step('vt-arn', 'preventive_jb_consent');
    expect(() => step('lt-arn', 'preventive_jb_started')).toThrow('Preventieve jeugdbescherming start de GI.');
    step('gi-arn', 'preventive_jb_started');
    expect(eventsOf(c, id).map(([e]) => e)).toEqual([
      'preventive_jb_requested',
      'preventive_jb_approved',
      'preventive_jb_consent',
      'preventive_jb_started',
    ]);
    expect(recorded(c, id)).toHaveLength(4);
  });

  it('jeugdhulp_decided needs akkoord or afgewezen, and a reason with afgewezen (kept in the audit log only)', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = arnhem(c);
    recordEvent(c.ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdhulp_proposed' });
    const decide = (fields: Record<string, string>) =>
      recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'jeugdhulp_decided', fields });

    expect(() => decide({})).toThrow('Kies het besluit: akkoord of afgewezen.');
    // The table's outcomes are no decision of the municipality.
    expect(() => decide({ outcome: 'voluntary' })).toThrow('Kies het besluit: akkoord of afgewezen.');
    expect(() => decide({ outcome: 'declined' })).toThrow('Geef bij een afwijzing de reden.');
    expect(() => decide({ outcome: 'declined', reason: '   ' })).toThrow('Vul een reden in.');
    expect(eventsOf(c, id)).toEqual([['jeugdhulp_proposed', {}]]);
    expect(c.ctx.store.timers.open(id, 'T16')).toHaveLength(1);

    decide({ outcome: 'declined', reason: 'past niet in het aanbod' });
    expect(eventsOf(c, id).at(-1)).toEqual(['jeugdhulp_decided', { outcome: 'declined' }]);
    expect(recorded(c, id).at(-1)).toMatchObject({ reason: 'past niet in het aanbod' });
    expect(c.ctx.store.timers.open(id, 'T16')).toEqual([]);
  });

  it('the table decision takes only the table outcomes; bridging needs who and until when', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = arnhem(c);
    expect(() =>
      recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'jbt_decision', fields: { outcome: 'approved' } }),
    ).toThrow('Kies de uitkomst van de Jeugdbeschermingstafel.');
    const bridge = (fields: Record<string, string>) =>
      recordEvent(c.ctx, { by: 'lt-arn', caseRef: ref, event: 'bridging_agreed', fields });
    expect(() => bridge({ until: '2026-09-30' })).toThrow('Kies wie de overbruggingszorg biedt.');
    expect(() => bridge({ member: 'gi-arn' })).toThrow('Kies tot wanneer de overbruggingszorg loopt.');
    expect(() => bridge({ member: 'gi-arn', until: '2026-09-04' })).toThrow(
      'De einddatum moet een geldige datum vandaag of later zijn.',
    );
    expect(eventsOf(c, id)).toEqual([]);
    bridge({ member: 'gi-arn', until: '2026-09-30' });
    expect(eventsOf(c, id)).toEqual([['bridging_agreed', { member: 'gi-arn', until: '2026-09-30' }]]);
  });
});

describe('the event forms: whom the chat offers', () => {
  it('a consultation offers the professionals and gedragswetenschappers of the other organisations, case members first', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = arnhem(c);
    const forLt = getEventForm(c.ctx, 'lt-arn', ref, 'consult_requested');
    expect(forLt.fields.map((f) => [f.field, f.required])).toEqual([['member', true]]);
    const ids = forLt.people.map((p) => p.id);
    // The case's VT, GI and Raad members come first (the LT member is the one asking).
    expect(ids.slice(0, 3).sort()).toEqual(['gi-arn', 'rvdk-arn', 'vt-arn']);
    // Then everyone of those organisations and of the municipality's fixed faces (the table's secretary too):
    // 11 VT, 12 GI and 11 Raad professionals of db/seed/demo-roster.json, and jbt-cg.
    expect(ids).toHaveLength(35);
    expect(ids).toEqual(expect.arrayContaining(['gi-arn-2', 'vt-doe', 'jbt-cg']));
    // Never the actor's own organisation (not even its gedragswetenschapper), a team lead or a coordinator.
    for (const id of ['lt-arn', 'gw-lt-arn', 'lt-arn-2', 'lead-vt-1', 'lead-gi-1', 'coord-arn', 'ret-cg'])
      expect(ids).not.toContain(id);
    expect(forLt.people.find((p) => p.id === 'vt-arn')).toEqual({
      id: 'vt-arn',
      name: c.ctx.roster.member('vt-arn')!.name,
      orgName: 'Veilig Thuis Gelderland-Midden',
    });

    // A GI member may ask the Lokaal Team, its gedragswetenschapper included, and no other GI worker.
    const forGi = getEventForm(c.ctx, 'gi-arn', ref, 'consult_requested').people.map((p) => p.id);
    expect(forGi).toEqual(expect.arrayContaining(['lt-arn', 'gw-lt-arn', 'lt-arn-2', 'vt-arn', 'rvdk-arn']));
    expect(forGi.filter((id) => id.startsWith('gi-'))).toEqual([]);
    expect(forGi).toHaveLength(3 + 11 + 11 + 1);
  });

  it('every person the form offers is accepted by the use case', () => {
    const c = context('2026-09-07T09:00');
    const { ref } = arnhem(c);
    for (const p of getEventForm(c.ctx, 'rvdk-arn', ref, 'consult_requested').people)
      expect(() =>
        recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'consult_requested', fields: { member: p.id } }),
      ).not.toThrow();
  });

  it('opens for whoever may change the case, and is a view on record; a stranger gets the need-to-know answer', () => {
    const c = context('2026-09-07T09:00');
    const { ref, id } = arnhem(c);
    const views = () => c.ctx.store.auditOf(id).filter((a) => a.action === 'case.viewed').length;
    const before = views();
    expect(getEventForm(c.ctx, 'lead-lt-arn', ref)).toEqual({ caseRef: ref, event: undefined, fields: [], people: [] });
    expect(getEventForm(c.ctx, 'lt-arn', ref, 'melding_received').fields).toEqual([]);
    expect(views()).toBe(before + 2);
    expect(() => getEventForm(c.ctx, 'lt-doe', ref, 'consult_requested')).toThrow(NOT_FOUND_OR_NO_ACCESS);
  });
});
