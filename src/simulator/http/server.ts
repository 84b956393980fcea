import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../options.js';
import { ApiError } from './api-types.js';
import type { ApiRequest, ApiResponse, ApiVersion } from './api-types.js';
import { authenticate } from './auth.js';
import { parseBody, readRawBody } from './body.js';
import { BodyBuffers } from './body-bytes.js';
import { errorBody, failure } from './envelope.js';
import type { FaultInjector } from './faults.js';
import type { OAuthServer } from './oauth.js';
import type { RateLimiter } from './rate-limit.js';
import type { Router } from './router.js';
import { recordRequest } from './stats.js';
import type { SimulatorStats } from './stats.js';
import { tokenCost } from './token-costs.js';

export interface ServerParts {
  router: Router;
  oauth: OAuthServer | undefined;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: SimulatorStats;
  apiToken: string;
  latencyMs(): number;
  /** Called before each API request (purges records past the 30-day window). */
  beforeRequest(): void;
  /** The simulated clock: every response's Date header tells it, as Pipedrive's tells its own. */
  now(): Date;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function splitVersion(pathname: string): { version: ApiVersion; path: string } | undefined {
  for (const [prefix, version] of [
    ['/api/v1/', 'v1'],
    ['/v1/', 'v1'],
    ['/api/v2/', 'v2'],
  ] as const) {
    if (pathname.startsWith(prefix))
      return { version, path: `/${pathname.slice(prefix.length)}`.replace(/\/+$/, '') || '/' };
  }
  return undefined;
}

let correlation = 0;
/** Reused across the responses of every simulator in this process (each response takes its own buffer). */
const bodyBuffers = new BodyBuffers();

export function createRequestListener(parts: ServerParts) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('date', parts.now().toUTCString());
    handle(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, failure(500, 'Internal Server Error'), {});
      else res.destroy(error instanceof Error ? error : undefined);
    });
  };
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const method = (req.method ?? 'GET').toUpperCase();
  const contentType = String(req.headers['content-type'] ?? '');
  if (url.pathname.startsWith('/oauth/')) {
    const raw = method === 'POST' ? await readRawBody(req) : '';
    if (!parts.oauth) return send(res, failure(404, 'OAuth is not enabled on this simulator.'), {});
    const response = parts.oauth.handle({
      method,
      path: url.pathname,
      query: url.searchParams,
      contentType,
      authorization: req.headers.authorization,
      form: new URLSearchParams(contentType.startsWith('application/x-www-form-urlencoded') ? raw : ''),
    });
    recordRequest(parts.stats, `${method} ${url.pathname}`, response.status, 0);
    return send(res, response, {});
  }
  const split = splitVersion(url.pathname);
  if (!split) {
    recordRequest(parts.stats, 'unknown', 404, 0);
    return send(res, failure(404, 'Unknown path. v1 lives at /api/v1 and /v1, v2 at /api/v2.'), {});
  }
  const principal = authenticate(req.headers, url.searchParams, parts.apiToken, parts.oauth);
  if ('status' in principal) {
    recordRequest(parts.stats, 'unauthorized', principal.status, 0);
    return send(res, principal, {});
  }
  const match = parts.router.match(method, split.version, split.path);
  if (match === undefined || match === 'method-not-allowed') {
    const response = match ? failure(405, 'Method not allowed') : failure(404, 'Unknown endpoint');
    recordRequest(parts.stats, `${method} ${split.version} ${split.path}`, response.status, 0);
    return send(res, response, parts.rateLimiter.peek(principal.key));
  }
  const endpoint = `${method} /${split.version}${match.route.template}`;
  const fault = parts.faults.decide(url.pathname);
  if (fault) {
    parts.stats.faultsInjected += 1;
    const handled = await injectFault(fault, parts, res, principal.key, endpoint);
    if (handled) return;
  }
  const cost = tokenCost(split.version, method, match.route.template);
  const decision = parts.rateLimiter.charge(principal.key, cost);
  if (!decision.allowed) {
    recordRequest(parts.stats, endpoint, 429, 0);
    return send(res, overLimit(), decision.headers);
  }
  let response: ApiResponse;
  try {
    parts.beforeRequest();
    const raw = method === 'GET' || method === 'DELETE' ? '' : await readRawBody(req);
    const apiReq: ApiRequest = {
      method,
      version: split.version,
      path: split.path,
      query: url.searchParams,
      headers: req.headers,
      params: match.params,
      body: parseBody(raw, contentType),
    };
    response = await match.route.handler(apiReq);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = { status: error.status, body: errorBody(error.message, error.extra) };
  }
  recordRequest(parts.stats, endpoint, response.status, cost);
  const latency = parts.latencyMs();
  if (latency > 0) await sleep(latency);
  send(res, response, decision.headers, fault === 'truncate');
}

function overLimit(): ApiResponse {
  return failure(429, 'Request over limit', { errorCode: 429 });
}

/** Applies a fault; returns true when the request is finished (no normal response follows). */
async function injectFault(
  fault: FaultKind,
  parts: ServerParts,
  res: ServerResponse,
  key: string,
  endpoint: string,
): Promise<boolean> {
  switch (fault) {
    case '429':
      recordRequest(parts.stats, endpoint, 429, 0);
      send(res, overLimit(), { ...parts.rateLimiter.peek(key), 'x-ratelimit-remaining': '0' });
      return true;
    case '500':
    case '502':
    case '503':
    case '504': {
      const status = Number(fault);
      recordRequest(parts.stats, endpoint, status, 0);
      send(
        res,
        failure(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
        parts.rateLimiter.peek(key),
      );
      return true;
    }
    case 'reset':
      recordRequest(parts.stats, endpoint, 0, 0);
      res.socket?.resetAndDestroy();
      return true;
    case 'timeout':
      recordRequest(parts.stats, endpoint, 0, 0);
      await sleep(parts.faults.timeoutMs);
      res.socket?.destroy();
      return true;
    case 'slow':
      await sleep(parts.faults.slowMs);
      return false;
    case 'truncate':
      return false;
  }
}

function send(
  res: ServerResponse,
  response: ApiResponse,
  rateHeaders: Record<string, string>,
  truncate = false,
): void {
  if (res.destroyed) return;
  correlation += 1;
  const isRedirect = response.status >= 300 && response.status < 400;
  const payload = isRedirect
    ? ''
    : typeof response.body === 'string'
      ? response.body
      : JSON.stringify(response.body);
  const { bytes: body, release } = bodyBuffers.encode(payload);
  res.writeHead(response.status, {
    ...(isRedirect ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': String(body.length),
    'x-correlation-id': `sim-${correlation}`,
    ...rateHeaders,
    ...(response.headers ?? {}),
  });
  if (truncate) {
    // Promise the full length, deliver half, then cut the connection.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return;
  }
  // 'finish' comes once the last byte is handed to the kernel: only then may the buffer be written again.
  res.once('finish', release);
  res.end(body);
}
