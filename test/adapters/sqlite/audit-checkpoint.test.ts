import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkpointFileFor,
  readCheckpointFile,
  startAuditCheckpoints,
  type AuditCheckpointWriter,
} from '../../../src/adapters/sqlite/audit-checkpoint.js';
import { createAuditLog, type AuditLog } from '../../../src/adapters/sqlite/audit-log.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/sqlite/open-database.js';
import type { Logger } from '../../../src/app/ports.js';

const KEY = 'sleutel-voor-de-checkpoint-test-0123456789';
const NOW = Date.UTC(2026, 2, 2, 10, 15);

interface LogRecord {
  level: string;
  obj: object | string;
  msg?: string;
}
function createRecordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void records.push({ level, obj, msg });
  return { records, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

describe('audit checkpoint writer', () => {
  let dir: string;
  let open: OpenDatabase;
  let log: AuditLog;
  let file: string;
  let logger: ReturnType<typeof createRecordingLogger>;
  const writers: AuditCheckpointWriter[] = [];

  const append = (action = 'case.viewed') =>
    log.append({ at: NOW, actor: 'ivo.gi', action, caseId: 1, reason: null, details: {} });
  const head = () =>
    open.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      hash: string;
    };
  const start = (options: { signing?: boolean; intervalMs?: number } = {}) => {
    const writer = startAuditCheckpoints({
      sqlite: open.sqlite,
      file,
      logger,
      now: () => NOW,
      signing: options.signing ?? true,
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    });
    writers.push(writer);
    return writer;
  };
  const checkpointLogs = () => logger.records.filter((r) => r.msg === 'audit checkpoint');
  const errors = () => logger.records.filter((r) => r.level === 'error');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-checkpoint-'));
    open = openDatabase(join(dir, 'teammodel.sqlite'));
    log = createAuditLog(open.db, { macKey: KEY });
    file = checkpointFileFor(join(dir, 'teammodel.sqlite'));
    logger = createRecordingLogger();
  });
  afterEach(() => {
    for (const w of writers.splice(0)) w.stop();
    open.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the newest head beside the database (0600) and logs its id and hash only', () => {
    append('case.created');
    append();
    append();
    const writer = start();
    expect(readdirSync(dir)).not.toContain('teammodel.sqlite-audit-checkpoint.json'); // not at start
    writer.writeNow();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      id: 3,
      hash: head().hash,
      at: '2026-03-02T10:15:00.000Z',
      count: 3,
      macFrom: 1,
    });
    expect(readCheckpointFile(file)).toMatchObject({ id: 3, hash: head().hash });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(checkpointLogs()).toEqual([{ level: 'info', obj: { id: 3, hash: head().hash }, msg: 'audit checkpoint' }]);
    expect(errors()).toEqual([]);
  });

  it('writes nothing while the head is unchanged, a new head when it moves, and a last one at stop', () => {
    append();
    const writer = start();
    writer.writeNow();
    writer.writeNow();
    expect(checkpointLogs()).toHaveLength(1);
    append();
    writer.writeNow();
    expect(readCheckpointFile(file).id).toBe(2);
    append();
    writer.stop();
    expect(readCheckpointFile(file)).toMatchObject({ id: 3, hash: head().hash, count: 3 });
    expect(checkpointLogs().map((r) => (r.obj as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it('writes at its interval', async () => {
    append();
    start({ intervalMs: 20 });
    const deadline = Date.now() + 5_000;
    while (checkpointLogs().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(readCheckpointFile(file).id).toBe(1);
  });

  it('writes nothing for an empty log', () => {
    start().writeNow();
    expect(readdirSync(dir).filter((f) => f.includes('checkpoint'))).toEqual([]);
  });

  it('replaces the file by a rename (never half written) and leaves no temporary file', () => {
    append();
    const writer = start();
    writer.writeNow();
    const before = statSync(file).ino;
    const oldText = readFileSync(file, 'utf8');
    append();
    writer.writeNow();
    expect(statSync(file).ino).not.toBe(before); // a new file renamed over the old one, not the old one rewritten
    expect(readFileSync(file, 'utf8')).not.toBe(oldText);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old checkpoint whole when the new one cannot be written', () => {
    append();
    const writer = start();
    writer.writeNow();
    const oldText = readFileSync(file, 'utf8');
    // Something in the way of the temporary file (as a full disk would be): the write fails before the rename.
    const temp = join(dir, `.teammodel.sqlite-audit-checkpoint.json.${process.pid}.tmp`);
    mkdirSync(temp);
    writeFileSync(join(temp, 'x'), '');
    append();
    expect(() => writer.writeNow()).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(oldText);
    expect(errors().map((r) => r.msg)).toEqual(['audit checkpoint not written']);
    rmSync(temp, { recursive: true });
    writer.writeNow();
    expect(readCheckpointFile(file).id).toBe(2);
  });

  it('keeps a checkpoint the database no longer holds, and says so at start and at every interval', () => {
    append();
    append();
    append();
    const first = start();
    first.stop();
    const evidence = readFileSync(file, 'utf8');
    // Rows cut off the end while the bot was stopped.
    open.sqlite.prepare('DELETE FROM audit_log WHERE id > 1').run();
    append();
    const writer = start();
    writer.writeNow();
    writer.stop();
    expect(readFileSync(file, 'utf8')).toBe(evidence);
    expect(errors()).toHaveLength(3);
    expect(errors()[0]).toMatchObject({ obj: { file, id: 3 }, msg: expect.stringContaining('does not match') });
  });

  it('notices rows removed under the running writer', () => {
    append();
    append();
    const writer = start();
    writer.writeNow();
    const evidence = readFileSync(file, 'utf8');
    open.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
    append();
    writer.writeNow();
    expect(readFileSync(file, 'utf8')).toBe(evidence);
    expect(errors()).toMatchObject([{ msg: expect.stringContaining('does not match') }]);
  });

  it('keeps an unreadable checkpoint file as it is', () => {
    append();
    writeFileSync(file, '{kapot');
    start().stop();
    expect(readFileSync(file, 'utf8')).toBe('{kapot');
    expect(errors().map((r) => r.msg)).toEqual([
      expect.stringContaining('unreadable'),
      expect.stringContaining('unreadable'),
    ]);
  });

  it('warns at start when the log has MACs but this bot has no key', () => {
    append();
    start({ signing: false });
    expect(errors()).toMatchObject([{ obj: { macFrom: 1 }, msg: expect.stringContaining('AUDIT_MAC_KEY is not set') }]);
  });
});
