import { pino, type Logger as PinoLogger } from 'pino';

/**
 * Log lines waiting for stdout beyond this are dropped rather than kept. At about 300 bytes a line that is some
 * 25 000 lines: minutes of a busy morning, enough to ride out a log collector that restarts.
 */
export const MAX_PENDING_LOG_BYTES = 8 * 1024 * 1024;

/**
 * The bot's logger: JSON lines on stdout, written asynchronously with a bounded buffer. When nobody reads stdout any
 * more (a log collector that hangs), pino's default destination keeps every line the pipe refuses in memory, without
 * limit, until the process runs out of it; this one keeps at most MAX_PENDING_LOG_BYTES and drops the rest, and never
 * makes a turn wait for a write. What still waits is written at exit (pino flushes on 'exit'); if stdout stays blocked
 * then, the shutdown watchdog (kill-after.ts) ends the process (docs/deploy.md, "Stopping").
 */
export function createLogger(level: string): PinoLogger {
  return pino(
    { level, base: { service: 'teammodel-bot' } },
    pino.destination({ dest: 1, sync: false, maxLength: MAX_PENDING_LOG_BYTES }),
  );
}
