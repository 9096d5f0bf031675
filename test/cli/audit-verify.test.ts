import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkpointFileFor, startAuditCheckpoints } from '../../src/adapters/sqlite/audit-checkpoint.js';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createAuditLog } from '../../src/adapters/sqlite/audit-log.js';
import { silentLogger } from '../../src/app/ports.js';
import { main as backup } from '../../src/cli/backup.js';
import { main } from '../../src/cli/audit-verify.js';
import { auditHash, type AuditEntry } from '../../src/domain/audit-chain.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'Vx3kq8N0fP2m+Rj7sT9wYc4bL1hD6gA5eZ0uQ2iK8oWnM3rS';

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

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  dirs.push(dir);
  return dir;
}

const entry = (action: string): AuditEntry => ({
  at: Date.UTC(2026, 2, 2),
  actor: 'ivo.gi',
  action,
  caseId: 1,
  reason: null,
  details: {},
});

/** A database whose audit log has `unsigned` rows written without a key, then `signed` rows with KEY. */
function database(rows: { unsigned?: number; signed?: number; checkpoint?: boolean } = {}): string {
  const path = join(tempDir(), 'teammodel.sqlite');
  const open = openDatabase(path);
  const plain = createAuditLog(open.db);
  for (let i = 0; i < (rows.unsigned ?? 0); i++) plain.append(entry(`before.key.${i}`));
  const signed = createAuditLog(open.db, { macKey: KEY });
  for (let i = 0; i < (rows.signed ?? 0); i++) signed.append(entry(`with.key.${i}`));
  // As the bot does every 15 minutes and at shutdown.
  if (rows.checkpoint)
    startAuditCheckpoints({
      sqlite: open.sqlite,
      file: checkpointFileFor(path),
      logger: silentLogger,
      now: () => Date.UTC(2026, 2, 2, 10, 15),
      signing: true,
    }).stop();
  open.close();
  return path;
}

/**
 * What someone with write access but without the key does: change row `id` and recompute the plain sha256 of it and
 * of every row after it, so the chain verifies again. The MACs stay as they were (a new one needs the key).
 */
function rewriteAndRechain(path: string, id: number, actor: string) {
  const open = openDatabase(path);
  type Row = Omit<AuditEntry, 'details'> & { id: number; prevHash: string; details: string };
  const rows = open.sqlite
    .prepare(
      'SELECT id, at, actor, action, case_id AS caseId, reason, details, prev_hash AS prevHash FROM audit_log ORDER BY id',
    )
    .all() as Row[];
  const update = open.sqlite.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?');
  let prevHash = rows.find((r) => r.id === id)!.prevHash;
  for (const row of rows.filter((r) => r.id >= id)) {
    const e: AuditEntry = {
      ...row,
      actor: row.id === id ? actor : row.actor,
      details: JSON.parse(row.details) as Record<string, unknown>,
    };
    const hash = auditHash(prevHash, e);
    update.run(e.actor, prevHash, hash, row.id);
    prevHash = hash;
  }
  open.close();
}

