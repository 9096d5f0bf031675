import { describe, expect, it } from 'vitest';
import { removeMember } from '../../src/app/change-membership.js';
import { closeCase } from '../../src/app/close-case.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { checkItem } from '../../src/app/handovers/handover-actions.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import { runTick } from '../../src/app/run-tick.js';
import { setCoordinator } from '../../src/app/set-coordinator.js';
import { setStage } from '../../src/app/set-stage.js';
import { acknowledgeTimer } from '../../src/app/timer-actions.js';
import { CaseCardCache } from '../../src/adapters/teams/case/case-card-cache.js';
import { caseCardFor } from '../../src/adapters/teams/case/case-cards-for.js';
import { adaptiveCard, text } from '../../src/adapters/teams/cards/card-kit.js';
import { createTeamsState } from '../../src/adapters/teams/teams-state.js';
import { aContext, at, closedAfterEach, type TestContext } from '../app/test-context.js';

// The case card is cached per (case, viewer) under the case's version (migration 0003 triggers). Whatever changes,
// through whichever connection, the card served must be what a fresh read renders, and need-to-know must hold.
const context = closedAfterEach();

const VIEWERS = ['lt-arn', 'gi-arn', 'lead-lt-arn', 'coord-arn'];
const views = (c: TestContext, caseId: number) =>
  c.ctx.store.auditOf(caseId).filter((e) => e.action === 'case.viewed').length;

/** The card as a new connection with an empty cache renders it. */
/** The card a fresh process would render now (same database, same moment: the card counts days). */
async function freshCard(c: TestContext, viewer: string, ref: string) {
  const other = aContext({ file: c.file, now: c.ctx.clock.now() });
  try {
    return await caseCardFor(other.ctx, createTeamsState().caseCards, viewer, ref);
  } finally {
    other.close();
  }
}

