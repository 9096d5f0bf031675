import { z } from 'zod';
import { ESCALATION_LEVELS, type TimerId } from './types.js';

// Norms (domain.md §4.1): terms, owners and ladder lead times per timer, plus the escalation policy (§5).
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

export const OWNER_RULES = ['VT', 'RVDK', 'GI', 'recorder', 'coordinator', 'sender', 'decisionOwner'] as const;
export type OwnerRule = (typeof OWNER_RULES)[number];

const timerNormSchema = z
  .object({
    label: z.string().min(1).max(80),
    term: termSchema,
    owner: z.enum(OWNER_RULES),
    remind: z.boolean().default(true),
    /** Fixed lead times in working days; absent = the formula of domain.md §4.1. */
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
      .strict(),
    escalation: escalationPolicySchema,
    digest: z.object({ defaultOn: z.boolean() }).strict().default({ defaultOn: false }),
    retentionMonths: z.number().int().min(1).max(240).default(12),
  })
  .strict();

export type Norms = z.infer<typeof normsSchema>;

export function normFor(norms: Norms, timer: TimerId): TimerNorm {
  return norms.timers[timer];
}
