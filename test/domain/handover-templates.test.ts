import { describe, it, expect } from 'vitest';
import {
  BASIS_LABELS,
  BASIS_OPTIONS,
  handoverTemplatesSchema,
  parseHandoverTemplates,
  type HandoverTemplates,
} from '../../src/domain/handover-templates.js';
import { HANDOVER_MOMENTS, type HandoverMoment } from '../../src/domain/types.js';
import { readSeed } from './builders.js';

// docs/behaviour.md "Warm-handover checklists": common items C1–C7 for every handover, plus extra items per moment.

type Json = Record<string, unknown> & {
  common: Array<Record<string, unknown>>;
  moments: Record<string, { label: string; items: Array<Record<string, unknown>> }>;
};
const seed = () => structuredClone(readSeed('handover-templates.json')) as Json;

const templates = (): HandoverTemplates => {
  const r = parseHandoverTemplates(seed());
  if ('problems' in r) throw new Error(r.problems.join('\n'));
  return r.templates;
};
const problemsOf = (input: unknown): string[] => {
  const r = parseHandoverTemplates(input);
  return 'problems' in r ? r.problems : [];
};

describe('handover templates (db/seed/handover-templates.json)', () => {
  it('the seed file is valid', () => {
    expect(problemsOf(seed())).toEqual([]);
    expect(templates().version).toBe('2026-2');
  });

  it('every moment starts with the common items C1…C7, in order', () => {
    const t = templates();
    for (const m of HANDOVER_MOMENTS) {
      expect(
        t
          .itemsFor(m)
          .slice(0, 7)
          .map((i) => i.id),
        m,
      ).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    }
  });

  it('has the extra items of docs/behaviour.md per moment, named H<n>.<k>', () => {
    const expectedExtras: Record<HandoverMoment, number> = {
      H1: 2,
      H2: 4,
      H3: 7,
      H4: 2,
      H5: 5,
      H6: 3,
      H7: 4,
      H8: 2,
      H9: 3,
    };
    const t = templates();
    for (const m of HANDOVER_MOMENTS) {
      const extras = t.itemsFor(m).slice(7);
      expect(
        extras.map((i) => i.id),
        m,
      ).toEqual(Array.from({ length: expectedExtras[m] }, (_, k) => `${m}.${k + 1}`));
    }
  });

  it('H5 (court → GI): jeugdbeschermer within 5 werkdagen, warm handover, raadsrapport, family knows the name, LT role agreed', () => {
    const labels = templates()
      .itemsFor('H5')
      .slice(7)
      .map((i) => i.label);
    expect(labels[0]).toMatch(/5 werkdagen/);
    expect(labels).toHaveLength(5);
  });

  it('C2 (family informed) and C3 (basis for sharing) are required; C3 is mandatory before completion (§7)', () => {
    const common = templates().itemsFor('H1').slice(0, 7);
    const byId = Object.fromEntries(common.map((i) => [i.id, i]));
    expect(byId.C2?.required).toBe(true);
    expect(byId.C3?.required).toBe(true);
    expect(byId.C3?.label).toMatch(/toestemming.*wettelijke taak.*conflict van plichten/);
    expect(byId.C6?.label).toMatch(/4 weken/); // default N = 4 weeks
  });

  it('the sender ticks what they share and tell (C2, C3, C4, C6); the rest either side, H7.3 the receiver', () => {
    const t = templates();
    const owners = Object.fromEntries(t.itemsFor('H7').map((i) => [i.id, i.owner]));
    expect(owners).toEqual({
      C1: 'both',
      C2: 'sender',
      C3: 'sender',
      C4: 'sender',
      C5: 'both',
      C6: 'sender',
      C7: 'both',
      'H7.1': 'both',
      'H7.2': 'both',
      'H7.3': 'receiver', // "LT worker accepts"
      'H7.4': 'both',
    });
    for (const m of HANDOVER_MOMENTS.filter((x) => x !== 'H7')) {
      for (const i of t.itemsFor(m).filter((x) => x.id.startsWith('H'))) expect(i.owner, i.id).toBe('both');
    }
  });

  it('labels of the moments follow the handover moments of docs/behaviour.md', () => {
    const t = templates();
    expect(t.momentLabel('H2')).toBe('Veilig Thuis → Lokaal Team');
    expect(t.momentLabel('H7')).toMatch(/afschalen/);
    for (const m of HANDOVER_MOMENTS) expect(t.momentLabel(m).length).toBeGreaterThan(0);
  });

  it('item ids are unique within each checklist', () => {
    const t = templates();
    for (const m of HANDOVER_MOMENTS) {
      const ids = t.itemsFor(m).map((i) => i.id);
      expect(new Set(ids).size, m).toBe(ids.length);
    }
  });

  it('itemsFor returns a fresh list each time (callers cannot corrupt the templates)', () => {
    const t = templates();
    t.itemsFor('H1').pop();
    expect(t.itemsFor('H1')).toHaveLength(9);
  });

  it('the sharing bases are consent / statutory_task / conflict_of_duties with Dutch labels (C3)', () => {
    expect([...BASIS_OPTIONS]).toEqual(['consent', 'statutory_task', 'conflict_of_duties']);
    expect(BASIS_LABELS).toEqual({
      consent: 'toestemming',
      statutory_task: 'wettelijke taak',
      conflict_of_duties: 'conflict van plichten',
    });
  });

  describe('rejects broken templates with the path of the problem', () => {
    it('a missing moment', () => {
      const t = seed();
      delete t.moments.H9;
      expect(problemsOf(t).join('\n')).toMatch(/moments.*H1…H9/);
    });

    it('common items out of order', () => {
      const t = seed();
      [t.common[0], t.common[1]] = [t.common[1]!, t.common[0]!];
      const problems = problemsOf(t);
      expect(problems).toContain('common.0.id: expected C1');
      expect(problems).toContain('common.1.id: expected C2');
    });

    it('C2 or C3 made optional', () => {
      const t = seed();
      t.common[2]!.required = false;
      expect(problemsOf(t)).toEqual([expect.stringMatching(/^common\.2\.required: C3 is always required/)]);
    });

    it('an item filed under the wrong moment', () => {
      const t = seed();
      t.moments.H2!.items[0]!.id = 'H3.1';
      expect(problemsOf(t)).toEqual([expect.stringMatching(/^moments\.H2\.items\.0\.id: items of H2/)]);
    });

    it('six common items, a bad item id, an unknown owner, an unknown field, a wrong format', () => {
      const six = seed();
      six.common.pop();
      expect(problemsOf(six).some((p) => p.startsWith('common'))).toBe(true);

      const badId = seed();
      badId.moments.H1!.items[0]!.id = 'X1';
      expect(problemsOf(badId).some((p) => p.startsWith('moments.H1.items.0.id'))).toBe(true);

      const badOwner = seed();
      badOwner.common[0]!.owner = 'team';
      expect(problemsOf(badOwner).some((p) => p.startsWith('common.0.owner'))).toBe(true);

      const extra = seed();
      extra.common[0]!.note = 'x';
      expect(problemsOf(extra).some((p) => p.startsWith('common.0'))).toBe(true);

      expect(
        problemsOf({ ...seed(), format: 'teammodel-handover-templates/2' }).some((p) => p.startsWith('format')),
      ).toBe(true);
    });

    it('the schema is exported for tooling and agrees with the parser', () => {
      expect(handoverTemplatesSchema.safeParse(seed()).success).toBe(true);
      expect(handoverTemplatesSchema.safeParse({}).success).toBe(false);
    });
  });
});
