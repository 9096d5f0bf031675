// Summarises a V8 .cpuprofile (from `node --cpu-prof`) as text: where the time goes, by area (our src/ files,
// packages, Node internals, GC), the hottest functions by self time, and the inclusive time of our own functions
// (everything they call included).
//
//   npx tsx bench/cpu-profile-summary.ts FILE.cpuprofile [--top 20] [--requests N]

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './bench-utils.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `src/…` (also for the build in dist/), a package name, `node:…` or a V8 pseudo-frame such as (garbage collector). */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = path.indexOf('/src/');
  if (src >= 0) return path.slice(src + 1);
  // `npm start` runs the build: dist/x.js is src/x.ts.
  const dist = path.indexOf('/dist/');
  if (dist >= 0) return `src/${path.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts')}`;
  const bench = path.indexOf('/bench/');
  if (bench >= 0) return path.slice(bench + 1);
  if (path.startsWith('node:')) return 'node: (internals)';
  return path;
}

function frameName(n: ProfileNode): string {
  const f = n.callFrame;
  const where = areaOf(f.url, f.functionName);
  return `${f.functionName || '(anonymous)'} ${f.url ? `${where}:${f.lineNumber + 1}` : ''}`.trim();
}

/** `requests`: how many requests the profiled span served; adds a per-request column (µs of CPU per request). */
export function summariseCpuProfile(path: string, o: { top?: number; requests?: number } = {}): string {
  const top = o.top ?? 20;
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++)
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...self.entries()]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
    .reduce((a, [, v]) => a + v, 0);
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1)} %`;
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const perReq = (us: number) => (o.requests ? `${(us / o.requests).toFixed(0)} µs` : '');

  const areaSelf = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  const ourInclusive = new Map<string, number>();
  const areaInclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    areaSelf.set(area, (areaSelf.get(area) ?? 0) + us);
    const name = frameName(n);
    fnSelf.set(name, (fnSelf.get(name) ?? 0) + us);
    // Inclusive: each of our functions (and each area) on the stack counts once per sample.
    const seenFn = new Set<string>();
    const seenArea = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur)!;
      const a = areaOf(node.callFrame.url, node.callFrame.functionName);
      seenArea.add(a);
      if (a.startsWith('src/')) seenFn.add(frameName(node));
    }
    for (const f of seenFn) ourInclusive.set(f, (ourInclusive.get(f) ?? 0) + us);
    for (const a of seenArea) areaInclusive.set(a, (areaInclusive.get(a) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const out: string[] = [];
  out.push(
    `profile ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s, busy (not idle) ${ms(busyUs)}${o.requests ? `, ${o.requests} requests = ${perReq(busyUs)} per request` : ''}; shares are of the busy time`,
  );
  out.push('\nself time by area (inclusive: the area anywhere on the stack):');
  out.push(
    table(
      ['area', 'self', 'share', 'per request', 'inclusive', 'share ', 'per request '],
      sorted(areaSelf)
        .slice(0, top)
        .map(([a, us]) => [
          a,
          ms(us),
          pct(us),
          perReq(us),
          ms(areaInclusive.get(a) ?? 0),
          pct(areaInclusive.get(a) ?? 0),
          perReq(areaInclusive.get(a) ?? 0),
        ]),
    ),
  );
  out.push('\nhottest functions by self time:');
  out.push(
    table(
      ['function', 'self', 'share', 'per request'],
      sorted(fnSelf)
        .slice(0, top)
        .map(([f, us]) => [f, ms(us), pct(us), perReq(us)]),
    ),
  );
  out.push('\nour functions (src/) by inclusive time:');
  out.push(
    table(
      ['function', 'inclusive', 'share', 'per request'],
      sorted(ourInclusive)
        .slice(0, top + 10)
        .map(([f, us]) => [f, ms(us), pct(us), perReq(us)]),
    ),
  );
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/cpu-profile-summary.ts FILE.cpuprofile [--top 20] [--requests N]');
    process.exit(2);
  }
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(summariseCpuProfile(file, { top: arg('--top'), requests: arg('--requests') }));
}
