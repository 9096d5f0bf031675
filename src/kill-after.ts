import { Worker } from 'node:worker_threads';

/** How long a shutdown may take before the process is ended anyway (platforms give 30 s before their own SIGKILL). */
export const SHUTDOWN_GRACE_MS = 25_000;

// The timer runs on a worker thread: its own event loop keeps running while the main thread is blocked, e.g. in a
// synchronous log write to a pipe that nobody reads (docs/deploy.md, "Stopping").
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);
`;

/** Ends this process with SIGKILL after `ms`, even when its main thread never returns to the event loop. */
export function killAfter(ms: number): void {
  new Worker(WATCHDOG, { eval: true, workerData: { pid: process.pid, ms } }).unref();
}
