import { z } from 'zod';
import { HANDOVER_MOMENTS, type HandoverMoment } from './types.js';

// Warm-handover checklists (docs/behaviour.md, Handovers): the common items C1–C7 plus each moment's own items.

const itemSchema = z
  .object({
    id: z.string().regex(/^(C[1-7]|H[1-9]\.\d{1,2})$/, 'item ids are C1…C7 or H<moment>.<n>'),
    label: z.string().min(1).max(200),
    required: z.boolean(),
    owner: z.enum(['sender', 'receiver', 'both']),
  })
  .strict();

const momentSchema = z.object({ label: z.string().min(1), items: z.array(itemSchema) }).strict();

export const handoverTemplatesSchema = z
  .object({
    format: z.literal('teammodel-handover-templates/1'),
    version: z.string().min(1),
    common: z.array(itemSchema).length(7),
    moments: z
      .record(z.enum(HANDOVER_MOMENTS), momentSchema)
      .refine((m) => HANDOVER_MOMENTS.every((k) => k in m), 'every moment H1…H9 needs a checklist'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const ids = t.common.map((c) => c.id);
    ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].forEach((id, i) => {
      if (ids[i] !== id) ctx.addIssue({ code: 'custom', path: ['common', i, 'id'], message: `expected ${id}` });
    });
    for (const must of ['C2', 'C3']) {
      const item = t.common.find((c) => c.id === must);
      if (item && !item.required)
        ctx.addIssue({
          code: 'custom',
          path: ['common', ids.indexOf(must), 'required'],
          message: `${must} is always required (docs/behaviour.md, Handovers)`,
        });
    }
    for (const m of HANDOVER_MOMENTS) {
      const items = (t.moments as Record<string, { items: Array<{ id: string }> }>)[m]?.items ?? [];
      items.forEach((it, i) => {
        if (!it.id.startsWith(`${m}.`))
          ctx.addIssue({
            code: 'custom',
            path: ['moments', m, 'items', i, 'id'],
            message: `items of ${m} are named ${m}.<n>`,
          });
      });
    }
  });

export type ChecklistItem = z.infer<typeof itemSchema>;
export interface HandoverTemplates {
  version: string;
  itemsFor(moment: HandoverMoment): ChecklistItem[];
  momentLabel(moment: HandoverMoment): string;
}

export function parseHandoverTemplates(input: unknown): { templates: HandoverTemplates } | { problems: string[] } {
  const parsed = handoverTemplatesSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const t = parsed.data;
  const moments = t.moments as Record<HandoverMoment, { label: string; items: ChecklistItem[] }>;
  return {
    templates: {
      version: t.version,
      itemsFor: (m) => [...t.common, ...moments[m].items],
      momentLabel: (m) => moments[m].label,
    },
  };
}

export const BASIS_OPTIONS = ['consent', 'statutory_task', 'conflict_of_duties'] as const;
export type SharingBasis = (typeof BASIS_OPTIONS)[number];
export const BASIS_LABELS: Record<SharingBasis, string> = {
  consent: 'toestemming',
  statutory_task: 'wettelijke taak',
  conflict_of_duties: 'conflict van plichten',
};
