import type { SendOutcome } from '../../app/ports.js';

// How a failed Bot Connector call maps onto the outbox's outcomes. botbuilder has already retried a 429 with
// Retry-After three times, and 5xx/network errors with its own exponential backoff, before the error reaches us.

interface HeaderBag {
  get?: (name: string) => string | undefined | null;
  [name: string]: unknown;
}

interface ConnectorError {
  statusCode?: unknown;
  response?: { status?: unknown; headers?: HeaderBag };
}

/** Transient answers: throttled (429), precondition race (412), gateway and server trouble, our own token trouble. */
const RETRY_STATUSES = new Set([401, 408, 412, 429, 500, 502, 503, 504]);

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const viaGet = typeof headers.get === 'function' ? headers.get(name) : undefined;
  if (typeof viaGet === 'string') return viaGet;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const raw = key ? headers[key] : undefined;
  return typeof raw === 'string' ? raw : undefined;
}

/** Retry-After in ms: `retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` as seconds or an HTTP date. */
export function retryAfterMsOf(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as ConnectorError | undefined)?.response?.headers;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(header(headers, name));
    if (header(headers, name) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function statusOf(err: unknown): number | undefined {
  const e = err as ConnectorError | undefined;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : e?.response?.status;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

export function classifySendError(err: unknown): SendOutcome {
  const status = statusOf(err);
  // No HTTP answer at all (ECONNREFUSED, ETIMEDOUT, DNS …): the connection failed; worth another try later.
  if (status === undefined) return { kind: 'retry', status: 0 };
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (RETRY_STATUSES.has(status)) {
    const retryAfterMs = retryAfterMsOf(err);
    return retryAfterMs === undefined ? { kind: 'retry', status } : { kind: 'retry', status, retryAfterMs };
  }
  if (status === 403)
    return { kind: 'final', status, reason: 'Teams weigert (403): de persoon heeft de bot geblokkeerd of verwijderd' };
  if (status === 404) return { kind: 'final', status, reason: 'Teams kent dit gesprek niet (404)' };
  return { kind: 'final', status, reason: `Teams weigert het bericht (${status})` };
}
