import { DomainError, notFoundOrNoAccess } from '../../domain/domain-error.js';
import { BASIS_OPTIONS, type ChecklistItem, type SharingBasis } from '../../domain/handover-templates.js';
import type { HandoverRecord } from '../../domain/records.js';
import { HANDOVER_MOMENTS, type HandoverMoment, type Member, type MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf, findCase, loadCaseToChange, loadTeam, maySee, requireOpen, type LoadedCase } from '../case-access.js';
import { guardText } from '../guard-text.js';
import { recordActivity } from '../record-activity.js';
import { stopTimers } from '../timer-engine.js';
import { openHandover } from './open-handover.js';

// The warm-handover checklist: open, tick, accept (docs/behaviour.md, Handovers). An item the template gives to one
// side is ticked by that side (C2, C3, C4, C6: the sender, who shares and tells), the others by either; only the
// receiver accepts, and only when every required item is ticked (C2 and C3 always are).

export interface HandoverRef {
  by: MemberId;
  caseRef: string;
  handoverId?: number;
  moment?: HandoverMoment;
}

/**
 * Who may see a handover's checklist: whoever may see the case; and its sender, who keeps the checklist after leaving
 * the case (H6/H8) — to look at it and tick their items, and nothing else.
 */
export function mayViewHandover(ctx: AppContext, actor: Member, loaded: LoadedCase, h: HandoverRecord): boolean {
  return maySee(ctx, actor, loaded) || (h.fromMember === actor.id && h.state === 'open');
}

function loadHandover(ctx: AppContext, ref: HandoverRef) {
  const actor = actorOf(ctx, ref.by);
  const record = findCase(ctx, ref.caseRef);
  if (!record) throw notFoundOrNoAccess();
  const loaded = { record, team: loadTeam(ctx, record) };
  const all = ctx.store.handovers.ofCase(record.id);
  const handover =
    ref.handoverId !== undefined
      ? all.find((h) => h.id === ref.handoverId)
      : [...all].reverse().find((h) => h.state === 'open' && (ref.moment === undefined || h.moment === ref.moment));
  const canSeeCase = maySee(ctx, actor, loaded);
  if (!canSeeCase && !(handover && mayViewHandover(ctx, actor, loaded, handover))) throw notFoundOrNoAccess();
  if (!handover)
    throw new DomainError('NO_OPEN_HANDOVER', 'Er staat geen open overdracht voor dit moment op deze casus.');
  return { actor, loaded, handover, canSeeCase };
}

/** A handover the actor may look at (for the checklist card), by id. */
export function getHandover(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; handoverId: number },
): HandoverRecord {
  return loadHandover(ctx, input).handover;
}

export function startHandover(
  ctx: AppContext,
  input: { by: MemberId; caseRef: string; moment: HandoverMoment; from: MemberId; to: MemberId },
): number {
  if (!HANDOVER_MOMENTS.includes(input.moment))
    throw new DomainError('UNKNOWN_MOMENT', 'Kies een overdrachtsmoment H1 t/m H9.');
  const loaded = loadCaseToChange(ctx, input.by, input.caseRef);
  const members = loaded.team.members.map((m) => m.memberId);
  if (!members.includes(input.from) || !members.includes(input.to))
    throw new DomainError('NOT_A_MEMBER', 'Verzender en ontvanger moeten allebei in het casusteam zitten.');
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    const id = openHandover(ctx, loaded.record, {
      moment: input.moment,
      from: input.from,
      to: input.to,
      by: loaded.actor.id,
      at: now,
    });
    recordActivity(ctx, loaded.record, loaded.actor.id, now);
    return id;
  });
}

function mayTick(item: ChecklistItem, h: HandoverRecord, actorId: MemberId): boolean {
  if (item.owner === 'sender') return actorId === h.fromMember;
  if (item.owner === 'receiver') return actorId === h.toMember;
  return actorId === h.fromMember || actorId === h.toMember;
}

