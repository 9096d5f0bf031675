import { deliverOutbox } from '../../app/deliver-outbox.js';
import type { MessageSender, OutboundMessage } from '../../app/ports.js';
import { runTick } from '../../app/run-tick.js';
import { openDatabase } from '../../adapters/sqlite/open-database.js';
import { createAppContext } from '../../create-app-context.js';
import { DomainError } from '../../domain/domain-error.js';
import { addDays } from '../../domain/local-date.js';
import type { Norms } from '../../domain/norms.js';
import { formatInstant, fromWallClock, parseHhMm } from '../../domain/zoned-time.js';
import type { Scenario } from './parse-scenario.js';
import { runScenarioStep } from './run-scenario-step.js';

const MINUTE = 60_000;

export interface ReplayResult {
  lines: string[];
  errors: string[];
}

export function localInstant(local: string, timezone: string): number {
  const [date, time] = local.split('T') as [string, string];
  const [h, m, s] = time.split(':').map(Number) as [number, number, number?];
  return fromWallClock(date, h * 60 + m, timezone) + (s ?? 0) * 1000;
}

/**
 * Replays a scenario on a simulated clock against a fresh database with the real migrations, through the same use
 * cases, scheduler tick, outbox and delivery code as the bot; a recording sender stands in for Teams.
 * The clock moves one production tick (a minute) at a time during office hours and jumps over nights, weekends and
 * holidays; scenario steps run at their own time, also at night.
 */
export async function replayScenario(s: Scenario, norms: Norms): Promise<ReplayResult> {
  const database = openDatabase(':memory:');
  let now = 0;
  const ctx = createAppContext({ database, roster: s.roster, norms, timezone: s.timezone, clock: { now: () => now } });
  for (const id of s.digest ?? []) ctx.store.preferences.setDigest(id, true);
  const tz = s.timezone;
  const officeEndMinutes = parseHhMm(norms.officeHours.end)!;
  const lines: string[] = [];
  const errors: string[] = [];
  const labels = new Map<number, string>();
  const refs = new Map<string, string>();

  const delivered: Array<{ outboxId: number; at: number; payload: Record<string, unknown> }> = [];
  const sender: MessageSender = {
    async send(m: OutboundMessage) {
      if (!delivered.some((d) => d.outboxId === m.outboxId))
        delivered.push({ outboxId: m.outboxId, at: now, payload: m.payload });
      return { kind: 'sent' };
    },
  };
  const drain = async () => {
    await deliverOutbox(ctx, {
      sender,
      sleep: async () => {},
      perRecipientGapMs: 0,
      globalGapMs: 0,
      maxAttempts: 8,
      random: () => 0.5,
    });
    for (const d of delivered.splice(0)) {
      const line = toLine(d.payload, d.at, labels, tz, ctx.store.outbox.recipientsOf(d.outboxId));
      if (line) lines.push(line);
    }
  };

  const stepAt = s.steps.map((st) => localInstant(st.at, tz));
  const end = fromWallClock(addDays(s.until, 1), 0, tz) - 1;
  const downtime = (s.downtime ?? []).map((d) => ({ from: localInstant(d.from, tz), to: localInstant(d.to, tz) }));
  const downUntil = (t: number) => downtime.find((d) => d.from <= t && t < d.to)?.to;

  // The clock moves one production tick (a minute) at a time inside office hours. A tick whose work is provably empty
  // (no timer step, escalation action or delivery due before `nextWork`) is skipped: running it would change nothing.
  const nextWorkAt = () =>
    Math.min(
      ctx.store.timers.nextStepAt() ?? Infinity,
      ctx.store.escalations.nextActionAt() ?? Infinity,
      ctx.store.acute.nextFollowupAt() ?? Infinity,
      ctx.store.outbox.nextAttemptAt() ?? Infinity,
    );
  let nextWork = -Infinity;
  let officeEnd = -Infinity; // end of the office day the clock is in
  let i = 0;
  now = stepAt[0] ?? end + 1;
  try {
    while (now <= end) {
      const down = downUntil(now);
      const officeDayStart = now >= officeEnd && ctx.calendar.isOfficeTime(now);
      if (officeDayStart)
        officeEnd =
          ctx.calendar.officeStartOf(ctx.calendar.localDate(now)) +
          (officeEndMinutes - ctx.calendar.officeStartMinutes) * MINUTE;
      if (down === undefined && (now >= nextWork || officeDayStart)) {
        runTick(ctx, now); // every office day's first tick runs in full: the daily digest goes out then
        await drain();
        nextWork = nextWorkAt();
      }
      while (i < s.steps.length && stepAt[i]! <= now) {
        const step = s.steps[i]!;
        try {
          const ref = runScenarioStep(ctx, step, refs);
          if (step.do === 'open_case' && ref) labels.set(ctx.store.cases.byRef(ref)!.id, step.case);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          errors.push(`steps[${i}] (${step.do} at ${step.at}): ${err.userMessage} [${err.code}]`);
        }
        if (down === undefined) await drain();
        nextWork = nextWorkAt();
        i++;
      }
      let next = Math.floor(now / MINUTE) * MINUTE + MINUTE;
      const nextDown = downUntil(next);
      if (nextDown !== undefined) next = nextDown;
      else if (next >= officeEnd)
        next = ctx.calendar.isOfficeTime(next) ? next : ctx.calendar.nextOfficeStart(next - 1);
      if (i < s.steps.length && stepAt[i]! < next) next = Math.max(stepAt[i]!, now + 1);
      now = next;
    }
  } finally {
    database.close();
  }
  return { lines, errors };
}

/** Kinds the bot sends that are no part of the replay contract (notices about the bot itself, acute pick-ups). */
const NOT_REPLAYED: ReadonlySet<string> = new Set(['notice', 'acute_update']);

function toLine(
  p: Record<string, unknown>,
  at: number,
  labels: Map<number, string>,
  tz: string,
  to: string[],
): string | undefined {
  const kind = p.kind as string;
  if (NOT_REPLAYED.has(kind)) return undefined;
  const line: Record<string, unknown> = {
    at: formatInstant(at, tz),
    case: labels.get(p.caseId as number) ?? null,
    kind,
  };
  if (kind === 'nudge') Object.assign(line, { timer: p.timer, step: p.step });
  if (kind === 'escalation' || kind === 'escalation_reminder') {
    Object.assign(line, { level: p.level, trigger: p.trigger });
    if (typeof p.joinedTimer === 'string') line.timer = p.joinedTimer;
  }
  if (kind === 'handover') Object.assign(line, { moment: p.moment });
  if (kind === 'team') Object.assign(line, { subject: p.subject });
  if (kind === 'weekly') delete line.case; // about all cases of the coordinator's municipalities
  if (kind === 'digest') {
    delete line.case; // a digest spans cases: each item names its own
    const items = (p.items as Array<Record<string, unknown>>).map(({ caseId, caseRef: _ref, type, ...rest }) => ({
      case: labels.get(caseId as number) ?? null,
      type,
      ...rest,
    }));
    Object.assign(line, { items });
  }
  line.to = [...to].sort();
  return JSON.stringify(line);
}
