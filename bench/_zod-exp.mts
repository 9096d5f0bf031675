import { z as z3 } from 'zod';
import { z as z4 } from 'zod/v4';
const RE = /^[A-Za-z]{2}-[A-Za-z]{3}-\d{4}-\d{4,}$/;
const a3 = z3.string().regex(RE).transform((s) => s.toUpperCase());
const a4 = z4.string().regex(RE).transform((s) => s.toUpperCase());
for (const [n, s] of [['z3', a3], ['z4', a4], ['z3', a3], ['z4', a4]] as const) {
  const N = 500000; const t = performance.now();
  for (let i = 0; i < N; i++) (s as any).safeParse('CG-ARN-2026-' + (1000 + (i % 1000)));
  console.log(n, ((performance.now() - t) * 1000 / N).toFixed(2), 'µs');
}
