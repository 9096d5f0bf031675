import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { digestItemsStillFor, mayReceive } from '../../../app/may-receive.js';
import {
  TEAM_SUBJECTS,
  type DigestItem,
  type Notification,
  type NotificationKind,
} from '../../../app/notifications.js';
import type { OutboundMessage } from '../../../app/ports.js';
import { teamsIdentitiesOf } from '../../../app/reachability.js';
import { weeklyCasesOf } from '../../../app/run-weekly.js';
import { HANDOVER_MOMENTS, TIMER_IDS, TIMER_STEPS, type HandoverMoment, type Member } from '../../../domain/types.js';
import { CRISIS_ROUTES } from '../../../app/escalations/report-acute-danger.js';
import { acuteViewFor } from '../acute/acute-view-for.js';
import { escalationCopyKey } from '../escalation/escalation-card-copies.js';
import { escalationViewFor } from '../escalation/escalation-view-for.js';
import { handoverCopyKey } from '../handover/handover-card-copies.js';
import { handoverViewFor } from '../handover/handover-view-for.js';
import { nudgeViewFor } from '../nudge/nudge-view-for.js';
import { teamMessageViewFor } from '../team/team-message-view-for.js';
import { acuteCard, acuteFollowupCard, acutePickedUpCard } from '../acute/acute-card.js';
import { dutchDate, dutchDateLong, LEVEL_LABELS, type AdaptiveCard } from './card-kit.js';
import { caseThreadCard } from '../case/case-thread-card.js';
import { digestCard } from '../pilot/digest-card.js';
import { escalationCard } from '../escalation/escalation-card.js';
import { handoverCard } from '../handover/handover-card.js';
import { noticeCard } from './notice-card.js';
import { nudgeCard } from '../nudge/nudge-card.js';
import { teamMessageCard } from '../team/team-message-card.js';
import { MAX_WEEKLY_CASES, weeklyCard } from '../pilot/weekly-card.js';

// One renderer per kind of notification (app/notifications.ts), for one recipient; the compiler checks that every
// kind has one. Payloads are our own JSON from the outbox, still checked with zod: a row written by an older version
// must not crash delivery. Cards show the current state where the store has it, and a message that no longer concerns
// the recipient (they left the case; its term was completed meanwhile) is not sent.

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

type Rendered = RenderedMessage | ObsoleteMessage | undefined;
type Renderer = (ctx: AppContext, payload: unknown, recipient: Member) => Rendered;

const ref = z.string().min(1);
const id = z.number().int();
const aboutCase = { caseId: id, caseRef: ref };

const ABOUT: Partial<Record<NotificationKind, string>> = {
  nudge: 'een herinnering',
  escalation: 'een escalatie',
  escalation_reminder: 'een escalatie',
  handover: 'een warme overdracht',
  team: 'een bericht aan het casusteam',
  acute: 'een acute melding',
  acute_followup: 'de vraag na een acute melding',
  weekly: 'het weekoverzicht',
  digest: 'het dagoverzicht',
  acute_update: 'een bericht over wie de acute melding oppakt',
};

/** A checklist item's text in a digest line: the first words, so that a digest of 30 cases stays readable (and small). */
const SHORT_ITEM = 70;
const shortItem = (label: string) =>
  label.length > SHORT_ITEM ? `${label.slice(0, SHORT_ITEM - 1).trimEnd()}…` : label;

/** "warme overdracht Raad → GI: nog 3 punten af te vinken, waaronder „…“ en „…“": items by their text, never codes. */
function handoverDigestLine(ctx: AppContext, moment: unknown, open: unknown): string {
  const known = (HANDOVER_MOMENTS as readonly unknown[]).includes(moment) ? (moment as HandoverMoment) : undefined;
  const items = known ? ctx.handoverTemplates.itemsFor(known) : [];
  const ids = Array.isArray(open) ? open.filter((x): x is string => typeof x === 'string') : [];
  const labels = ids.map((id) => items.find((i) => i.id === id)?.label).filter((l): l is string => l !== undefined);
  const what = known ? `warme overdracht ${ctx.handoverTemplates.momentLabel(known)}` : 'warme overdracht';
  const count = `nog ${ids.length} ${ids.length === 1 ? 'punt' : 'punten'} af te vinken`;
  if (labels.length === 0) return `${what}: ${count}`;
  const quoted = labels.slice(0, 2).map((l) => `„${shortItem(l)}”`);
  const among = ids.length > quoted.length ? ', waaronder ' : ': ';
  return `${what}: ${count}${among}${quoted.join(' en ')}`;
}

