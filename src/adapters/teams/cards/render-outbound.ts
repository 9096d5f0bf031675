import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { CRISIS_ROUTES } from '../../../app/escalations/report-acute-danger.js';
import type { OutboundMessage } from '../../../app/ports.js';
import { TIMER_IDS, TIMER_STEPS, type Member } from '../../../domain/types.js';
import { escalationViewFor } from '../workflow/escalation-view-for.js';
import { handoverCopyKey } from '../workflow/handover-card-copies.js';
import { handoverViewFor } from '../workflow/handover-view-for.js';
import { nudgeViewFor } from '../workflow/nudge-view-for.js';
import { acuteCard } from './acute-card.js';
import { dutchDate, LEVEL_LABELS, type AdaptiveCard } from './card-kit.js';
import { digestCard } from './digest-card.js';
import { escalationCard } from './escalation-card.js';
import { handoverCard } from './handover-card.js';
import { noticeCard } from './notice-card.js';
import { nudgeCard } from './nudge-card.js';

// payload.kind → card, for one recipient. Payloads are our own JSON from the outbox, still checked with zod: a row
// written by an older version must not crash delivery. Cards show the current state where the store has it.

/** A message that no longer needs to reach anyone (its timer stopped before delivery): nothing is sent. */
export interface ObsoleteMessage {
  obsolete: string;
}

export interface RenderedMessage {
  card: AdaptiveCard;
  /** Notification preview: a reference and a kind of message, never content. */
  summary: string;
  /** Where to remember the delivered card so later changes can update it in place. */
  copyKey?: string;
}

const ref = z.string().min(1);
const schemas = {
  nudge: z.object({
    caseRef: ref,
    timerId: z.number().int(),
    timer: z.enum(TIMER_IDS),
    step: z.enum(TIMER_STEPS),
    timerLabel: z.string(),
  }),
  escalation: z.object({ caseRef: ref, escalationId: z.number().int() }),
  handover: z.object({ caseRef: ref, handoverId: z.number().int() }),
  acute: z.object({ caseRef: ref, municipality: z.string(), raisedBy: z.string() }),
  notice: z.object({ member: z.string(), caseRef: ref.nullable().optional(), about: z.string().nullable().optional() }),
  digest: z.object({ day: z.string(), items: z.array(z.object({ type: z.string(), caseRef: ref }).passthrough()) }),
};

const ABOUT: Record<string, string> = {
  nudge: 'een herinnering',
  escalation: 'een escalatie',
  escalation_reminder: 'een escalatie',
  handover: 'een warme overdracht',
  acute: 'een acute melding',
  digest: 'het dagoverzicht',
};

function digestLine(ctx: AppContext, item: Record<string, unknown>): string {
  if (item.type === 'timer') {
    const label =
      typeof item.timer === 'string' && item.timer in ctx.norms.timers
        ? ctx.norms.timers[item.timer as keyof typeof ctx.norms.timers].label
        : String(item.timer);
    return `${label}, uiterlijk ${typeof item.dueDate === 'string' ? dutchDate(item.dueDate) : '?'}`;
  }
  if (item.type === 'handover')
    return `warme overdracht ${String(item.moment)}: nog af te vinken ${Array.isArray(item.open) ? item.open.join(', ') : ''}`;
  const level = String(item.level);
  return `escalatie ${String(item.escalation)} op ${level in LEVEL_LABELS ? LEVEL_LABELS[level as keyof typeof LEVEL_LABELS] : level}`;
}

export function renderOutbound(
  ctx: AppContext,
  m: OutboundMessage,
  recipient: Member,
): RenderedMessage | ObsoleteMessage | undefined {
  const kind = m.kind;
  if (kind === 'nudge') {
    const p = schemas.nudge.safeParse(m.payload);
    const view = p.success ? nudgeViewFor(ctx, p.data) : undefined;
    if (!p.success || !view) return undefined;
    // A nudge about a term that was completed (or stopped) before it could be delivered would only confuse.
    if (view.state !== 'open') return { obsolete: 'de termijn loopt niet meer' };
    return { card: nudgeCard(view), summary: `Termijn ${p.data.timerLabel}: casus ${p.data.caseRef}` };
  }
  if (kind === 'escalation' || kind === 'escalation_reminder') {
    const p = schemas.escalation.safeParse(m.payload);
    const e = p.success ? ctx.store.escalations.byId(p.data.escalationId) : undefined;
    if (!p.success || !e) return undefined;
    return {
      card: escalationCard(escalationViewFor(ctx, e, recipient, { reminder: kind === 'escalation_reminder' })),
      summary: `Escalatie: casus ${p.data.caseRef}`,
    };
  }
  if (kind === 'handover') {
    const p = schemas.handover.safeParse(m.payload);
    const h = p.success ? ctx.store.handovers.byId(p.data.handoverId) : undefined;
    if (!p.success || !h) return undefined;
    return {
      card: handoverCard(handoverViewFor(ctx, h, recipient.id)),
      summary: `Warme overdracht: casus ${p.data.caseRef}`,
      copyKey: handoverCopyKey(h.id, recipient.id),
    };
  }
  if (kind === 'acute') {
    const p = schemas.acute.safeParse(m.payload);
    if (!p.success) return undefined;
    const by = ctx.roster.member(p.data.raisedBy);
    const view = {
      caseRef: p.data.caseRef,
      municipality: p.data.municipality,
      raisedByName: by?.name ?? p.data.raisedBy,
      raisedByOrg: by?.orgName ?? 'onbekend',
      crisisRoutes: CRISIS_ROUTES,
    };
    return { card: acuteCard(view), summary: `ACUUT: casus ${p.data.caseRef}` };
  }
  if (kind === 'notice') {
    const p = schemas.notice.safeParse(m.payload);
    if (!p.success) return undefined;
    const who = ctx.roster.member(p.data.member);
    const view = {
      memberName: who?.name ?? p.data.member,
      memberOrg: who?.orgName ?? 'onbekend',
      caseRef: p.data.caseRef ?? null,
      aboutText: p.data.about ? (ABOUT[p.data.about] ?? null) : null,
    };
    return { card: noticeCard(view), summary: 'Iemand is niet bereikbaar via Teams' };
  }
  if (kind === 'digest') {
    const p = schemas.digest.safeParse(m.payload);
    if (!p.success) return undefined;
    return {
      card: digestCard({
        day: p.data.day,
        lines: p.data.items.map((i) => ({ caseRef: i.caseRef, line: digestLine(ctx, i) })),
      }),
      summary: 'Jouw open punten van vandaag',
    };
  }
  return undefined;
}
