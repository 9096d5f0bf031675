import { createRequire } from 'node:module';

// autocannon ships no types; the part of its API the benches use (bench/chat-throughput.bench.ts, bench/memory.bench.ts).

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: object) => AutocannonRequest;
}
export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
export interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
  ): void;
}
export type Autocannon = (
  opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[]; timeout?: number },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
