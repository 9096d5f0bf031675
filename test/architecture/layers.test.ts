import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of docs/architecture.md lives in eslint.config.js (`no-restricted-imports` per folder), and CI runs it
// through `npm run check`. These cases prove the rule is there and says what it should: a rule that never fires would
// let domain/ quietly start importing an adapter.

const eslint = new ESLint({
  cwd: process.cwd(),
  // Only the layer rule, without type information: the probes are not files of the TypeScript project.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rule: adapters → app → domain, never back', () => {
  it.each([
    ["import { openDatabase } from '../adapters/sqlite/open-database.js';", 'an adapter'],
    ["import type { Clock } from '../app/ports.js';", 'a use case port'],
    ["import { Application } from '@microsoft/teams-ai';", 'the Teams SDK'],
    ["import { drizzle } from 'drizzle-orm/better-sqlite3';", 'the ORM'],
    ["import { readFileSync } from 'node:fs';", 'file I/O'],
  ])('domain/ may not import %s (%s)', async (line) => {
    const messages = await restricted('src/domain/probe.ts', `${line}\nexport {};\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('domain/ is pure');
  });

  it('domain/ may import its own files, zod, date-holidays and node:crypto', async () => {
    const source = [
      "import { addDays } from './local-date.js';",
      "import { z } from 'zod';",
      "import Holidays from 'date-holidays';",
      "import { createHash } from 'node:crypto';",
      'export const all = [addDays, z, Holidays, createHash];',
    ].join('\n');
    expect(await restricted('src/domain/probe.ts', source)).toEqual([]);
  });

  it.each([
    ["import { openDatabase } from '../adapters/sqlite/open-database.js';"],
    ["import { createStore } from '../../adapters/sqlite/create-store.js';"],
    ["import { main } from '../cli/scenario.js';"],
    ["import { loadConfig } from '../config.js';"],
    ["import { TurnContext } from 'botbuilder';"],
    ["import { z } from 'zod';"],
  ])('app/ may not import %s', async (line) => {
    const messages = await restricted('src/app/escalations/probe.ts', `${line}\nexport {};\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('app/ depends on domain/');
  });

  it('app/ may import domain/ and its own files', async () => {
    const source = [
      "import { DomainError } from '../../domain/domain-error.js';",
      "import type { AppContext } from '../app-context.js';",
      "import { selectOpenEscalation } from './select-escalation.js';",
      'export const all = [DomainError, selectOpenEscalation];',
      'export type Ctx = AppContext;',
    ].join('\n');
    expect(await restricted('src/app/escalations/probe.ts', source)).toEqual([]);
  });

  it('adapters may import anything', async () => {
    expect(
      await restricted(
        'src/adapters/teams/probe.ts',
        "import { TurnContext } from 'botbuilder';\nexport { TurnContext };\n",
      ),
    ).toEqual([]);
  });
});
