import { ESCALATION_LEVELS, ESCALATION_TRIGGERS, TIMER_IDS } from '../../domain/types.js';
import type { EscalationLevel, EscalationTrigger, MemberId, TimerId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import type { ClosedEscalationRow, LearningRepository } from '../store.js';
import { instantsOf, periodOf, requireLearningAccess, type Period } from './learning-access.js';
import { median } from '../../domain/kpis.js';

// `leren <gemeente> [van] [tot]`: the agenda of a local learning group (docs/behaviour.md, "Learning together"). It is
// anonymised: counts, medians and the participants' reflections without their author — never a case reference, a name,
// a question, a decision or anything else of a case's content. The escalations it is about are those of the
// municipality's cases that closed in the period.

export interface TriggerCount {
  trigger: EscalationTrigger;
  /** Raised by a person. */
  manual: number;
  /** Raised by the bot after a term ran out. */
  automatic: number;
}

export interface MissedNorm {
  timer: TimerId;
  label: string;
  /** How many times a term of this kind went overdue in the period. */
  times: number;
  cases: number;
}

export interface JbChanges {
  /** Cases of the municipality that had a jeugdbeschermer in the period. */
  cases: number;
  withoutChange: number;
  oneChange: number;
  moreChanges: number;
  /** All changes of jeugdbeschermer in the period. */
  changes: number;
}

export interface LearningAgenda extends Period {
  municipality: string;
  /** Whether worrying-conduct escalations are counted (a pilot coordinator's agenda; as numbers only). */
  withWorryingConduct: boolean;
  escalations: {
    closed: number;
    decided: number;
    /** Automatic escalations that ended by themselves when their terms ended. */
    selfResolved: number;
    withdrawn: number;
    perTrigger: TriggerCount[];
    /** The highest level each reached. */
    perLevel: Record<EscalationLevel, number>;
  };
  /** Working days from raising to the decision, over the decided escalations. */
  timeToDecision: { median: number | null; n: number };
  /** Newest first, each with its escalation's trigger only. */
  reflections: Array<{ trigger: EscalationTrigger; text: string }>;
  /** Most often missed first. */
  missedNorms: MissedNorm[];
  jbChanges: JbChanges;
}

export function learningAgenda(
  ctx: AppContext,
  input: { by: MemberId; municipality: string; from?: string; to?: string },
): LearningAgenda {
  const { actor, municipality } = requireLearningAccess(ctx, input.by, input.municipality);
  const period = periodOf(ctx, input.from, input.to);
  const span = instantsOf(ctx, period);
  // Worrying conduct stays within its own lead chain: only a pilot coordinator sees it, and then as a number.
  const withWorryingConduct = actor.role === 'pilot_coordinator';
  const closed = ctx.store.learning
    .closedEscalations(municipality, span.from, span.to)
    .filter((e) => withWorryingConduct || e.trigger !== 'NEGLIGENT_CONDUCT');
  return {
    municipality,
    ...period,
    withWorryingConduct,
    escalations: escalationCounts(closed),
    timeToDecision: timeToDecision(ctx, closed),
    reflections: reflectionsOn(ctx.store.learning, closed),
    missedNorms: missedNorms(ctx, municipality, span, withWorryingConduct),
    jbChanges: jbChanges(ctx.store.learning, municipality, span),
  };
}

function escalationCounts(closed: ClosedEscalationRow[]): LearningAgenda['escalations'] {
  const perLevel = Object.fromEntries(ESCALATION_LEVELS.map((l) => [l, 0])) as Record<EscalationLevel, number>;
  for (const e of closed) if (e.level in perLevel) perLevel[e.level as EscalationLevel] += 1;
  return {
    closed: closed.length,
    decided: closed.filter((e) => e.decided).length,
    selfResolved: closed.filter((e) => e.state === 'resolved' && !e.decided).length,
    withdrawn: closed.filter((e) => e.state === 'withdrawn').length,
    perTrigger: ESCALATION_TRIGGERS.map((trigger) => {
      const of = closed.filter((e) => e.trigger === trigger);
      return {
        trigger,
        manual: of.filter((e) => e.source !== 'timer').length,
        automatic: of.filter((e) => e.source === 'timer').length,
      };
    }).filter((t) => t.manual + t.automatic > 0),
    perLevel,
  };
}

function timeToDecision(ctx: AppContext, closed: ClosedEscalationRow[]): LearningAgenda['timeToDecision'] {
  const date = (at: number) => ctx.calendar.localDate(at);
  const days = closed
    .filter((e) => e.decided)
    .map((e) => ctx.calendar.workingDaysBetween(date(e.raisedAt), date(e.closedAt)));
  return { median: median(days), n: days.length };
}

function reflectionsOn(learning: LearningRepository, closed: ClosedEscalationRow[]): LearningAgenda['reflections'] {
  const triggerOf = new Map(
    closed.filter((e) => e.state === 'resolved' && e.trigger !== 'NEGLIGENT_CONDUCT').map((e) => [e.id, e.trigger]),
  );
  return learning
    .reflectionTexts([...triggerOf.keys()])
    .map((r) => ({ trigger: triggerOf.get(r.escalationId) as EscalationTrigger, text: r.text }));
}

function missedNorms(
  ctx: AppContext,
  municipality: string,
  span: { from: number; to: number },
  withWorryingConduct: boolean,
): MissedNorm[] {
  const order = (t: string) => (TIMER_IDS as readonly string[]).indexOf(t);
  const timers = ctx.norms.timers as Record<string, { label: string } | undefined>;
  return ctx.store.learning
    .overdueTerms(municipality, span.from, span.to, withWorryingConduct)
    .map((r) => ({
      timer: r.timer as TimerId,
      label: timers[r.timer]?.label ?? r.timer,
      times: r.cycles,
      cases: r.cases,
    }))
    .sort((a, b) => b.times - a.times || b.cases - a.cases || order(a.timer) - order(b.timer));
}

/**
 * Changes of jeugdbeschermer per case. A case's jeugdbeschermer is whoever `jeugdbeschermer_assigned` named last, or
 * the GI professional who took over from them in a replacement (joined at the instant the other left); a change is a
 * new jeugdbeschermer after the first. Counted in the period, over the cases that had a jeugdbeschermer in it.
 */
function jbChanges(learning: LearningRepository, municipality: string, span: { from: number; to: number }): JbChanges {
  const result: JbChanges = { cases: 0, withoutChange: 0, oneChange: 0, moreChanges: 0, changes: 0 };
  for (const c of learning.jeugdbeschermerHistory(municipality)) {
    const first = c.assignments[0];
    if (!first || first.at >= span.to || (c.closedAt !== null && c.closedAt < span.from)) continue;
    type Step = { at: number; to: MemberId; from?: MemberId };
    const steps: Step[] = [
      ...c.assignments.map((a) => ({ at: a.at, to: a.member })),
      ...c.giMemberships.flatMap((m): Step[] => {
        const successor =
          m.leftAt === null
            ? undefined
            : c.giMemberships.find((s) => s.joinedAt === m.leftAt && s.memberId !== m.memberId);
        return successor && m.leftAt !== null ? [{ at: m.leftAt, from: m.memberId, to: successor.memberId }] : [];
      }),
    ].sort((a, b) => a.at - b.at);
    let current: MemberId | undefined;
    let changes = 0;
    for (const s of steps) {
      if (s.from !== undefined && s.from !== current) continue; // a GI colleague replaced, not the jeugdbeschermer
      if (current !== undefined && s.to !== current && s.at >= span.from && s.at < span.to) changes += 1;
      current = s.to;
    }
    result.cases += 1;
    result.changes += changes;
    if (changes === 0) result.withoutChange += 1;
    else if (changes === 1) result.oneChange += 1;
    else result.moreChanges += 1;
  }
  return result;
}
