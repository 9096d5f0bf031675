/**
 * The one deprecation warning every start printed, traced: restify 11 `require`s spdy at load (restify/lib/server.js,
 * for an HTTP/2-over-SPDY mode this bot never uses), spdy 4.0.2 loads http-deceiver 1.2.7, and http-deceiver reads
 * `process.binding('http_parser')` at load, which Node reports as DEP0111 (twice). Neither package has a newer release;
 * restify 12 drops spdy but needs Node 22 or later. The binding is read and never used here (the bot's server is
 * restify's plain `http` one), so this warning says nothing an operator can act on; it is hidden, and every other
 * warning still goes to Node's own output (stderr), unchanged. Remove this once restify is on 12 (docs/deploy.md).
 *
 * Node prints warnings from a `process.on('warning')` listener and emits them on the next tick, so this must run in
 * the same synchronous pass as the imports that load restify (main.ts calls it first thing).
 */
export function isKnownDeprecation(warning: Error & { code?: unknown }): boolean {
  return warning.code === 'DEP0111' && warning.message.includes("'http_parser'");
}

export function hideKnownDeprecation(): void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (isKnownDeprecation(warning)) return;
    for (const print of printers) print.call(process, warning);
  });
}
