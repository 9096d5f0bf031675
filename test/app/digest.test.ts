import { describe, expect, it } from 'vitest';
import { replaceMember } from '../../src/app/change-membership.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import type { DigestItem } from '../../src/app/run-daily-digest.js';
import { runTick } from '../../src/app/run-tick.js';
import type { AppContext } from '../../src/app/app-context.js';
import { at, type TestContext, closedAfterEach } from './test-context.js';

// Issue: "Daily digest, opt-in per member (and as a pilot-wide default in the norms file; off unless set): at
// office-hours start, one card per member with their open items (timers due soon, handover items to tick, escalations
// waiting for them); for such a member `remind` steps go into the digest, while overdue and escalation messages stay
// immediate."

const context = closedAfterEach();

interface Row {
  id: number;
  kind: string;
  timer: string | null;
  step: string | null;
  notBefore: number;
  recipients: string;
  payload: string;
}
function outbox(c: TestContext): Row[] {
  return c.database.sqlite
    .prepare(
      `SELECT o.id, o.kind, json_extract(o.payload, '$.timer') AS timer, json_extract(o.payload, '$.step') AS step, o.not_before AS notBefore, o.payload,
                     (SELECT group_concat(recipient_id) FROM (SELECT recipient_id FROM deliveries d WHERE d.outbox_id = o.id ORDER BY recipient_id)) AS recipients
                FROM outbox o ORDER BY o.id`,
    )
    .all() as Row[];
}
const digests = (c: TestContext) =>
  outbox(c)
    .filter((r) => r.kind === 'digest')
    .map((r) => ({ ...r, body: JSON.parse(r.payload) as { day: string; items: DigestItem[] } }));
const reminds = (c: TestContext, timer: string) =>
  outbox(c).filter((r) => r.kind === 'nudge' && r.timer === timer && r.step === 'remind');

/** An Arnhem case with a court order on Wed 2026-05-13: T6 (owner gi-arn) due Thu 05-21, remind Wed 05-20, overdue Fri 05-22. */
function caseWithT6(c: TestContext): string {
  const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
  recordEvent(c.ctx, {
    by: 'rvdk-arn',
    caseRef: ref,
    event: 'measure_pronounced',
    fields: { measure: 'OTS', months: 12 },
  });
  const t6 = c.ctx.store.timers.open(c.ctx.store.cases.byRef(ref)!.id, 'T6')[0]!;
  expect([t6.dueDate, t6.nextStep, t6.nextStepAt]).toEqual(['2026-05-21', 'remind', at('2026-05-20T08:30')]);
  return ref;
}

const tickAt = (c: TestContext, ctx: AppContext, local: string) => {
  c.setNow(local);
  return runTick(ctx);
};

