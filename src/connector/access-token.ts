/**
 * An OAuth access token issued and refreshed by someone else (the operator,
 * for sync Jobs). This session never refreshes: a refresh token may be
 * single-use, and only one refresher can keep every rotation. On a 401 it
 * asks for the current token once (a file the kubelet updates when the
 * operator renews it); when that is no newer the run fails with a retryable
 * error, so the Job's next attempt starts with the renewed token.
 */
import { registerSecret } from '../observability/redaction.js';
import { SyncError } from '../sync/errors.js';
import type { Session } from './auth.js';
import type { OAuthAccessTokenAuth } from './index.js';

export class AccessTokenSession implements Session {
  private token: string;

  constructor(
    private readonly auth: OAuthAccessTokenAuth,
    private readonly url: string,
  ) {
    this.token = auth.accessToken;
  }

  headers(): Promise<Record<string, string>> {
    return Promise.resolve({ authorization: `Bearer ${this.token}` });
  }

  async onUnauthorized(): Promise<boolean> {
    // Without a way to get a newer token, a 401 is plainly invalid credentials.
    if (!this.auth.reloadAccessToken) return false;
    let next = '';
    try {
      next = (await this.auth.reloadAccessToken()).trim();
    } catch {
      // An unreadable file is treated like an unchanged one: the retry below decides.
    }
    if (next && next !== this.token) {
      registerSecret(next);
      this.token = next;
      return true;
    }
    throw new SyncError(
      'transient',
      'The API rejected the OAuth access token (401) and no renewed token is available yet; ' +
        'its issuer renews it, and a retry of the run uses the renewed one',
    );
  }

  baseUrl(): Promise<string> {
    return Promise.resolve(this.url);
  }
}
