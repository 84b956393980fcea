import type { IncomingHttpHeaders } from 'node:http';
import type { ApiResponse } from './api-types.js';
import { failure, unauthorized } from './envelope.js';
import type { OAuthServer } from './oauth.js';

export interface Principal {
  /** Rate-limit key: the token itself identifies the burst window. */
  key: string;
  kind: 'api_token' | 'oauth';
}

/**
 * API token in `x-api-token` or `?api_token=`; OAuth access tokens as
 * `Authorization: Bearer`. A malformed Authorization header is a 400, any
 * unknown or expired token the gateway's 401.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  apiToken: string,
  oauth: OAuthServer | undefined,
): Principal | ApiResponse {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer ([^\s]+)$/.exec(authorization);
    if (!bearer) return failure(400, 'Invalid request: malformed authorization header');
    const token = bearer[1] as string;
    return oauth?.verifyAccessToken(token) ? { key: `oauth:${token}`, kind: 'oauth' } : unauthorized();
  }
  const headerToken = headers['x-api-token'];
  const token = typeof headerToken === 'string' ? headerToken : query.get('api_token');
  if (token === null || token === undefined || token === '') return unauthorized();
  return token === apiToken ? { key: `token:${token}`, kind: 'api_token' } : unauthorized();
}
