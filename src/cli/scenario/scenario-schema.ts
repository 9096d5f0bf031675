import { z } from 'zod';
import {
  CASE_STAGES,
  ESCALATION_TRIGGERS,
  HANDOVER_MOMENTS,
  MEASURES,
  ORG_TYPES,
  TIMER_IDS,
} from '../../domain/types.js';
import { CASE_EVENTS } from '../../domain/timer-rules.js';
import { BASIS_OPTIONS } from '../../domain/handover-templates.js';

// The scenario file contract of docs/scenario-format.md (format teammodel-scenario/1).

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected local time YYYY-MM-DDTHH:MM');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const label = z.string().min(1).max(64);
const memberId = z.string().min(1).max(64);

const base = { at: localDateTime, by: memberId, case: label };

export const ACTIONS = [
  'open_case',
  'add_member',
  'remove_member',
  'replace_member',
  'set_stage',
  'record_event',
  'start_handover',
  'check_item',
  'accept_handover',
  'raise_escalation',
  'record_decision',
  'withdraw_escalation',
  'acknowledge',
  'postpone',
  'report_acute_danger',
  'close_case',
  'set_absence',
  'reflect',
] as const;

export const stepSchemas = {
  open_case: z
    .object({
      ...base,
      do: z.literal('open_case'),
      municipality: z.string().min(1),
      stage: z.enum(CASE_STAGES).optional(),
    })
    .strict(),
  add_member: z
    .object({ ...base, do: z.literal('add_member'), member: memberId, reason: z.string().optional() })
    .strict(),
  remove_member: z
    .object({ ...base, do: z.literal('remove_member'), member: memberId, reason: z.string().optional() })
    .strict(),
  replace_member: z
    .object({
      ...base,
      do: z.literal('replace_member'),
      member: memberId,
      with: memberId,
      reason: z.string().optional(),
    })
    .strict(),
  set_stage: z.object({ ...base, do: z.literal('set_stage'), stage: z.enum(CASE_STAGES) }).strict(),
  record_event: z
    .object({
      ...base,
      do: z.literal('record_event'),
      event: z.enum(CASE_EVENTS),
      outcome: z.enum(['voluntary', 'report_back', 'investigation', 'approved', 'declined']).optional(),
      reportBackBy: localDate.optional(),
      measure: z.enum(MEASURES).optional(),
      months: z.number().int().min(1).max(120).optional(),
      member: memberId.optional(),
      parentsInformed: z.enum(['yes', 'no']).optional(),
      informedOn: localDate.optional(),
      until: localDate.optional(),
      reason: z.string().min(1).optional(),
      escalation: z.number().int().min(1).optional(),
    })
    .strict(),
  start_handover: z
    .object({
      ...base,
      do: z.literal('start_handover'),
      moment: z.enum(HANDOVER_MOMENTS),
      from: memberId,
      to: memberId,
    })
    .strict(),
  check_item: z
    .object({
      ...base,
      do: z.literal('check_item'),
      moment: z.enum(HANDOVER_MOMENTS),
      item: z.string().min(1),
      basis: z.enum(BASIS_OPTIONS).optional(),
      note: z.string().optional(),
    })
    .strict(),
  accept_handover: z.object({ ...base, do: z.literal('accept_handover'), moment: z.enum(HANDOVER_MOMENTS) }).strict(),
  raise_escalation: z
    .object({
      ...base,
      do: z.literal('raise_escalation'),
      trigger: z.enum(ESCALATION_TRIGGERS),
      question: z.string().min(1),
      orgs: z.array(z.enum(ORG_TYPES)).optional(),
    })
    .strict(),
  record_decision: z
    .object({
      ...base,
      do: z.literal('record_decision'),
      decision: z.string().min(1),
      owner: memberId,
      deadline: localDate,
      escalation: z.number().int().min(1).optional(),
      /** Whether the family was told of the decision: "yes" (with informedOn) or "no". */
      familyInformed: z.union([z.enum(['yes', 'no']), z.boolean()]).optional(),
      informedOn: localDate.optional(),
    })
    .strict(),
  withdraw_escalation: z
    .object({
      ...base,
      do: z.literal('withdraw_escalation'),
      reason: z.string().min(1),
      escalation: z.number().int().min(1).optional(),
    })
    .strict(),
  acknowledge: z.object({ ...base, do: z.literal('acknowledge'), timer: z.enum(TIMER_IDS) }).strict(),
  postpone: z
    .object({
      ...base,
      do: z.literal('postpone'),
      timer: z.enum(TIMER_IDS),
      until: localDate,
      reason: z.string().min(1),
    })
    .strict(),
  report_acute_danger: z.object({ ...base, do: z.literal('report_acute_danger') }).strict(),
  close_case: z.object({ ...base, do: z.literal('close_case'), reason: z.string().optional() }).strict(),
  set_absence: z
    .object({
      at: localDateTime,
      by: memberId,
      do: z.literal('set_absence'),
      member: memberId,
      from: localDate,
      until: localDate,
    })
    .strict(),
  reflect: z
    .object({
      ...base,
      do: z.literal('reflect'),
      reflection: z.string().min(1),
      escalation: z.number().int().min(1).optional(),
    })
    .strict(),
} satisfies Record<(typeof ACTIONS)[number], z.ZodTypeAny>;

export type ScenarioStep = z.infer<(typeof stepSchemas)[keyof typeof stepSchemas]>;

export const scenarioHeaderSchema = z
  .object({
    format: z.literal('teammodel-scenario/1'),
    name: z.string().max(200).optional(),
    timezone: z.string().default('Europe/Amsterdam'),
    until: localDate,
    roster: z.unknown(),
    steps: z.array(z.unknown()),
    /** Extension for catch-up tests: periods in which the bot is down (no ticks, no deliveries). */
    downtime: z.array(z.object({ from: localDateTime, to: localDateTime }).strict()).optional(),
    /** Extension: members who opted in to the daily digest. */
    digest: z.array(memberId).optional(),
  })
  .strict();

export type ScenarioHeader = z.infer<typeof scenarioHeaderSchema>;
