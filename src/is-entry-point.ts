import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `url` is the script node was started with. Compared by real path: a release directory behind
 * a symlink (`node /opt/teammodel-bot/dist/main.js`) or a relative path must still start the bot, not exit quietly.
 */
export function isEntryPoint(url: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}
