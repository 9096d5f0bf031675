import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Drizzle's values come from src/adapters/sqlite/orm.ts, its CommonJS build (docs/architecture.md): one ES import of
// the package anywhere would load its second, ES module copy, and with it the 150 MB that orm.ts avoids. Type-only
// imports are erased and may name the package directly.

const ROOT = process.cwd();
const ALLOWED = new Set(['src/adapters/sqlite/orm.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules'
      ? []
      : e.isDirectory()
        ? files(join(dir, e.name))
        : /\.(ts|mts)$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
  );
}

describe('drizzle is loaded once, as CommonJS', () => {
  it('no file but orm.ts imports a value from drizzle-orm', () => {
    const importers = ['src', 'test', 'bench']
      .flatMap((d) => files(join(ROOT, d)))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !ALLOWED.has(f) && f !== 'test/architecture/layers.test.ts')
      .filter((f) => /^import (?!type\b)[^;]*from 'drizzle-orm[^']*';/m.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(importers).toEqual([]);
  });
});
