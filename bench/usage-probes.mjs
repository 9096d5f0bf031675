// The child side of bench/process-probe.ts: answers the bench parent's probes over IPC. Plain JavaScript so that both
// a child under tsx (bench/process-probe.ts re-exports it) and the bot started as `npm start` runs it, without tsx
// (bench/bot-preload.mjs), use the same code. Types: usage-probes.d.mts.
//
// { type: 'usage', id, gc? } → { type: 'usage', id, usage: { pid, rssMb, peakRssMb, heapUsedMb, cpuMs } } (gc: a full
// GC first, when the process runs with --expose-gc: tells garbage from live memory);
// { type: 'profile', id, action: 'start' | 'stop', file? } → { type: 'profiled', id }: V8's CPU profiler (the one
// `node --cpu-prof` uses, through node:inspector), so that a profile covers exactly a measured run.

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** Answers usage and profiling requests over IPC (no-op without an IPC channel). */
export function answerUsageProbes() {
  if (!process.send) return;
  let session;
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
    );
  process.on('message', (m) => {
    if (m?.type === 'profile') {
      void (async () => {
        if (m.action === 'start') {
          if (!session) {
            session = new Session();
            session.connect();
            await post('Profiler.enable');
          }
          await post('Profiler.start');
        } else {
          const { profile } = await post('Profiler.stop');
          if (m.file) writeFileSync(m.file, JSON.stringify(profile));
        }
        process.send({ type: 'profiled', id: m.id });
      })();
      return;
    }
    if (m?.type !== 'usage') return;
    if (m.gc && typeof globalThis.gc === 'function') globalThis.gc();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send({
      type: 'usage',
      id: m.id,
      usage: {
        pid: process.pid,
        rssMb: memory.rss / 2 ** 20,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        heapUsedMb: memory.heapUsed / 2 ** 20,
        cpuMs: (cpu.user + cpu.system) / 1000,
      },
    });
  });
}
