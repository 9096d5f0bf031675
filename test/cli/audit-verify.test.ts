import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { main } from '../../src/cli/audit-verify.js';

const root = resolve(import.meta.dirname, '../..');

function run(env: Record<string, string | undefined>, argv: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tamper(path: string, statement: string) {
  const open = openDatabase(path);
  open.sqlite.prepare(statement).run();
  open.close();
}

describe('audit:verify', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    dbPath = join(dir, 'teammodel.sqlite');
    const open = openDatabase(dbPath);
    const log = createAuditLog(open.db);
    for (const action of ['case.created', 'case.read', 'handover.started']) {
      log.append({ at: Date.UTC(2026, 2, 2), actor: 'ivo.gi', action, caseId: 1, reason: null, details: {} });
    }
    open.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says the chain is intact (exit 0) and breaks at the changed row (exit 1)', () => {
    expect(run({ DATABASE_PATH: dbPath })).toEqual({
      code: 0,
      out: 'Auditlog in orde: 3 regels, keten klopt.',
      err: '',
    });

    tamper(dbPath, "UPDATE audit_log SET actor = 'iemand' WHERE id = 2");
    const broken = run({ DATABASE_PATH: dbPath });
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^Auditlog GEBROKEN bij regel 2: inhoud gewijzigd/);
    tamper(dbPath, "UPDATE audit_log SET actor = 'ivo.gi' WHERE id = 2");
  });

  it('exits 2 with a Dutch message when the database file does not exist', () => {
    const missing = join(dir, 'bestaat-niet.sqlite');
    const result = run({ DATABASE_PATH: missing });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`Database niet gevonden: ${missing}`);
  });

  it('exits 2 on a file that is not a teammodel database, and on bad configuration', () => {
    expect(run({}, [join(root, 'package.json')]).code).toBe(2);
    expect(run({ DATABASE_PATH: dbPath, TIMEZONE: 'Mars/Olympus' }).code).toBe(2);
  });

  it('runs as a script with the same exit codes', () => {
    const spawn = () =>
      spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_PATH: dbPath },
        encoding: 'utf8',
      });

    const intact = spawn();
    expect(intact.stdout).toContain('Auditlog in orde: 3 regels, keten klopt.');
    expect(intact.status).toBe(0);

    tamper(dbPath, 'DELETE FROM audit_log WHERE id = 2');
    const broken = spawn();
    expect(broken.stderr).toContain('Auditlog GEBROKEN bij regel 3:');
    expect(broken.status).toBe(1);
  });
});
