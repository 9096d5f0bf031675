import { z } from 'zod';
import { ESCALATION_LEVELS, type TimerId } from './types.js';

// Norms (docs/behaviour.md, Working days and office hours): terms, owners and ladder lead times per timer, plus the escalation policy (§5).
// The defaults live in db/seed/norms.json; a pilot points NORMS_FILE at its own file.

const termSchema = z.union([
  z.object({ workingDays: z.number().int().min(1).max(260) }).strict(),
  z.object({ days: z.number().int().min(1).max(3660) }).strict(),
  z.object({ weeks: z.number().int().min(1).max(520) }).strict(),
  z.object({ months: z.number().int().min(1).max(120) }).strict(),
  /** Due a number of weeks before the measure ends (T8). */
  z.object({ weeksBeforeMeasureEnd: z.number().int().min(1).max(52) }).strict(),
  /** Due when the measure ends (T9). */
  z.object({ measureEnd: z.literal(true) }).strict(),
]);
export type Term = z.infer<typeof termSchema>;

/**
 * Older norms files name an owner per timer. Who owns a term is part of the team model's contract
 * (docs/behaviour.md, Owners), not a pilot setting, so the field is still accepted but no longer read.
 */
const LEGACY_OWNER_RULES = ['VT', 'RVDK', 'GI', 'recorder', 'coordinator', 'sender', 'decisionOwner'] as const;

const timerNormSchema = z
  .object({
    label: z.string().min(1).max(80),
    term: termSchema,
    owner: z.enum(LEGACY_OWNER_RULES).optional(),
    remind: z.boolean().default(true),
    /** Fixed lead times in working days; absent = the formula of docs/behaviour.md, Timers. */
    remindBefore: z.number().int().min(1).max(60).optional(),
    escalateAfter: z.number().int().min(1).max(60).optional(),
  })
  .strict();
export type TimerNorm = z.infer<typeof timerNormSchema>;

const levelNumbers = z
  .object({
    L0: z.number().int().min(1).max(60),
    L1: z.number().int().min(1).max(60),
    L2: z.number().int().min(1).max(60),
    L3: z.number().int().min(1).max(60),
  })
  .strict();

export const escalationPolicySchema = z
  .object({
    /** Response time per level in working days, counted from the day the level was raised. */
    responseWorkingDays: levelNumbers,
    /** Working days between the reminder and the automatic raise of the next level (L0→L1, L1→L2 only). */
    advanceAfterReminderWorkingDays: z.number().int().min(1).max(60),
    autoAdvance: z.array(z.enum(ESCALATION_LEVELS)).default(['L0', 'L1']),
  })
  .strict();
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

const timerIds = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'T13',
  'DECISION',
] as const;

/** Terms added on 2026-12-02: a norms file written before them gets these defaults. */
const LATER_TIMERS = {
  T15: { label: 'Antwoord op een consultatie', term: { workingDays: 3 }, remind: true },
  T16: { label: 'Besluit gemeente over voorgestelde jeugdhulp', term: { workingDays: 5 }, remind: true },
} as const;

/** Who holds regie (casusregie) under a court measure once a jeugdbeschermer is assigned: GI (default) or LT. */
const coordinatorUnderMeasure = z.enum(['GI', 'LT']);
export type CoordinatorUnderMeasure = z.infer<typeof coordinatorUnderMeasure>;

export const normsSchema = z
  .object({
    format: z.literal('teammodel-norms/1'),
    version: z.string().min(1),
    officeHours: z
      .object({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      })
      .strict()
      .refine((o) => o.start < o.end, 'start must be before end'),
    closureDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
    ladder: z
      .object({
        remindBefore: z
          .object({ divisor: z.number().int().min(1), min: z.number().int().min(1), max: z.number().int().min(1) })
          .strict(),
        escalateAfter: z
          .object({ divisor: z.number().int().min(1), min: z.number().int().min(1), max: z.number().int().min(1) })
          .strict(),
      })
      .strict(),
    postpone: z
      .object({ maxWorkingDays: z.number().int().min(1).max(60), ownerTimes: z.number().int().min(0).max(10) })
      .strict(),
    timers: z
      .object(
        Object.fromEntries(timerIds.map((id) => [id, timerNormSchema])) as Record<
          (typeof timerIds)[number],
          typeof timerNormSchema
        >,
      )
      .extend({
        T15: timerNormSchema.default(LATER_TIMERS.T15),
        T16: timerNormSchema.default(LATER_TIMERS.T16),
      })
      .strict(),
    coordinatorUnderMeasure: coordinatorUnderMeasure.default('GI'),
    /** Per-municipality settings, e.g. `{"Renkum": {"coordinatorUnderMeasure": "LT"}}` ("de casus blijft bij de coach"). */
    municipalities: z
      .record(z.string().min(1), z.object({ coordinatorUnderMeasure: coordinatorUnderMeasure.optional() }).strict())
      .default({}),
    escalation: escalationPolicySchema,
    digest: z.object({ defaultOn: z.boolean() }).strict().default({ defaultOn: false }),
    retentionMonths: z.number().int().min(1).max(240).default(12),
  })
  .strict();

export type Norms = z.infer<typeof normsSchema>;

export function normFor(norms: Norms, timer: TimerId): TimerNorm {
  return norms.timers[timer];
}

/** The municipality's own setting, else the norms file's, else GI. */
export function coordinatorUnderMeasureIn(norms: Norms, municipality: string): CoordinatorUnderMeasure {
  const own = Object.entries(norms.municipalities).find(([name]) => name.toLowerCase() === municipality.toLowerCase());
  return own?.[1].coordinatorUnderMeasure ?? norms.coordinatorUnderMeasure;
}
