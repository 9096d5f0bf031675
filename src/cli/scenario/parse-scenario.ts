import type { ZodIssue } from 'zod';
import { parseRoster, type Roster } from '../../domain/roster.js';
import { isLocalDate } from '../../domain/local-date.js';
import {
  ACTIONS,
  scenarioHeaderSchema,
  stepSchemas,
  type ScenarioHeader,
  type ScenarioStep,
} from './scenario-schema.js';

export interface Scenario extends Omit<ScenarioHeader, 'steps' | 'roster'> {
  roster: Roster;
  steps: ScenarioStep[];
}

function pathOf(prefix: string, path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), prefix);
}

function describe(prefix: string, i: ZodIssue): string {
  if (i.code === 'unrecognized_keys')
    return `${pathOf(prefix, i.path)}: unknown field ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${pathOf(prefix, i.path)}: ${i.message}`;
}

/** Validates a scenario file; every problem names its field by path (docs/scenario-format.md), e.g. `steps[3].do: unknown action "asign"`. */
export function parseScenario(input: unknown): { scenario: Scenario } | { problems: string[] } {
  const header = scenarioHeaderSchema.safeParse(input);
  if (!header.success) return { problems: header.error.issues.map((i) => describe('', i)) };
  const h = header.data;
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: h.timezone });
  } catch {
    problems.push(`timezone: unknown time zone "${h.timezone}"`);
  }
  if (!isLocalDate(h.until)) problems.push('until: not a calendar date');
  const rosterResult = parseRoster(h.roster);
  if ('problems' in rosterResult) problems.push(...rosterResult.problems.map((p) => `roster.${p.path}: ${p.message}`));
  const roster = 'roster' in rosterResult ? rosterResult.roster : undefined;
  const steps: ScenarioStep[] = [];
  h.steps.forEach((raw, n) => {
    const prefix = `steps[${n}]`;
    const action = (raw as { do?: unknown } | null)?.do;
    if (typeof raw !== 'object' || raw === null) return problems.push(`${prefix}: expected an object`);
    if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
      return problems.push(`${prefix}.do: unknown action ${JSON.stringify(action ?? null)}`);
    }
    const parsed = stepSchemas[action as keyof typeof stepSchemas].safeParse(raw);
    if (!parsed.success) return problems.push(...parsed.error.issues.map((i) => describe(prefix, i)));
    const step = parsed.data as ScenarioStep;
    if (!isLocalDate(step.at.slice(0, 10))) problems.push(`${prefix}.at: not a calendar date`);
    if (roster) {
      const field = (name: string) => (step as Record<string, unknown>)[name] as string | undefined;
      const ids: Array<[string, string | undefined]> = [
        ['by', step.by],
        ['member', field('member')],
        ['with', field('with')],
        ['owner', field('owner')],
        // set_absence's from/until are dates; a handover's from/to are people.
        ...(step.do === 'start_handover'
          ? ([
              ['from', step.from],
              ['to', step.to],
            ] as Array<[string, string]>)
          : []),
      ];
      for (const [field, id] of ids)
        if (id !== undefined && !roster.member(id)) problems.push(`${prefix}.${field}: unknown member "${id}"`);
    }
    if (n > 0 && steps.length === n && step.at < steps[n - 1]!.at)
      problems.push(`${prefix}.at: steps must be in time order`);
    steps.push(step);
  });
  (h.digest ?? []).forEach((id, n) => {
    if (roster && !roster.member(id)) problems.push(`digest[${n}]: unknown member "${id}"`);
  });
  (h.downtime ?? []).forEach((d, n) => {
    if (d.to <= d.from) problems.push(`downtime[${n}].to: must be after from`);
  });
  if (problems.length > 0 || !roster) return { problems };
  return { scenario: { ...h, roster, steps } };
}
