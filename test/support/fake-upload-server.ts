import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the OneDrive upload session Teams hands a bot when someone accepts a file consent card
// (`uploadInfo.uploadUrl` of the `fileConsent/invoke`): it records every request with its raw bytes and answers like
// the last fragment of an upload session does (201 with the new drive item), or with a scripted failure.

export interface RecordedUpload {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  status: number;
}

export interface FakeUploadServer {
  /** An upload URL for a file of this name, as Teams would hand it out. */
  uploadUrl(name: string): string;
  readonly uploads: RecordedUpload[];
  /** The next `n` uploads are answered with `status` (e.g. 500, or 404 for an expired upload session). */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeUploadServer(): Promise<FakeUploadServer> {
  const uploads: RecordedUpload[] = [];
  let failures: Array<{ remaining: number; status: number }> = [];
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const body = Buffer.concat(chunks);
      const failure = failures.find((f) => f.remaining > 0);
      if (failure) failure.remaining -= 1;
      const status = failure ? failure.status : req.method === 'PUT' ? 201 : 405;
      uploads.push({ method: req.method ?? 'GET', path, headers: req.headers, body, status });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 201
            ? { id: `fake-item-${++seq}`, name: decodeURIComponent(path.split('/').pop() ?? ''), size: body.length }
            : { error: { code: status === 405 ? 'MethodNotAllowed' : 'Scripted', message: `scripted ${status}` } },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    uploadUrl: (name) => `http://127.0.0.1:${port}/upload-session/${encodeURIComponent(name)}`,
    uploads,
    failNext: (n, status) => {
      failures = [...failures.filter((f) => f.remaining > 0), { remaining: n, status }];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