function digestLine(ctx: AppContext, item: Record<string, unknown>): string {
  const labelOf = (timer: unknown) =>
    typeof timer === 'string' && timer in ctx.norms.timers
      ? ctx.norms.timers[timer as keyof typeof ctx.norms.timers].label
      : String(timer);
  const due = typeof item.dueDate === 'string' ? dutchDate(item.dueDate) : '?';
  if (item.type === 'timer') return `${labelOf(item.timer)}, uiterlijk ${due}`;
  if (item.type === 'late') {
    const owner = typeof item.owner === 'string' ? (ctx.roster.member(item.owner)?.name ?? item.owner) : 'niemand';
    return `${labelOf(item.timer)} is verlopen (uiterlijk ${due}); eigenaar ${owner}`;
  }
  if (item.type === 'handover') return handoverDigestLine(ctx, item.moment, item.open);
  const level = String(item.level);
  return `${item.confidential === true ? 'vertrouwelijke escalatie' : 'escalatie'} ${String(item.escalation)} op ${level in LEVEL_LABELS ? LEVEL_LABELS[level as keyof typeof LEVEL_LABELS] : level}`;
}

/** The digest card of a day's items: the one the outbox delivers, and the preview the `digest` command shows. */
export function digestCardFor(
  ctx: AppContext,
  day: string,
  items: ReadonlyArray<{ caseRef: string } & Record<string, unknown>>,
  options: { preview?: boolean } = {},
): AdaptiveCard {
  const lines = items.map((i) => ({ caseRef: i.caseRef, line: digestLine(ctx, i) }));
  return digestCard({ day, lines, ...(options.preview ? { preview: true } : {}) });
}

/** Parses with `schema`, then renders; a payload that does not parse renders nothing (the delivery fails for good). */
const from =
  <S extends z.ZodTypeAny>(
    schema: S,
    render: (ctx: AppContext, p: z.output<S>, recipient: Member) => Rendered,
  ): Renderer =>
  (ctx, payload, recipient) => {
    const p = schema.safeParse(payload);
    return p.success ? render(ctx, p.data as z.output<S>, recipient) : undefined;
  };

const nudge = from(
  z.object({ ...aboutCase, timerId: id, timer: z.enum(TIMER_IDS), step: z.enum(TIMER_STEPS), timerLabel: z.string() }),
  (ctx, p, recipient) => {
    const view = nudgeViewFor(ctx, p, undefined, recipient.id);
    if (!view) return undefined;
    // A nudge about a term that was completed (or stopped) before it could be delivered would only confuse.
    if (view.state !== 'open') return { obsolete: 'de termijn loopt niet meer' };
    const what = view.audience === 'status' ? 'Verlopen' : 'Termijn';
    return { card: nudgeCard(view), summary: `${what} ${p.timerLabel}: casus ${p.caseRef}` };
  },
);

const escalation = (reminder: boolean) =>
  from(
    z.object({
      ...aboutCase,
      escalationId: id,
      joinedTimer: z.enum(TIMER_IDS).optional(),
      expertTeam: z.literal(true).optional(),
    }),
    (ctx, p, recipient) => {
      const e = ctx.store.escalations.byId(p.escalationId);
      if (!e) return undefined;
      const joined = p.joinedTimer ? ctx.norms.timers[p.joinedTimer].label : undefined;
      const notice = joined
        ? `Er is een termijn bijgekomen in deze escalatie: ${joined}.`
        : p.expertTeam
          ? `Je bent als Regionaal Expertteam ingeschakeld bij deze escalatie (${LEVEL_LABELS[e.level]}). Je neemt deel tot er een besluit is.`
          : undefined;
      return {
        card: escalationCard(escalationViewFor(ctx, e, recipient, { reminder, ...(notice ? { notice } : {}) })),
        summary: `Escalatie: casus ${p.caseRef}`,
        copyKey: escalationCopyKey(e.id, recipient.id),
      };
    },
  );

