import type { OAuthOptions } from '../options.js';
import { hexKey, STREAM } from '../seeded-random.js';
import { DAY_MS } from '../world/record.js';
import type { ApiResponse } from './api-types.js';

const CODE_TTL_MS = 5 * 60_000;
const REFRESH_IDLE_MS = 60 * DAY_MS;
const SCOPE =
  'base,deals:read,contacts:read,activities:read,products:read,projects:read,leads:read,users:read,recents:read,goals:read,mail:read';

interface RefreshState {
  lastUsed: number;
  valid: boolean;
}

interface AccessState {
  expiresAt: number;
  refreshToken: string;
  revoked: boolean;
}

export interface OAuthRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

/**
 * The OAuth server at /oauth: authorize approves at once, token issues access
 * tokens that expire on the simulated clock, refresh tokens idle-expire after 60
 * days and rotate when configured.
 */
export class OAuthServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly rotate: boolean;
  readonly ttlSeconds: number;
  private counter = 0;
  private readonly codes = new Map<string, { createdAt: number; redirectUri: string }>();
  private readonly refresh = new Map<string, RefreshState>();
  private readonly access = new Map<string, AccessState>();
  private readonly exchangedApiTokens = new Set<string>();

  constructor(
    options: OAuthOptions,
    private readonly seed: number,
    private readonly now: () => number,
    private readonly apiDomain: () => string,
    private readonly apiToken: string,
  ) {
    this.clientId = options.clientId ?? `sim-client-${seed}`;
    this.clientSecret = options.clientSecret ?? hexKey(seed, STREAM.tokens ?? 0, 1);
    this.rotate = options.rotateRefreshTokens ?? false;
    this.ttlSeconds = options.accessTokenTtlSeconds ?? 3599;
  }

  /** A refresh token issued up front so tests can start from the refresh grant. */
  issueRefreshToken(): string {
    const token = this.mint('rt');
    this.refresh.set(token, { lastUsed: this.now(), valid: true });
    return token;
  }

  /** Whether a bearer token is a live access token. */
  verifyAccessToken(token: string): boolean {
    const state = this.access.get(token);
    return !!state && !state.revoked && this.now() < state.expiresAt;
  }

  handle(req: OAuthRequest): ApiResponse {
    if (req.path === '/oauth/authorize' && req.method === 'GET') return this.authorize(req.query);
    if (req.path === '/oauth/token' && req.method === 'POST') return this.token(req);
    if (req.path === '/oauth/revoke' && req.method === 'POST') return this.revoke(req);
    return { status: 404, body: { success: false, message: 'Not found' } };
  }

  private authorize(query: URLSearchParams): ApiResponse {
    const redirectUri = query.get('redirect_uri');
    if (query.get('client_id') !== this.clientId)
      return oauthError('Invalid client: client is invalid', 'invalid_client');
    if (!redirectUri || !isUri(redirectUri)) {
      return oauthError('Invalid request: redirect_uri is not a valid URI', 'invalid_request');
    }
    const code = this.mint('code');
    this.codes.set(code, { createdAt: this.now(), redirectUri });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, body: '', headers: { location: target.toString() } };
  }

  private token(req: OAuthRequest): ApiResponse {
    if (!req.contentType.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(
        'Invalid request: content must be application/x-www-form-urlencoded',
        'invalid_request',
      );
    }
    const clientError = this.checkClient(req);
    if (clientError) return clientError;
    const grant = req.form.get('grant_type');
    if (!grant) return oauthError('Missing parameter: grant_type', 'invalid_request');
    if (grant === 'authorization_code') return this.codeGrant(req.form);
    if (grant === 'refresh_token') return this.refreshGrant(req.form);
    if (grant === 'exchange_api_token') return this.exchangeGrant(req.form);
    return oauthError('Unsupported grant type: grant_type is invalid', 'unsupported_grant_type');
  }

  private codeGrant(form: URLSearchParams): ApiResponse {
    const code = form.get('code') ?? '';
    const entry = this.codes.get(code);
    if (!entry) return oauthError('Invalid grant: authorization_code is invalid', 'invalid_grant');
    this.codes.delete(code);
    if (this.now() - entry.createdAt > CODE_TTL_MS) {
      return oauthError('Invalid grant: authorization_code has expired', 'invalid_grant');
    }
    const redirectUri = form.get('redirect_uri');
    if (!redirectUri || !isUri(redirectUri)) {
      return oauthError('Invalid request: redirect_uri is not a valid URI', 'invalid_request');
    }
    if (redirectUri !== entry.redirectUri)
      return oauthError('Invalid request: redirect_uri is invalid', 'invalid_request');
    return this.tokens(this.issueRefreshToken());
  }

  private refreshGrant(form: URLSearchParams): ApiResponse {
    const token = form.get('refresh_token') ?? '';
    const state = this.refresh.get(token);
    const now = this.now();
    if (!state || !state.valid || now - state.lastUsed > REFRESH_IDLE_MS) {
      return oauthError('Invalid grant: refresh_token is invalid', 'invalid_grant');
    }
    state.lastUsed = now;
    if (!this.rotate) return this.tokens(token);
    state.valid = false;
    return this.tokens(this.issueRefreshToken());
  }

  private exchangeGrant(form: URLSearchParams): ApiResponse {
    const apiToken = form.get('api_token') ?? '';
    if (apiToken !== this.apiToken || this.exchangedApiTokens.has(apiToken)) {
      return oauthError('Invalid grant: api_token is invalid', 'invalid_grant');
    }
    this.exchangedApiTokens.add(apiToken);
    return this.tokens(this.issueRefreshToken());
  }

  private revoke(req: OAuthRequest): ApiResponse {
    const clientError = this.checkClient(req);
    if (clientError) return clientError;
    const token = req.form.get('token') ?? '';
    const refresh = this.refresh.get(token);
    if (refresh) {
      refresh.valid = false;
      for (const state of this.access.values()) if (state.refreshToken === token) state.revoked = true;
    }
    const access = this.access.get(token);
    if (access) access.revoked = true;
    return { status: 200, body: { success: true } };
  }

  private tokens(refreshToken: string): ApiResponse {
    const accessToken = `v1u:${this.mint('at')}`;
    this.access.set(accessToken, {
      expiresAt: this.now() + this.ttlSeconds * 1000,
      refreshToken,
      revoked: false,
    });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        refresh_token: refreshToken,
        scope: SCOPE,
        expires_in: this.ttlSeconds,
        api_domain: this.apiDomain(),
      },
    };
  }

  private checkClient(req: OAuthRequest): ApiResponse | undefined {
    let id = req.form.get('client_id');
    let secret = req.form.get('client_secret');
    const basic = /^Basic\s+(\S+)$/i.exec(req.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      const split = decoded.indexOf(':');
      id = split < 0 ? decoded : decoded.slice(0, split);
      secret = split < 0 ? '' : decoded.slice(split + 1);
    }
    if (!id || !secret)
      return oauthError('Invalid client: cannot retrieve client credentials', 'invalid_client');
    if (id !== this.clientId || secret !== this.clientSecret)
      return oauthError('Invalid client: client is invalid', 'invalid_client');
    return undefined;
  }

  private mint(kind: string): string {
    this.counter += 1;
    return `${kind === 'rt' ? `${this.seed}:` : ''}${hexKey(this.seed + this.counter * 7919, STREAM.tokens ?? 0, this.counter)}`;
  }
}

function oauthError(message: string, error: string): ApiResponse {
  return { status: 400, body: { success: false, message, error } };
}

function isUri(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