describe('audit:verify', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(() => {
    dir = tempDir();
    dbPath = join(dir, 'teammodel.sqlite');
    const open = openDatabase(dbPath);
    const log = createAuditLog(open.db);
    for (const action of ['case.created', 'case.read', 'handover.started']) log.append(entry(action));
    open.close();
  });

  it('says the chain is intact (exit 0), which checks it could not make, and breaks at the changed row (exit 1)', () => {
    expect(run({ DATABASE_PATH: dbPath })).toEqual({
      code: 0,
      out: [
        'Auditlog in orde: 3 regels, keten klopt.',
        "MAC's NIET gecontroleerd: geen sleutel (zet AUDIT_MAC_KEY of geef --key-file <bestand>), dus een herschreven regel met herberekende keten valt zo niet op; de auditlog heeft geen MAC's.",
        `Geen controlepunt: regels die aan het eind zijn weggehaald vallen zo niet op (geef --checkpoint <bestand>; de bot schrijft ${dbPath}-audit-checkpoint.json).`,
      ].join('\n'),
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

  it('exits 2 on unknown options, a missing checkpoint or key file, and a short key, never showing the key', () => {
    expect(run({}, [dbPath, '--checkpiont', 'x']).code).toBe(2);
    expect(run({}, [dbPath, '--checkpoint'])).toMatchObject({ code: 2, err: expect.stringContaining('--checkpoint') });
    expect(run({}, [dbPath, '--checkpoint', join(dir, 'geen.json')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Controlepunt niet gevonden'),
    });
    expect(run({}, [dbPath, '--key-file', join(dir, 'geen-sleutel')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Kon de sleutel niet lezen'),
    });
    const short = run({ AUDIT_MAC_KEY: 'kort-geheim' }, [dbPath]);
    expect(short).toMatchObject({ code: 2, err: expect.stringContaining('AUDIT_MAC_KEY is te kort') });
    expect(short.err).not.toContain('kort-geheim');
    // Through the configuration (no path given): the ConfigError names the key, not its value.
    const viaConfig = run({ DATABASE_PATH: dbPath, AUDIT_MAC_KEY: 'kort-geheim' });
    expect(viaConfig).toMatchObject({ code: 2, err: expect.stringContaining('AUDIT_MAC_KEY') });
    expect(viaConfig.err).not.toContain('kort-geheim');
    const badCheckpoint = join(dir, 'kapot.json');
    writeFileSync(badCheckpoint, '{"id": "drie"}');
    expect(run({}, [dbPath, '--checkpoint', badCheckpoint])).toMatchObject({
      code: 2,
      err: expect.stringContaining('ongeldig'),
    });
  });

  it('runs as a script with the same exit codes', () => {
    const spawn = () =>
      spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_PATH: dbPath, AUDIT_MAC_KEY: '' },
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

describe('audit:verify with the MAC key', () => {
  it('finds a row rewritten with the plain chain recomputed; without the key it cannot, and says so', () => {
    const path = database({ signed: 5 });
    expect(run({ AUDIT_MAC_KEY: KEY }, [path])).toMatchObject({
      code: 0,
      out: expect.stringContaining("MAC's kloppen: elke regel is ondertekend met de sleutel uit AUDIT_MAC_KEY."),
    });

    rewriteAndRechain(path, 3, 'iemand');
    const withKey = run({ AUDIT_MAC_KEY: KEY }, [path]);
    expect(withKey.code).toBe(1);
    expect(withKey.err).toMatch(/^Auditlog GEBROKEN bij regel 3: MAC klopt niet/);
    expect(withKey.err).toContain('2 regels daarvoor zijn in orde.');

    const withoutKey = run({}, [path]);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.out).toContain('Auditlog in orde: 5 regels, keten klopt.');
    expect(withoutKey.out).toContain("MAC's NIET gecontroleerd: geen sleutel");
    expect(withoutKey.out).toContain("de auditlog heeft MAC's vanaf regel 1");
  });

  it('reads the key from --key-file, and from stdin with --key-file -', () => {
    const path = database({ signed: 2 });
    const keyFile = join(tempDir(), 'audit-mac.key');
    writeFileSync(keyFile, `${KEY}\n`, { mode: 0o600 });
    expect(run({}, [path, '--key-file', keyFile])).toMatchObject({
      code: 0,
      out: expect.stringContaining(`sleutel uit --key-file ${keyFile}`),
    });
    expect(run({}, ['--key-file', join(tempDir(), 'x'), path]).code).toBe(2);

    const viaStdin = spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts', path, '--key-file', '-'], {
      cwd: root,
      env: { ...process.env, AUDIT_MAC_KEY: '' },
      input: `${KEY}\n`,
      encoding: 'utf8',
    });
    expect(viaStdin.stdout).toContain(
      "MAC's kloppen: elke regel is ondertekend met de sleutel uit --key-file (stdin).",
    );
    expect(viaStdin.status).toBe(0);

    const wrongKey = join(tempDir(), 'ander.key');
    writeFileSync(wrongKey, 'z'.repeat(48));
    expect(run({}, [path, '--key-file', wrongKey])).toMatchObject({
      code: 1,
      err: expect.stringContaining('Auditlog GEBROKEN bij regel 1: MAC klopt niet'),
    });
  });

  it('finds a MAC removed after a row that has one, with or without the key', () => {
    const path = database({ unsigned: 2, signed: 4 });
    tamper(path, 'UPDATE audit_log SET mac = NULL WHERE id = 5');
    for (const env of [{ AUDIT_MAC_KEY: KEY }, {}]) {
      const result = run(env, [path]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^Auditlog GEBROKEN bij regel 5: MAC ontbreekt, terwijl regel 3 en later er een hebben/,
      );
    }
  });

  it('accepts a database from before the key, and says where the MACs begin', () => {
    const before = database({ unsigned: 3 });
    expect(run({ AUDIT_MAC_KEY: KEY }, [before])).toMatchObject({
      code: 0,
      out: expect.stringContaining(
        "Geen MAC's: alle regels zijn van vóór de sleutel en alleen door de keten beschermd (sleutel uit AUDIT_MAC_KEY).",
      ),
    });

    const since = database({ unsigned: 3, signed: 2 });
    expect(run({ AUDIT_MAC_KEY: KEY }, [since])).toMatchObject({
      code: 0,
      out: expect.stringContaining(
        "MAC's kloppen vanaf regel 4 (sleutel uit AUDIT_MAC_KEY); de regels daarvoor zijn van vóór de sleutel en alleen door de keten beschermd.",
      ),
    });
  });

  it('reads a copy from before the mac column was added (migration 0008), read-only', () => {
    const path = database({ unsigned: 2 });
    tamper(path, 'ALTER TABLE audit_log DROP COLUMN mac');
    const modified = statSync(path).mtimeMs;
    expect(run({ AUDIT_MAC_KEY: KEY }, [path])).toMatchObject({
      code: 0,
      out: expect.stringContaining("Geen MAC's: alle regels zijn van vóór de sleutel"),
    });
    expect(statSync(path).mtimeMs).toBe(modified);
  });
});

describe('audit:verify with a checkpoint', () => {
  it('uses the checkpoint beside the database, says so, and finds rows cut off the end', () => {
    const path = database({ signed: 5, checkpoint: true });
    const checkpoint = checkpointFileFor(path);
    const intact = run({ AUDIT_MAC_KEY: KEY }, [path]);
    expect(intact.code).toBe(0);
    expect(intact.out).toContain(
      `Controlepunt ${checkpoint} (naast de database gevonden) klopt: regel 5 van 2026-03-02T10:15:00.000Z staat er ongewijzigd in`,
    );

    tamper(path, 'DELETE FROM audit_log WHERE id > 3');
    // The chain alone cannot see it.
    const elsewhere = join(tempDir(), 'kopie.sqlite');
    writeFileSync(elsewhere, readFileSync(path));
    expect(run({ AUDIT_MAC_KEY: KEY }, [elsewhere]).code).toBe(0);

    for (const argv of [[path], [elsewhere, '--checkpoint', checkpoint]]) {
      const cut = run({ AUDIT_MAC_KEY: KEY }, argv);
      expect(cut.code).toBe(1);
      expect(cut.err).toContain(
        'Auditlog GEBROKEN bij regel 4: ontbreekt: de auditlog eindigt bij regel 3, maar het controlepunt van 2026-03-02T10:15:00.000Z noemt regel 5 (regels aan het eind weggehaald?)',
      );
      expect(cut.err).toContain(
        `De keten zelf klopt tot daar (3 regels), maar niet met het controlepunt ${checkpoint}`,
      );
    }
  });

  it('finds the chain rewritten up to the checkpoint without the key, and MACs stripped where they began', () => {
    const path = database({ unsigned: 1, signed: 4, checkpoint: true });
    rewriteAndRechain(path, 2, 'iemand');
    expect(run({}, [path])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Auditlog GEBROKEN bij regel 5: hash wijkt af van het controlepunt/),
    });

    const stripped = database({ unsigned: 1, signed: 4, checkpoint: true });
    tamper(stripped, 'UPDATE audit_log SET mac = NULL');
    expect(run({}, [stripped])).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        "Auditlog GEBROKEN bij regel 2: MAC ontbreekt, terwijl het controlepunt zegt dat de MAC's bij regel 2 beginnen",
      ),
    });
  });

  it('npm run backup copies the checkpoint beside the backup, where audit:verify finds it', async () => {
    const path = database({ signed: 4, checkpoint: true });
    const target = join(tempDir(), 'backups', 'teammodel-1.sqlite');
    const out: string[] = [];
    const err: string[] = [];
    const code = await backup([target], { DATABASE_PATH: path }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toContain(`Auditcontrolepunt ernaast: ${target}-audit-checkpoint.json.`);
    expect(readFileSync(`${target}-audit-checkpoint.json`, 'utf8')).toBe(readFileSync(checkpointFileFor(path), 'utf8'));
    expect(statSync(`${target}-audit-checkpoint.json`).mode & 0o777).toBe(0o600);

    expect(run({ AUDIT_MAC_KEY: KEY }, [target])).toMatchObject({
      code: 0,
      out: expect.stringContaining(`Controlepunt ${target}-audit-checkpoint.json (naast de database gevonden) klopt`),
    });
    tamper(target, 'DELETE FROM audit_log WHERE id = 4');
    expect(run({ AUDIT_MAC_KEY: KEY }, [target])).toMatchObject({
      code: 1,
      err: expect.stringContaining('Auditlog GEBROKEN bij regel 4: ontbreekt'),
    });

    // Without a checkpoint beside the database, the backup is the database alone.
    const bare = database({ signed: 1 });
    const bareTarget = join(tempDir(), 'teammodel-2.sqlite');
    await backup([bareTarget], { DATABASE_PATH: bare }, { out: () => {}, err: () => {} });
    expect(existsSync(bareTarget)).toBe(true);
    expect(existsSync(`${bareTarget}-audit-checkpoint.json`)).toBe(false);
  });
});
