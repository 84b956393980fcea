import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeResult {
  status: number;
  body: string;
}

/**
 * GETs a URL with an optional bearer token. TLS verification is off because the
 * apiserver serves a self-signed certificate on loopback. Never throws: status 0 means unreachable.
 */
export function probe(url: string, token?: string, timeoutMs = 2_000): Promise<ProbeResult> {
  return new Promise((resolveProbe) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(
      url,
      {
        method: 'GET',
        rejectUnauthorized: false,
        timeout: timeoutMs,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolveProbe({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveProbe({ status: 0, body: '' }));
    req.end();
  });
}

/** Polls `check` every 100 ms until it returns true; `failure` explains a timeout. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  failure: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 100));
  }
}
