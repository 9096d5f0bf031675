// A minimal, fast stand-in for the Bot Connector, for throughput benches: `npx tsx bench/fast-connector.ts [--port N]`.
//
// It answers every POST /v3/conversations/:id/activities[/:replyToId] (a reply or a new message) with 200 `{id}` at
// once and counts it. It does not parse bodies; it only tells adaptive-card replies from plain-text ones, and keeps
// the first body of each kind. Anything else gets 404 and is counted too.
//   GET  /stats        → ConnectorStats as JSON
//   POST /stats/reset  → zeroes the counters
// Run as a child process (chat-throughput.bench.ts does): it prints `LISTENING <port>` on stdout and, when it has an
// IPC channel, sends { type: 'listening', port }.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerUsageProbes } from './process-probe.js';

export interface ConnectorStats {
  /** Accepted activity POSTs (replies and new messages). */
  activities: number;
  /** …of which carry an adaptive card attachment. */
  cards: number;
  /** …of which do not (plain text). */
  texts: number;
  /** Requests that matched no route. */
  unmatched: number;
  /** Body bytes received on accepted activity POSTs. */
  bytes: number;
  /** The first card reply's whole body (up to 256 KB), e.g. to replay it from a baseline bot. */
  sampleCard?: string;
  /** The start of the first text reply's body. */
  sampleText?: string;
}

const CARD_MARKER = Buffer.from('application/vnd.microsoft.card.adaptive');
const ACTIVITY_PATH = /^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?\/?$/;

export function startFastConnector(
  port = 0,
): Promise<{ port: number; stats: () => ConnectorStats; close: () => Promise<void> }> {
  let stats: ConnectorStats = { activities: 0, cards: 0, texts: 0, unmatched: 0, bytes: 0 };
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!.replace(/\/+/g, '/');
      if (req.method === 'POST' && ACTIVITY_PATH.test(path)) {
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        stats.activities++;
        stats.bytes += body.length;
        if (body.includes(CARD_MARKER)) {
          stats.cards++;
          stats.sampleCard ??= body.toString('utf8', 0, Math.min(body.length, 256 * 1024));
        } else {
          stats.texts++;
          stats.sampleText ??= body.toString('utf8', 0, Math.min(body.length, 400));
        }
        const json = `{"id":"fast-${++seq}"}`;
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
        res.end(json);
        return;
      }
      if (req.method === 'GET' && path === '/stats') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(stats));
        return;
      }
      if (req.method === 'POST' && path === '/stats/reset') {
        stats = { activities: 0, cards: 0, texts: 0, unmatched: 0, bytes: 0 };
        res.writeHead(204);
        res.end();
        return;
      }
      stats.unmatched++;
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"NotFound","message":"fast connector: no such route"}}');
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        stats: () => stats,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const { port, close } = await startFastConnector(i >= 0 ? Number(process.argv[i + 1]) : 0);
  console.log(`LISTENING ${port}`);
  process.send?.({ type: 'listening', port });
  answerUsageProbes();
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}
