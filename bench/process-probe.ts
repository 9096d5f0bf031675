import { spawn, type ChildProcess } from 'node:child_process';
import type { ProfileRequest, UsageRequest } from './usage-probes.mjs';

// Benches that put a server in its own process (a bot, a fake connector) use this pair:
// - in the child, `answerUsageProbes()` answers { type: 'usage' } IPC messages with its RSS, peak RSS and CPU time,
//   and { type: 'profile' } ones by starting or stopping V8's CPU profiler (the one `node --cpu-prof` uses, through
//   node:inspector) so a profile covers exactly a measured run, not the start-up;
// - in the parent, `spawnService()` starts the child (node --import tsx FILE), waits for its { type: 'listening', port }
//   message and returns a handle to probe and stop it.
// A child started this way exits when its parent goes away (the IPC channel closes).

export interface ProcessUsage {
  pid: number;
  rssMb: number;
  /** Peak resident set size of the process so far (ru_maxrss). */
  peakRssMb: number;
  heapUsedMb: number;
  /** User + system CPU time of the process so far. */
  cpuMs: number;
}

/** Child side: answer usage and profiling requests over IPC (plain JavaScript, shared with bench/bot-preload.mjs). */
export { answerUsageProbes } from './usage-probes.mjs';

export interface Service {
  name: string;
  child: ChildProcess;
  port: number;
  /** `gc`: a full GC in the child first (needs nodeArgs --expose-gc). */
  usage(gc?: boolean): Promise<ProcessUsage>;
  /** Starts V8's CPU profiler in the child, or stops it and writes the profile to `file`. */
  profile(action: 'start' | 'stop', file?: string): Promise<void>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Parent side: `node [nodeArgs] --import tsx file [args]` with an IPC channel; resolves once the child reports the
 * port it listens on. stderr is passed through; stdout is dropped unless `echoStdout`.
 */
export function spawnService(o: {
  name: string;
  file: string;
  args?: string[];
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  echoStdout?: boolean;
  startTimeoutMs?: number;
}): Promise<Service> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', o.file, ...(o.args ?? [])], {
    stdio: ['ignore', o.echoStdout ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    env: o.env ?? process.env,
  });
  let nextId = 0;
  const waiting = new Map<number, (u: ProcessUsage) => void>();
  const profiling = new Map<number, () => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${o.name}: not listening within ${o.startTimeoutMs ?? 60_000} ms`));
    }, o.startTimeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${o.name}: exited with ${code} before listening`));
    });
    child.on('message', (m: unknown) => {
      const msg = m as { type?: string; port?: number; id?: number; usage?: ProcessUsage };
      if (msg.type === 'usage' && msg.id !== undefined) {
        waiting.get(msg.id)?.(msg.usage!);
        waiting.delete(msg.id);
      }
      if (msg.type === 'profiled' && msg.id !== undefined) {
        profiling.get(msg.id)?.();
        profiling.delete(msg.id);
      }
      if (msg.type !== 'listening') return;
      clearTimeout(timer);
      resolve({
        name: o.name,
        child,
        port: msg.port!,
        usage: (gc = false) =>
          new Promise<ProcessUsage>((done, fail) => {
            const id = ++nextId;
            const t = setTimeout(() => fail(new Error(`${o.name}: no usage answer`)), 5_000);
            waiting.set(id, (u) => {
              clearTimeout(t);
              done(u);
            });
            child.send({ type: 'usage', id, gc } satisfies UsageRequest);
          }),
        profile: (action, file) =>
          new Promise<void>((done, fail) => {
            const id = ++nextId;
            const t = setTimeout(() => fail(new Error(`${o.name}: profiler did not answer`)), 30_000);
            profiling.set(id, () => {
              clearTimeout(t);
              done();
            });
            child.send({ type: 'profile', id, action, file } satisfies ProfileRequest);
          }),
        stop: async (graceMs = 15_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    });
  });
}
