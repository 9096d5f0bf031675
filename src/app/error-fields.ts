/**
 * What a log line may say about an error: its class name and code (e.g. `SQLITE_BUSY`), never its message, which can
 * carry a statement's values or a remote answer.
 */
export function errorFields(err: unknown): { name?: string; code?: unknown } {
  const e = (err ?? {}) as { name?: unknown; code?: unknown };
  return { name: typeof e.name === 'string' ? e.name : undefined, code: e.code };
}