describe('the daily digest on real SQLite', () => {
  it('an opted-in member gets no remind nudge but one digest at the office-hours start, with the timer item', () => {
    const c = context('2026-05-13T10:00');
    const ref = caseWithT6(c);
    c.ctx.store.preferences.setDigest('gi-arn', true);

    tickAt(c, c.ctx, '2026-05-20T08:29'); // not yet office hours
    expect(digests(c)).toEqual([]);
    const r = tickAt(c, c.ctx, '2026-05-20T08:30');
    expect(r.digests).toBe(1);

    expect(reminds(c, 'T6')).toEqual([]);
    const d = digests(c);
    expect(d).toHaveLength(1);
    expect(d[0]!.recipients).toBe('gi-arn');
    expect(d[0]!.notBefore).toBe(at('2026-05-20T08:30'));
    expect(d[0]!.body.day).toBe('2026-05-20');
    const caseId = c.ctx.store.cases.byRef(ref)!.id;
    expect(d[0]!.body.items).toContainEqual({
      type: 'timer',
      caseId,
      caseRef: ref,
      timer: 'T6',
      dueDate: '2026-05-21',
    });
    // The H5 checklist (Raad → GI) is open with items for the receiver to tick.
    const h5 = d[0]!.body.items.find((i) => i.type === 'handover');
    expect(h5).toMatchObject({ type: 'handover', caseRef: ref, moment: 'H5' });
    expect((h5 as { open: string[] }).open).toContain('C5');
    // The remind step itself is recorded once (exactly once per step), just not sent as a nudge.
    expect(
      (
        c.database.sqlite
          .prepare("SELECT count(*) AS n FROM timer_steps WHERE timer = 'T6' AND step = 'remind'")
          .get() as { n: number }
      ).n,
    ).toBe(1);
  });

  it('lists escalations waiting for the member', () => {
    const c = context('2026-05-13T10:00');
    const ref = caseWithT6(c);
    raiseEscalation(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'GI'],
    });
    c.ctx.store.preferences.setDigest('gi-arn', true);
    tickAt(c, c.ctx, '2026-05-15T08:30'); // Friday after Hemelvaartsdag: no timer item yet
    const items = digests(c)[0]!.body.items;
    expect(items).toContainEqual({
      type: 'escalation',
      caseId: c.ctx.store.cases.byRef(ref)!.id,
      caseRef: ref,
      escalation: 1,
      level: 'L0',
    });
    expect(items.some((i) => i.type === 'timer')).toBe(false);
  });

  it('overdue (and the escalation after it) stay immediate for an opted-in member', () => {
    const c = context('2026-05-13T10:00');
    caseWithT6(c);
    c.ctx.store.preferences.setDigest('gi-arn', true);
    for (const moment of ['2026-05-20T08:30', '2026-05-22T08:30', '2026-05-27T08:30']) tickAt(c, c.ctx, moment);
    const t6 = outbox(c).filter((r) => (r.kind === 'nudge' && r.timer === 'T6') || r.kind === 'escalation');
    // The overdue reaches the owner and their lead (action card) and the other case professionals (status card); the
    // automatic escalation every case professional with their team leads.
    expect(t6.map((r) => `${r.kind}:${r.step ?? ''}:${r.recipients}`)).toEqual([
      'nudge:overdue:gi-arn,lead-gi-1,lt-arn,rvdk-arn,vt-arn',
      'escalation::gi-arn,lead-gi-1,lead-lt-arn,lead-rvdk-1,lead-vt-1,lt-arn,rvdk-arn,vt-arn',
    ]);
    expect(t6[0]!.notBefore).toBe(at('2026-05-22T08:30'));
    // An overdue timer is no longer "due soon": it is not repeated in the digest of that day.
    const friday = digests(c).find((d) => d.body.day === '2026-05-22')!;
    expect(friday.body.items.some((i) => i.type === 'timer' && i.timer === 'T6')).toBe(false);
  });

  it("a subscriber who would only get the status card of a late term finds it in that morning's digest instead", () => {
    const c = context('2026-05-13T10:00');
    caseWithT6(c);
    c.ctx.store.preferences.setDigest('vt-arn', true);
    for (const moment of ['2026-05-20T08:30', '2026-05-22T08:30', '2026-05-25T08:30']) tickAt(c, c.ctx, moment);
    const overdue = outbox(c).find((r) => r.kind === 'nudge' && r.step === 'overdue')!;
    expect(overdue.recipients).toBe('gi-arn,lead-gi-1,lt-arn,rvdk-arn');
    const friday = digests(c).find((d) => d.body.day === '2026-05-22' && d.recipients === 'vt-arn')!;
    expect(friday.body.items.filter((i) => i.type === 'late')).toEqual([
      expect.objectContaining({ type: 'late', timer: 'T6', dueDate: '2026-05-21', owner: 'gi-arn' }),
    ]);
    // Once: the next digest does not repeat it.
    const monday = digests(c).find((d) => d.body.day === '2026-05-25' && d.recipients === 'vt-arn');
    expect(monday?.body.items.some((i) => i.type === 'late') ?? false).toBe(false);
  });

  it('runs only once per working day, whatever the number of ticks and processes', () => {
    const a = context('2026-05-13T10:00');
    caseWithT6(a);
    a.ctx.store.preferences.setDigest('gi-arn', true);
    const b = a.reopen();
    context.track(b);
    for (const moment of ['2026-05-20T08:30', '2026-05-20T08:31', '2026-05-20T12:00', '2026-05-20T16:59']) {
      a.setNow(moment);
      b.setNow(moment);
      runTick(a.ctx);
      runTick(b.ctx);
    }
    expect(digests(a).map((d) => `${d.body.day}:${d.recipients}`)).toEqual(['2026-05-20:gi-arn']);
    // The next working day has its own digest (T6 is due that day); the weekend has none.
    for (const moment of ['2026-05-21T08:30', '2026-05-21T09:30', '2026-05-23T08:30', '2026-05-24T10:00']) {
      a.setNow(moment);
      b.setNow(moment);
      runTick(b.ctx);
      runTick(a.ctx);
    }
    expect(digests(a).map((d) => d.body.day)).toEqual(['2026-05-20', '2026-05-21']);
  });

  it('sends nothing to an opted-in member without open items', () => {
    const c = context('2026-05-13T10:00');
    caseWithT6(c);
    c.ctx.store.preferences.setDigest('lt-dui', true); // no cases in Duiven
    c.ctx.store.preferences.setDigest('vt-arn', true); // on the case, but nothing is theirs
    expect(tickAt(c, c.ctx, '2026-05-20T08:30').digests).toBe(0);
    expect(digests(c)).toEqual([]);
    expect(reminds(c, 'T6').map((r) => r.recipients)).toEqual(['gi-arn']);
  });

  it('is off by default: the remind step is an ordinary nudge and no digest is made', () => {
    const c = context('2026-05-13T10:00');
    caseWithT6(c);
    expect(c.ctx.norms.digest.defaultOn).toBe(false);
    for (const moment of [
      '2026-05-14T08:30',
      '2026-05-15T08:30',
      '2026-05-18T08:30',
      '2026-05-19T08:30',
      '2026-05-20T08:30',
    ])
      tickAt(c, c.ctx, moment);
    expect(digests(c)).toEqual([]);
    expect(reminds(c, 'T6').map((r) => `${r.recipients}@${r.notBefore}`)).toEqual([`gi-arn@${at('2026-05-20T08:30')}`]);
  });

  it('the pilot-wide default in the norms file switches it on for everyone; a member can still opt out', () => {
    const c = context('2026-05-13T10:00');
    caseWithT6(c);
    const pilot: AppContext = {
      ...c.ctx,
      norms: { ...c.ctx.norms, digest: { ...c.ctx.norms.digest, defaultOn: true } },
    };
    tickAt(c, pilot, '2026-05-20T08:30');
    expect(reminds(c, 'T6')).toEqual([]);
    // gi-arn (T6 + H5 receiver items) and rvdk-arn (H5 sender items) have something; the others on the case do not.
    expect(
      digests(c)
        .map((d) => d.recipients)
        .sort(),
    ).toEqual(['gi-arn', 'rvdk-arn']);

    const d = context('2026-05-13T10:00');
    caseWithT6(d);
    d.ctx.store.preferences.setDigest('gi-arn', false);
    const pilot2: AppContext = {
      ...d.ctx,
      norms: { ...d.ctx.norms, digest: { ...d.ctx.norms.digest, defaultOn: true } },
    };
    tickAt(d, pilot2, '2026-05-20T08:30');
    expect(reminds(d, 'T6').map((r) => r.recipients)).toEqual(['gi-arn']);
    expect(digests(d).map((x) => x.recipients)).toEqual(['rvdk-arn']);
  });

  it('a remind step of an opted-in owner who is no longer on the case (the sender of an H8 handover) is not lost', () => {
    // Issue: "for such a member `remind` steps go into the digest". docs/behaviour.md: "T12 → the handover's sender, even
    // when the sender is leaving the case (H6/H8)". The remind is suppressed for a digest member, so the digest must
    // carry it — but the digest only looks at cases the member currently sits on, and the leaver sits on none.
    const c = context('2026-05-13T10:00');
    const ref = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem' }).ref;
    replaceMember(c.ctx, {
      by: 'lt-arn',
      caseRef: ref,
      member: 'lt-arn',
      successor: 'lt-arn-2',
      reason: 'andere functie',
    });
    c.ctx.store.preferences.setDigest('lt-arn', true);
    const t12 = c.ctx.store.timers.open(c.ctx.store.cases.byRef(ref)!.id, 'T12')[0]!;
    expect(t12.ownerRef).toBe('lt-arn');
    const remindDay = c.ctx.calendar.subtractWorkingDays(t12.dueDate, t12.remindBefore);
    tickAt(c, c.ctx, `${remindDay}T08:30`);

    const nudged = reminds(c, 'T12').some((r) => r.recipients.split(',').includes('lt-arn'));
    const inDigest = digests(c).some(
      (d) => d.recipients === 'lt-arn' && d.body.items.some((i) => i.type === 'timer' && i.timer === 'T12'),
    );
    // Not lost: the digest is built from the cases someone sits on, so a leaver's reminder is sent as a nudge at once.
    expect({ nudged, inDigest }).toEqual({ nudged: true, inDigest: false });
  });
});