const RENDERERS: Record<NotificationKind, Renderer> = {
  nudge,
  escalation: escalation(false),
  escalation_reminder: escalation(true),
  handover: from(z.object({ ...aboutCase, handoverId: id }), (ctx, p, recipient) => {
    const h = ctx.store.handovers.byId(p.handoverId);
    if (!h) return undefined;
    return {
      card: handoverCard(handoverViewFor(ctx, h, recipient.id)),
      summary: `Warme overdracht: casus ${p.caseRef}`,
      copyKey: handoverCopyKey(h.id, recipient.id),
    };
  }),
  team: from(
    z.object({ ...aboutCase, subject: z.enum(TEAM_SUBJECTS), actor: z.string() }).passthrough(),
    (ctx, p, recipient) => {
      const view = teamMessageViewFor(ctx, p as never, recipient);
      return view ? { card: teamMessageCard(view), summary: `Casusteam: casus ${p.caseRef}` } : undefined;
    },
  ),
  acute: from(z.object({ ...aboutCase, acuteId: id }), (ctx, p) => {
    const report = ctx.store.acute.byId(p.acuteId);
    if (!report) return undefined;
    return { card: acuteCard(acuteViewFor(ctx, p.caseRef, report)), summary: `ACUUT: casus ${p.caseRef}` };
  }),
  acute_update: from(z.object({ ...aboutCase, pickedUpBy: z.string() }), (ctx, p) => {
    const who = ctx.roster.member(p.pickedUpBy);
    return {
      card: acutePickedUpCard({ caseRef: p.caseRef, who: who ? `${who.name} (${who.orgName})` : p.pickedUpBy }),
      summary: `Acute melding opgepakt: casus ${p.caseRef}`,
    };
  }),
  acute_followup: from(z.object({ ...aboutCase, acuteId: id }), (ctx, p) => {
    const report = ctx.store.acute.byId(p.acuteId);
    if (!report) return undefined;
    return {
      card: acuteFollowupCard({
        caseRef: p.caseRef,
        acuteId: report.id,
        reportedOn: dutchDateLong(ctx.calendar.localDate(report.reportedAt)),
        answered: null,
      }),
      summary: `Na de acute melding: casus ${p.caseRef}`,
    };
  }),
  weekly: from(z.object({ monday: z.string() }), (ctx, p, recipient) => {
    const today = ctx.calendar.localDate(ctx.clock.now());
    const all = weeklyCasesOf(ctx, recipient, today);
    if (all.length === 0) return { obsolete: 'niets meer te melden' };
    const cases = all.slice(0, MAX_WEEKLY_CASES).map(({ caseId, concerns }) => {
      const c = ctx.store.cases.byId(caseId)!;
      return {
        caseRef: c.ref,
        municipality: c.municipality,
        concerns: [
          ...(concerns.waitingForJeugdbeschermer ? ['wacht op een jeugdbeschermer'] : []),
          ...concerns.late.map(
            (t) =>
              `${ctx.norms.timers[t as keyof typeof ctx.norms.timers]?.label ?? t}: meer dan 10 werkdagen verlopen`,
          ),
          ...(concerns.escalations > 0
            ? [`${concerns.escalations} ${concerns.escalations === 1 ? 'escalatie' : 'escalaties'} op L2 of hoger`]
            : []),
        ],
      };
    });
    return { card: weeklyCard({ monday: p.monday, cases, total: all.length }), summary: 'Weekoverzicht van je pilot' };
  }),
  digest: from(
    z.object({
      day: z.string(),
      items: z.array(z.object({ type: z.string(), caseId: id, caseRef: ref }).passthrough()),
    }),
    // Only the items still the recipient's when it goes out (mayReceive has checked that some are left).
    (ctx, p, recipient) => ({
      card: digestCardFor(ctx, p.day, digestItemsStillFor(ctx, p.items as unknown as DigestItem[], recipient)),
      summary: 'Jouw open punten van vandaag',
    }),
  ),
  notice: from(
    z.object({
      member: z.string(),
      caseRef: ref.nullable().optional(),
      about: z.string().nullable().optional(),
      postedInThread: z.boolean().optional(),
    }),
    (ctx, p) => {
      const who = ctx.roster.member(p.member);
      const view = {
        memberName: who?.name ?? p.member,
        memberOrg: who?.orgName ?? 'onbekend',
        caseRef: p.caseRef ?? null,
        aboutText: p.about ? (ABOUT[p.about as NotificationKind] ?? null) : null,
        acute: p.about === 'acute',
        postedInThread: p.postedInThread === true,
      };
      return { card: noticeCard(view), summary: 'Iemand is niet bereikbaar via Teams' };
    },
  ),
  // Posted in the case's thread, not in the recipient's chat (create-teams-sender.ts): the person is mentioned.
  case_thread: from(
    z.object({ ...aboutCase, member: z.string(), about: z.string(), acuteId: id.optional() }),
    (ctx, p, recipient) => {
      const report = p.about === 'acute' && p.acuteId !== undefined ? ctx.store.acute.byId(p.acuteId) : undefined;
      const reporter = report ? ctx.roster.member(report.reportedBy) : undefined;
      return {
        card: caseThreadCard({
          caseRef: p.caseRef,
          memberName: recipient.name,
          mentionId: teamsIdentitiesOf(ctx, recipient)[0] ?? recipient.upn,
          aboutText: ABOUT[p.about as NotificationKind] ?? 'een bericht',
          ...(report
            ? {
                acute: {
                  reportedBy: reporter ? `${reporter.name} (${reporter.orgName})` : report.reportedBy,
                  crisisRoutes: CRISIS_ROUTES,
                },
              }
            : {}),
        }),
        summary: `Niet persoonlijk bezorgd: casus ${p.caseRef}`,
      };
    },
  ),
};

export function renderOutbound(ctx: AppContext, m: OutboundMessage, recipient: Member): Rendered {
  const render = RENDERERS[m.kind as NotificationKind] as Renderer | undefined;
  if (!render) return undefined;
  const payload = m.payload as unknown as Notification;
  if (payload.kind === m.kind && !mayReceive(ctx, payload, recipient.id))
    return { obsolete: 'de ontvanger is niet meer bij de casus betrokken' };
  return render(ctx, m.payload, recipient);
}
