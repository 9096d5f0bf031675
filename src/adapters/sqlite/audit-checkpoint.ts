import type Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../../app/ports.js';
import { parseAuditCheckpoint, type AuditCheckpoint } from '../../domain/audit-chain.js';

// The audit chain's head, kept outside the database, so that rows cut off the end (or the whole chain rewritten and
// recomputed) are detected: `npm run audit:verify` requires the checkpoint's row, with its hash, in the database.
//
// Every `intervalMs` (default 15 minutes) and at shutdown the bot writes the newest row's { id, hash, at, count,
// macFrom } to `<DATABASE_PATH>-audit-checkpoint.json` (a temporary file renamed over it: never half written; 0600)
// and logs id and hash at info ("audit checkpoint"), so the log store holds the history of heads as well.
// `npm run backup` copies the file beside the backup. Nothing is written while the head is unchanged.
//
// The writer never overwrites evidence: when the database no longer holds the checkpoint in the file (rows removed or
// rewritten while the bot was stopped, or under it), it keeps the file, logs an error at every interval and writes no
// new checkpoint until someone has looked (audit:verify names the row; after a restore, put the backup's checkpoint
// file beside the database, or move the stale one aside).

export const AUDIT_CHECKPOINT_SUFFIX = '-audit-checkpoint.json';
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 15 * 60_000;

/** The checkpoint file that belongs to a database (or to a backup copy of it). */
export const checkpointFileFor = (databasePath: string): string => `${databasePath}${AUDIT_CHECKPOINT_SUFFIX}`;

/** A checkpoint file that cannot be read or is not a checkpoint; the message is Dutch and names the file. */
export class CheckpointFileError extends Error {
  override name = 'CheckpointFileError';
}

export function readCheckpointFile(file: string): AuditCheckpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckpointFileError(
      code === 'ENOENT' ? `Controlepunt niet gevonden: ${file}` : `Kon het controlepunt ${file} niet lezen (${code})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointFileError(`Controlepunt ${file} is geen geldige JSON`);
  }
  const parsed = parseAuditCheckpoint(value);
  if ('problem' in parsed) throw new CheckpointFileError(`Controlepunt ${file} is ongeldig: ${parsed.problem}`);
  return parsed.checkpoint;
}

/** Writes `text` to `file` all or nothing: a temporary file beside it (0600, synced to disk), renamed over it. */
export function writeFileAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

export const writeCheckpointFile = (file: string, checkpoint: AuditCheckpoint): void =>
  writeFileAtomically(file, `${JSON.stringify(checkpoint, null, 2)}\n`);

/** The checkpoint file beside a database as it is on disk, or undefined when there is none (for `npm run backup`). */
export function readCheckpointText(databasePath: string): string | undefined {
  const file = checkpointFileFor(databasePath);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Reads the chain's head and checks a checkpoint against the database, with primary-key lookups only. */
export function createCheckpointReader(sqlite: Database.Database) {
  const newest = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const rows = sqlite.prepare('SELECT count(*) FROM audit_log').pluck();
  const firstMac = sqlite.prepare('SELECT id FROM audit_log WHERE mac IS NOT NULL ORDER BY id LIMIT 1').pluck();
  const hashOf = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  const macOf = sqlite.prepare('SELECT mac FROM audit_log WHERE id = ?').pluck();
  // Where the MACs begin never changes once found (rows are only appended); until then it is looked up again.
  let macFrom: number | null = null;
  const firstMacId = (): number | null => (macFrom ??= (firstMac.get() as number | undefined) ?? null);
  return {
    firstMacId,
    /** The newest row as a checkpoint taken at `now`; undefined for an empty log. */
    current(now: number): AuditCheckpoint | undefined {
      const head = newest.get() as { id: number; hash: string } | undefined;
      if (!head) return undefined;
      return {
        id: head.id,
        hash: head.hash,
        at: new Date(now).toISOString(),
        count: rows.get() as number,
        macFrom: firstMacId(),
      };
    },
    /** Whether the database still holds the checkpoint's row with its hash, and a MAC where its MACs began. */
    holds(checkpoint: AuditCheckpoint): boolean {
      if (hashOf.get(checkpoint.id) !== checkpoint.hash) return false;
      return checkpoint.macFrom === null || typeof macOf.get(checkpoint.macFrom) === 'string';
    },
  };
}

export interface AuditCheckpointWriter {
  /** Writes a checkpoint now if the head moved (what the interval does). */
  writeNow(): void;
  /** Stops the interval and writes a last checkpoint: before the database closes. */
  stop(): void;
}

export function startAuditCheckpoints(options: {
  sqlite: Database.Database;
  /** checkpointFileFor(DATABASE_PATH) */
  file: string;
  logger: Logger;
  now: () => number;
  /** Whether this bot signs its audit rows (AUDIT_MAC_KEY set). */
  signing: boolean;
  intervalMs?: number;
}): AuditCheckpointWriter {
  const { file, logger, now, signing } = options;
  const reader = createCheckpointReader(options.sqlite);
  /** What the file holds, as far as this process knows. */
  let written: AuditCheckpoint | undefined;
  /** Why no checkpoint may be written (the file is evidence and stays as it is); said again at every interval. */
  let blocked: (() => void) | undefined;

  const mismatch = (checkpoint: AuditCheckpoint) => () =>
    logger.error(
      { file, id: checkpoint.id, hash: checkpoint.hash },
      'audit checkpoint does not match the database (rows removed or rewritten); the checkpoint file is kept and no new one is written: run npm run audit:verify',
    );

  if (existsSync(file)) {
    try {
      written = readCheckpointFile(file);
      if (!reader.holds(written)) blocked = mismatch(written);
    } catch (error) {
      // Unreadable or garbled: possibly tampered with, so kept as it is, like a mismatch.
      const problem = (error as Error).message;
      blocked = () =>
        logger.error({ file, problem }, 'audit checkpoint file unreadable; it is kept and no new one is written');
    }
    blocked?.();
  }
  const macFrom = reader.firstMacId();
  if (macFrom !== null && !signing)
    logger.error(
      { macFrom },
      'the audit log has MACs but AUDIT_MAC_KEY is not set: rows written now have none, and npm run audit:verify reports the first of them as tampered',
    );

  const writeNow = () => {
    try {
      if (!blocked && written && !reader.holds(written)) {
        blocked = mismatch(written);
      }
      if (blocked) {
        blocked();
        return;
      }
      const next = reader.current(now());
      if (!next || (written && next.id === written.id && next.hash === written.hash)) return;
      writeCheckpointFile(file, next);
      written = next;
      logger.info({ id: next.id, hash: next.hash }, 'audit checkpoint');
    } catch (error) {
      // A full disk or a closed database must not stop the bot or its shutdown.
      logger.error({ file, problem: (error as Error).message }, 'audit checkpoint not written');
    }
  };

  const timer = setInterval(writeNow, options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    writeNow,
    stop: () => {
      clearInterval(timer);
      writeNow();
    },
  };
}