export function checkItem(
  ctx: AppContext,
  input: HandoverRef & { item: string; note?: string; basis?: SharingBasis },
): HandoverRecord {
  const { actor, loaded, handover } = loadHandover(ctx, input);
  requireOpen(loaded);
  if (handover.state !== 'open') throw new DomainError('HANDOVER_CLOSED', 'Deze overdracht is al afgerond.');
  const item = ctx.handoverTemplates.itemsFor(handover.moment).find((i) => i.id === input.item.trim().toUpperCase());
  if (!item) throw new DomainError('UNKNOWN_ITEM', `Dat punt hoort niet bij de checklist van ${handover.moment}.`);
  if (!mayTick(item, handover, actor.id)) {
    throw new DomainError(
      'NOT_YOUR_ITEM',
      item.owner === 'receiver'
        ? 'Dit punt vinkt de ontvanger af.'
        : item.owner === 'sender'
          ? 'Dit punt vinkt de verzender af.'
          : 'Alleen verzender en ontvanger vinken dit af.',
    );
  }
  if (input.basis !== undefined && !BASIS_OPTIONS.includes(input.basis))
    throw new DomainError('UNKNOWN_BASIS', 'Kies toestemming, wettelijke taak of conflict van plichten.');
  // C3 records the basis for sharing (AVG): ticking it without one would record nothing.
  if (item.id === 'C3' && input.basis === undefined)
    throw new DomainError(
      'BASIS_REQUIRED',
      'Kies de grondslag voor het delen: toestemming, wettelijke taak of conflict van plichten.',
    );
  const note = input.note ? guardText(ctx, input.note, 'notitie') : null;
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    if (!ctx.store.handovers.tick(handover.id, { itemId: item.id, checkedBy: actor.id, checkedAt: now, note })) {
      throw new DomainError('ALREADY_TICKED', 'Dit punt is al afgevinkt.');
    }
    if (item.id === 'C3' && input.basis) ctx.store.handovers.update(handover.id, { basis: input.basis });
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'handover.item_checked',
      caseId: loaded.record.id,
      reason: null,
      details: {
        handoverId: handover.id,
        moment: handover.moment,
        item: item.id,
        basis: item.id === 'C3' ? (input.basis ?? null) : undefined,
      },
    });
    recordActivity(ctx, loaded.record, actor.id, now);
    return ctx.store.handovers.byId(handover.id)!;
  });
}

export function missingRequiredItems(ctx: AppContext, h: HandoverRecord): string[] {
  const ticked = new Set(ctx.store.handovers.ticks(h.id).map((t) => t.itemId));
  return ctx.handoverTemplates
    .itemsFor(h.moment)
    .filter((i) => (i.required || i.id === 'C2' || i.id === 'C3') && !ticked.has(i.id))
    .map((i) => i.id);
}

export function acceptHandover(ctx: AppContext, input: HandoverRef): HandoverRecord {
  const { actor, loaded, handover, canSeeCase } = loadHandover(ctx, input);
  if (!canSeeCase) throw notFoundOrNoAccess();
  requireOpen(loaded);
  if (handover.state !== 'open') throw new DomainError('HANDOVER_CLOSED', 'Deze overdracht is al afgerond.');
  if (actor.id !== handover.toMember)
    throw new DomainError('NOT_RECEIVER', 'Alleen de ontvanger kan de overdracht accepteren.');
  const missing = missingRequiredItems(ctx, handover);
  if (missing.length > 0)
    throw new DomainError(
      'CHECKLIST_INCOMPLETE',
      `Nog niet alle verplichte punten zijn afgevinkt: ${missing.join(', ')}.`,
    );
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    ctx.store.handovers.update(handover.id, { state: 'accepted', acceptedAt: now });
    stopTimers(ctx, loaded.record, ['T12'], {
      at: now,
      by: actor.id,
      reason: 'handover_accepted',
      completing: true,
      filter: (t) => t.handoverId === handover.id,
    });
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'handover.accepted',
      caseId: loaded.record.id,
      reason: null,
      details: { handoverId: handover.id, moment: handover.moment, from: handover.fromMember, to: handover.toMember },
    });
    recordActivity(ctx, loaded.record, actor.id, now);
    return ctx.store.handovers.byId(handover.id)!;
  });
}
