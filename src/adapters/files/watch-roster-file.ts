import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Logger } from '../../app/ports.js';
import type { Roster } from '../../domain/roster.js';
import { loadRosterFile, RosterFileError } from './load-roster-file.js';

// The roster is re-read when its file changes and on SIGHUP (`systemctl reload`, `kill -HUP`), so a coordinator's
// correction takes effect without a restart. The file is polled (fs.watchFile): editors and deploy tools replace a
// file by renaming a new one over it, which an inotify watch on the old file would miss. A file with errors never
// replaces the running roster: every problem is logged with its JSON path, and the bot carries on with what it had.

export interface RosterWatch {
  /** Reads the file now, as SIGHUP does. */
  reload(trigger: 'sighup' | 'file' | 'manual'): void;
  stop(): void;
}

export interface WatchRosterOptions {
  file: string;
  logger: Logger;
  /** Called with a roster that passed validation. */
  onRoster(roster: Roster, trigger: string): void;
  /** Poll interval; default 2 s. */
  intervalMs?: number;
  /** Listen for SIGHUP (default true; tests that run many bots in one process pass false). */
  sighup?: boolean;
}

export function watchRosterFile(o: WatchRosterOptions): RosterWatch {
  const reload = (trigger: 'sighup' | 'file' | 'manual') => {
    let roster: Roster;
    try {
      roster = loadRosterFile(o.file);
    } catch (err) {
      const problems = err instanceof RosterFileError ? err.problems : [(err as Error).message];
      for (const problem of problems) o.logger.error({ file: o.file, trigger, problem }, 'roster not reloaded');
      o.logger.error(
        { file: o.file, trigger, problems: problems.length },
        'roster file has errors: the running roster stays',
      );
      return;
    }
    try {
      o.onRoster(roster, trigger);
    } catch (err) {
      o.logger.error({ file: o.file, trigger, err: { name: (err as Error).name } }, 'roster reload failed');
    }
  };
  const onChange = (now: Stats, before: Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
    if (now.nlink === 0 && now.size === 0) return; // gone for a moment while it is being replaced
    reload('file');
  };
  watchFile(o.file, { interval: o.intervalMs ?? 2000, persistent: false }, onChange);
  const onSighup = () => reload('sighup');
  if (o.sighup !== false) process.on('SIGHUP', onSighup);
  return {
    reload,
    stop() {
      unwatchFile(o.file, onChange);
      process.off('SIGHUP', onSighup);
    },
  };
}
