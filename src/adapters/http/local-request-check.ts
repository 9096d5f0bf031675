import type { IncomingHttpHeaders } from 'node:http';

// Local mode accepts activities without a token, on 127.0.0.1 only. That still leaves one way in: a web page of any
// origin open in a browser on the same machine can post to 127.0.0.1 (a `text/plain` POST needs no CORS preflight),
// and the bot would act on it as a roster member. Browsers mark such requests: they send `Origin`, and
// `Sec-Fetch-Site` other than `none`, and a form or `fetch` without a preflight cannot send `application/json`. The
// Agents Playground and the tests are programs, not pages: they send JSON and neither header. So in local mode a
// request with either header, or with another content type, is refused before its body is read.

export type LocalRequestRefusal = { status: 403; error: 'cross_site_request' } | { status: 415; error: 'json_only' };

export function refuseLocalRequest(headers: IncomingHttpHeaders): LocalRequestRefusal | undefined {
  const site = headers['sec-fetch-site'];
  if (headers.origin !== undefined || (site !== undefined && site !== 'none'))
    return { status: 403, error: 'cross_site_request' };
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, error: 'json_only' };
  return undefined;
}
