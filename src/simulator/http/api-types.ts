import type { IncomingHttpHeaders } from 'node:http';

export type ApiVersion = 'v1' | 'v2';

/** A parsed API request as handlers see it. */
export interface ApiRequest {
  method: string;
  version: ApiVersion;
  /** Path below the version prefix, e.g. '/deals/12'. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: Record<string, unknown>;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A client error a handler raises; becomes the standard error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