describe('the cached case card', () => {
  it('is served from the cache while nothing changes, and each view is still in the audit log', async () => {
    const c = context('2026-05-13T10:00');
    const cards = createTeamsState().caseCards; // this test's bot: its own card cache
    const record = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'SIGNAL' });
    const first = await caseCardFor(c.ctx, cards, 'lt-arn', record.ref);
    const before = views(c, record.id);
    // The audit entry of a cached view is committed before the card is handed out.
    expect(await caseCardFor(c.ctx, cards, 'lt-arn', record.ref.toLowerCase())).toBe(first);
    expect(views(c, record.id)).toBe(before + 1);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('after every kind of change, by this process or another, shows what a fresh read shows', async () => {
    const c = context('2026-05-13T10:00');
    const cards = createTeamsState().caseCards; // this test's bot: its own card cache
    const { ref, id } = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' });
    const changes: Array<[string, () => void]> = [
      ['stage', () => setStage(c.ctx, { by: 'lt-arn', caseRef: ref, stage: 'RVDK_INVESTIGATION' })],
      [
        'measure (timers, H5 handover)',
        () =>
          recordEvent(c.ctx, { by: 'rvdk-arn', caseRef: ref, event: 'measure_pronounced', fields: { measure: 'OTS' } }),
      ],
      [
        'checklist tick',
        () =>
          void checkItem(c.ctx, {
            by: 'rvdk-arn',
            caseRef: ref,
            moment: 'H5',
            item: c.ctx.handoverTemplates.itemsFor('H5')[0]!.id,
            basis: 'consent',
          }),
      ],
      ['timer acknowledged', () => void acknowledgeTimer(c.ctx, { by: 'gi-arn', caseRef: ref, timer: 'T6' })],
      [
        'escalation',
        () =>
          void raiseEscalation(c.ctx, {
            by: 'lt-arn',
            caseRef: ref,
            trigger: 'PROFESSIONAL_DILEMMA',
            question: 'Wie neemt de regie?',
          }),
      ],
      [
        'coordinator',
        () => {
          const member = c.ctx.store.cases.byId(id)!.coordinatorId === 'gi-arn' ? 'lt-arn' : 'gi-arn';
          setCoordinator(c.ctx, { by: 'lt-arn', caseRef: ref, member, reason: 'maatregel loopt' });
        },
      ],
      [
        'scheduler tick weeks later',
        () => {
          c.setNow('2026-07-01T09:00');
          runTick(c.ctx, at('2026-07-01T09:00'));
        },
      ],
      [
        'another process moves a due date',
        () => {
          const other = aContext({ file: c.file });
          other.database.sqlite
            .prepare("UPDATE timers SET due_date = '2026-12-24' WHERE case_id = ? AND timer = 'T6'")
            .run(id);
          other.close();
        },
      ],
      [
        'member leaves',
        () => removeMember(c.ctx, { by: 'rvdk-arn', caseRef: ref, member: 'rvdk-arn', reason: 'onderzoek klaar' }),
      ],
      ['case closed', () => closeCase(c.ctx, { by: 'lt-arn', caseRef: ref })],
    ];
    for (const viewer of VIEWERS) await caseCardFor(c.ctx, cards, viewer, ref);
    for (const [label, change] of changes) {
      const cached = await Promise.all(VIEWERS.map((viewer) => caseCardFor(c.ctx, cards, viewer, ref)));
      change();
      for (const [i, viewer] of VIEWERS.entries()) {
        const served = await caseCardFor(c.ctx, cards, viewer, ref);
        expect(served, `${label}, seen by ${viewer}`).toEqual(await freshCard(c, viewer, ref));
        expect(served, `${label}: a new card for ${viewer}`).not.toBe(cached[i]);
        expect(await caseCardFor(c.ctx, cards, viewer, ref), `${label}: cached again for ${viewer}`).toBe(served);
      }
    }
  });

  it('does not show a cached card to someone who has left the team, nor to another person', async () => {
    const c = context('2026-05-13T10:00');
    const cards = createTeamsState().caseCards; // this test's bot: its own card cache
    const { ref } = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' });
    await caseCardFor(c.ctx, cards, 'gi-arn', ref);
    await expect(caseCardFor(c.ctx, cards, 'lt-doe', ref)).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND_OR_NO_ACCESS' }),
    );
    removeMember(c.ctx, { by: 'gi-arn', caseRef: ref, member: 'gi-arn', reason: 'niet meer nodig' });
    await expect(caseCardFor(c.ctx, cards, 'gi-arn', ref)).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND_OR_NO_ACCESS' }),
    );
  });

  it('cards with a notice are never cached', async () => {
    const c = context('2026-05-13T10:00');
    const cards = createTeamsState().caseCards; // this test's bot: its own card cache
    const { ref } = openCase(c.ctx, { by: 'lt-arn', municipality: 'Arnhem', stage: 'LT_VOLUNTARY' });
    const plain = await caseCardFor(c.ctx, cards, 'lt-arn', ref);
    const noticed = await caseCardFor(c.ctx, cards, 'lt-arn', ref, 'Fase gewijzigd.');
    expect(noticed).not.toEqual(plain);
    expect(await caseCardFor(c.ctx, cards, 'lt-arn', ref)).toBe(plain);
  });
});

describe('CaseCardCache', () => {
  const card = (n: number) => adaptiveCard([text(`kaart ${n}`)]);

  it('answers only for the same case, viewer and stamp (version and day)', () => {
    const cache = new CaseCardCache();
    cache.set(1, 'a', '3@2026-05-13', card(1));
    expect(cache.get(1, 'a', '3@2026-05-13')).toEqual(card(1));
    expect(cache.get(1, 'b', '3@2026-05-13')).toBeUndefined();
    expect(cache.get(2, 'a', '3@2026-05-13')).toBeUndefined();
    expect(cache.get(1, 'a', '4@2026-05-13')).toBeUndefined();
    expect(cache.get(1, 'a', '3@2026-05-13')).toBeUndefined(); // a stale entry is dropped when seen
    cache.set(1, 'a', '3@2026-05-13', card(1));
    expect(cache.get(1, 'a', '3@2026-05-14')).toBeUndefined(); // the next day counts its days again
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const cache = new CaseCardCache(2);
    cache.set(1, 'a', '0@2026-05-13', card(1));
    cache.set(2, 'a', '0@2026-05-13', card(2));
    cache.get(1, 'a', '0@2026-05-13');
    cache.set(3, 'a', '0@2026-05-13', card(3));
    expect(cache.size).toBe(2);
    expect(cache.get(2, 'a', '0@2026-05-13')).toBeUndefined();
    expect(cache.get(1, 'a', '0@2026-05-13')).toEqual(card(1));
    expect(cache.get(3, 'a', '0@2026-05-13')).toEqual(card(3));
  });
});
