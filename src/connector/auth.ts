/**
 * Credentials for API calls. An API token goes in the `x-api-token` header
 * (never in the query string, where proxies log it); OAuth with a refresh
 * token is in oauth.ts, with an access token issued elsewhere in access-token.ts.
 * Each decides the base URL: apiUrl override, else the OAuth api_domain, else
 * the company host.
 */
import { registerSecret } from '../observability/redaction.js';
import { ConfigurationError } from '../sync/errors.js';
import type { ConnectorConfig } from './index.js';
import { AccessTokenSession } from './access-token.js';
import { OAuthSession } from './oauth.js';
import type { Authorizer, Wire } from './wire.js';

export interface Session extends Authorizer {
  /** Base URL without a trailing slash, e.g. https://acme.pipedrive.com. */
  baseUrl(): Promise<string>;
}

export function companyUrl(companyDomain: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(companyDomain)) {
    throw new ConfigurationError(`companyDomain "${companyDomain}" is not a Pipedrive company subdomain`);
  }
  return `https://${companyDomain}.pipedrive.com`;
}

export function trimUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

class ApiTokenSession implements Session {
  constructor(
    private readonly token: string,
    private readonly url: string,
  ) {}
  headers(): Promise<Record<string, string>> {
    return Promise.resolve({ 'x-api-token': this.token });
  }
  onUnauthorized(): Promise<boolean> {
    return Promise.resolve(false);
  }
  baseUrl(): Promise<string> {
    return Promise.resolve(this.url);
  }
}

export function createSession(config: ConnectorConfig, wire: Wire): Session {
  const auth = config.auth;
  if (auth.scheme === 'Basic') {
    if (!auth.apiToken) throw new ConfigurationError('auth.apiToken is empty');
    registerSecret(auth.apiToken);
    // Such a token cannot go into a header: every request would fail as a network error, retried forever.
    if (!/^[\x21-\x7e]+$/.test(auth.apiToken))
      throw new ConfigurationError(
        'The API token holds characters no Pipedrive token has (wrong encoding or a stray character in the Secret or file).',
      );
    return new ApiTokenSession(auth.apiToken, trimUrl(config.apiUrl ?? companyUrl(config.companyDomain)));
  }
  if ('accessToken' in auth) {
    if (!auth.accessToken) throw new ConfigurationError('auth.accessToken is empty');
    if (!/^[\x21-\x7e]+$/.test(auth.accessToken))
      throw new ConfigurationError('The OAuth access token holds characters no token has (wrong encoding?).');
    registerSecret(auth.accessToken);
    const url = config.apiUrl ?? auth.apiDomain ?? companyUrl(config.companyDomain);
    return new AccessTokenSession(auth, trimUrl(url));
  }
  if (!auth.clientId || !auth.clientSecret || !auth.refreshToken) {
    throw new ConfigurationError('OAuth needs clientId, clientSecret and refreshToken');
  }
  registerSecret(auth.clientSecret);
  registerSecret(auth.refreshToken);
  return new OAuthSession(auth, config, wire);
}
