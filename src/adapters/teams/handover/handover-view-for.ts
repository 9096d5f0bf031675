import type { AppContext } from '../../../app/app-context.js';
import { missingRequiredItems } from '../../../app/handovers/handover-actions.js';
import { handoverView } from '../../../app/queries/get-case-view.js';
import { BASIS_LABELS, type SharingBasis } from '../../../domain/handover-templates.js';
import type { HandoverRecord } from '../../../domain/records.js';
import type { MemberId } from '../../../domain/types.js';
import { toWallClock } from '../../../domain/zoned-time.js';
import { dutchDate } from '../cards/card-kit.js';
import type { HandoverCardView } from './handover-card.js';

const isRequired = (i: { id: string; required: boolean }) => i.required || i.id === 'C2' || i.id === 'C3';

export function whenText(ctx: AppContext, at: number): string {
  const wall = toWallClock(at, ctx.calendar.timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${dutchDate(wall.date)} ${pad(Math.floor(wall.minutes / 60))}:${pad(wall.minutes % 60)}`;
}

/**
 * The checklist card's model. `viewer` decides the buttons: the sender ticks sender items, the receiver receiver
 * items and accepts; `null` is the case thread, where both may press (the use case refuses whoever may not).
 */
export function handoverViewFor(
  ctx: AppContext,
  h: HandoverRecord,
  viewer: MemberId | null,
  notice?: string,
): HandoverCardView {
  const view = handoverView(ctx, h);
  const person = (id: MemberId) => {
    const m = ctx.roster.member(id);
    return m ? `${m.name} (${m.orgName})` : id;
  };
  const may = (owner: 'sender' | 'receiver' | 'both') =>
    viewer === null ||
    (owner === 'sender'
      ? viewer === h.fromMember
      : owner === 'receiver'
        ? viewer === h.toMember
        : viewer === h.fromMember || viewer === h.toMember);
  const required = view.items.filter(isRequired);
  const missing = h.state === 'open' ? missingRequiredItems(ctx, h) : [];
  const timer = ctx.store.timers.all(h.caseId).find((t) => t.timer === 'T12' && t.handoverId === h.id);
  return {
    caseRef: ctx.store.cases.byId(h.caseId)?.ref ?? '',
    handoverId: h.id,
    moment: h.moment,
    momentLabel: view.momentLabel,
    fromName: person(h.fromMember),
    toName: person(h.toMember),
    state: h.state,
    dueDate: timer?.dueDate ?? null,
    basisLabel: h.basis && h.basis in BASIS_LABELS ? BASIS_LABELS[h.basis as SharingBasis] : null,
    items: view.items.map((i) => ({
      id: i.id,
      label: i.label,
      required: isRequired(i),
      ownerText:
        i.owner === 'sender'
          ? person(h.fromMember)
          : i.owner === 'receiver'
            ? person(h.toMember)
            : 'verzender of ontvanger',
      ticked: i.tick
        ? `${ctx.roster.member(i.tick.checkedBy)?.name ?? i.tick.checkedBy}, ${whenText(ctx, i.tick.checkedAt)}`
        : null,
      mayTick: may(i.owner),
    })),
    requiredDone: required.filter((i) => i.tick).length,
    requiredTotal: required.length,
    missing,
    mayAccept: h.state === 'open' && missing.length === 0 && (viewer === null || viewer === h.toMember),
    ...(notice ? { notice } : {}),
  };
}
