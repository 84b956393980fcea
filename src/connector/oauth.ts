/**
 * OAuth 2 refresh-token session. The access token is refreshed shortly
 * before it expires and once after a 401. Pipedrive may rotate the refresh
 * token and a used one may be invalid, so every refresh response is handed
 * to `onTokens` and awaited BEFORE the new access token is used: a crash
 * after that point never leaves the stored grant behind the server's.
 */
import { registerSecret } from '../observability/redaction.js';
import { SyncError } from '../sync/errors.js';
import { companyUrl, trimUrl } from './auth.js';
import type { Session } from './auth.js';
import type { ConnectorConfig, OAuthRefreshAuth, OAuthTokens } from './index.js';
import type { Wire } from './wire.js';

/** Refresh this long before the access token expires. */
const EARLY_REFRESH_MS = 60_000;

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  api_domain?: string;
}

function isTokenResponse(body: unknown): body is TokenResponse {
  return !!body && typeof body === 'object' && typeof (body as TokenResponse).access_token === 'string';
}

export class OAuthSession implements Session {
  private refreshToken: string;
  private accessToken: string | undefined;
  private expiresAt = 0;
  private apiDomain: string | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly auth: OAuthRefreshAuth,
    private readonly config: ConnectorConfig,
    private readonly wire: Wire,
  ) {
    this.refreshToken = auth.refreshToken;
  }

  private now(): number {
    return (this.config.clock ?? { now: () => new Date() }).now().getTime();
  }

  private tokenUrl(): string {
    return `${trimUrl(this.config.apiUrl ?? 'https://oauth.pipedrive.com')}/oauth/token`;
  }

  async headers(): Promise<Record<string, string>> {
    if (!this.accessToken || this.now() >= this.expiresAt - EARLY_REFRESH_MS) await this.refresh();
    return { authorization: `Bearer ${this.accessToken ?? ''}` };
  }

  async onUnauthorized(): Promise<boolean> {
    await this.refresh();
    return true;
  }

  async baseUrl(): Promise<string> {
    if (this.config.apiUrl) return trimUrl(this.config.apiUrl);
    if (!this.apiDomain) await this.headers();
    return trimUrl(this.apiDomain ?? companyUrl(this.config.companyDomain));
  }

  /** Concurrent callers share one refresh: the refresh token may be single-use. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const basic = Buffer.from(`${this.auth.clientId}:${this.auth.clientSecret}`).toString('base64');
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.refreshToken });
    let response;
    try {
      response = await this.wire.send({
        method: 'POST',
        url: this.tokenUrl(),
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        cost: 0,
        what: 'OAuth: POST /oauth/token',
      });
    } catch (error) {
      // The token endpoint answers 400 invalid_grant for a revoked or used refresh token.
      if (error instanceof SyncError && error.kind === 'configuration') {
        throw new SyncError('unauthorized', `${error.message}: the OAuth grant must be renewed`, {
          cause: error,
        });
      }
      throw error;
    }
    if (!isTokenResponse(response.body)) {
      throw new SyncError('malformed-response', 'OAuth: POST /oauth/token returned no access_token');
    }
    const body = response.body;
    registerSecret(body.access_token);
    registerSecret(body.refresh_token);
    const tokens: OAuthTokens = {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? this.refreshToken,
      expiresAt: new Date(this.now() + (body.expires_in ?? 3599) * 1000),
      ...(body.api_domain ? { apiDomain: body.api_domain } : {}),
    };
    // Persist first: if this throws, the new access token is never used.
    await this.auth.onTokens?.(tokens);
    this.refreshToken = tokens.refreshToken;
    this.accessToken = tokens.accessToken;
    this.expiresAt = tokens.expiresAt.getTime();
    this.apiDomain = tokens.apiDomain ?? this.apiDomain;
  }
}
