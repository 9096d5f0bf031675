import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every way onto a case team goes through src/app/join-case.ts (docs/behaviour.md, "Who may see a case"): a membership
// written anywhere else could skip the checks, the "member added" audit entry or the message to the person who joined.
// The store's interface and its SQLite implementation declare the write; only join-case.ts calls it.

const SRC = join(process.cwd(), 'src');
const DECLARED_IN = new Set(['app/store.ts', 'adapters/sqlite/case-repository.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('one way onto a case team', () => {
  it('only src/app/join-case.ts writes a membership', () => {
    const writers = sourceFiles(SRC)
      .map((f) => relative(SRC, f).split('\\').join('/'))
      .filter((f) => !DECLARED_IN.has(f))
      .filter((f) => /\baddMembership\s*\(/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(writers).toEqual(['app/join-case.ts']);
  });
});
