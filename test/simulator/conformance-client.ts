import type { ApiVersion } from '../support/openapi/index.js';

/** A minimal HTTP client for conformance probes: raw status and parsed body, nothing interpreted. */

export interface ProbeResponse {
  status: number;
  body: unknown;
  /** The URL path and query as sent, for failure messages. */
  sent: string;
}

export interface ProbeRequest {
  version: ApiVersion;
  method: string;
  /** Path below the version prefix, query included, e.g. /deals?limit=1. */
  path: string;
  auth?: boolean;
  body?: unknown;
}

const PREFIX: Record<ApiVersion, string> = { v1: '/api/v1', v2: '/api/v2' };

export function probeClient(baseUrl: string, token: string) {
  return async (request: ProbeRequest): Promise<ProbeResponse> => {
    const sent = `${PREFIX[request.version]}${request.path}`;
    const headers: Record<string, string> = {};
    if (request.auth !== false) headers['x-api-token'] = token;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${sent}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparseable: text.slice(0, 200) };
    }
    return { status: response.status, body, sent: `${request.method} ${sent}` };
  };
}

export type ProbeClient = ReturnType<typeof probeClient>;
