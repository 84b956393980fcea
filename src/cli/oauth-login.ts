/**
 * The OAuth authorization-code flow for a person at a terminal: a one-shot
 * HTTP listener on 127.0.0.1 receives the browser's redirect, the state is
 * checked against the one we generated (so another site cannot inject a
 * code), and the code is exchanged at /oauth/token with the client's Basic
 * credentials.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerSecret } from '../observability/redaction.js';
import { ConfigurationError, SyncError } from '../sync/errors.js';

export interface OAuthLoginOptions {
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  /** Local port for the redirect; 0 picks a free one. */
  port: number;
  timeoutMs: number;
  /** Called once the listener is up, with the URL the person must open. */
  onAuthorizeUrl(url: string): void;
  fetch?: typeof fetch;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  apiDomain?: string;
  scope?: string;
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p style="font:16px sans-serif">${text}</p>`;

function reply(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
  res.end(PAGE(title, text));
}

/** Waits for GET /callback and resolves with the authorization code. */
function awaitRedirect(
  options: OAuthLoginOptions,
  state: string,
): Promise<{ code: string; redirectUri: string }> {
  return new Promise((resolve, reject) => {
    let redirectUri = '';
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') return reply(res, 404, 'Not found', 'Not found.');
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        server.close();
        server.closeAllConnections();
        outcome();
      };
      const error = url.searchParams.get('error');
      if (error) {
        reply(res, 400, 'Authorization failed', 'Authorization was not granted. You can close this tab.');
        return finish(() =>
          reject(new ConfigurationError(`Pipedrive did not grant authorization (${error}).`)),
        );
      }
      if (url.searchParams.get('state') !== state) {
        reply(
          res,
          400,
          'Authorization failed',
          'The state did not match this login. You can close this tab.',
        );
        return finish(() =>
          reject(
            new ConfigurationError(
              'The OAuth redirect carried a different state than this login sent, so it was refused; start the login again.',
            ),
          ),
        );
      }
      const code = url.searchParams.get('code');
      if (!code) {
        reply(res, 400, 'Authorization failed', 'The redirect carried no code.');
        return finish(() =>
          reject(new ConfigurationError('The OAuth redirect carried no authorization code.')),
        );
      }
      registerSecret(code);
      reply(
        res,
        200,
        'Connected',
        'Connected to Pipedrive. You can close this tab and return to the terminal.',
      );
      finish(() => resolve({ code, redirectUri }));
    });
    const timer = setTimeout(() => {
      server.close();
      server.closeAllConnections();
      reject(
        new ConfigurationError(
          `No OAuth redirect arrived within ${Math.round(options.timeoutMs / 1000)} s; start the login again.`,
        ),
      );
    }, options.timeoutMs);
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new ConfigurationError(
          `Cannot listen on 127.0.0.1:${options.port} for the OAuth redirect: ${error.message}.`,
        ),
      );
    });
    server.listen(options.port, '127.0.0.1', () => {
      redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
      const authorize = new URL('/oauth/authorize', options.oauthUrl);
      authorize.searchParams.set('client_id', options.clientId);
      authorize.searchParams.set('redirect_uri', redirectUri);
      authorize.searchParams.set('state', state);
      options.onAuthorizeUrl(authorize.toString());
    });
  });
}

async function exchangeCode(
  options: OAuthLoginOptions,
  code: string,
  redirectUri: string,
): Promise<OAuthTokens> {
  const doFetch = options.fetch ?? fetch;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  let response: Response;
  try {
    response = await doFetch(new URL('/oauth/token', options.oauthUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
      }).toString(),
    });
  } catch (error) {
    throw new SyncError(
      'transient',
      `Cannot reach the OAuth server at ${options.oauthUrl} to exchange the code.`,
      { cause: error },
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.refresh_token !== 'string' || typeof body.access_token !== 'string') {
    const detail = typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
    const kind = response.status >= 500 ? 'transient' : 'unauthorized';
    throw new SyncError(
      kind,
      `The OAuth server refused the code exchange: ${detail}; check the client id and secret.`,
    );
  }
  registerSecret(body.refresh_token);
  registerSecret(body.access_token);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 0,
    apiDomain: typeof body.api_domain === 'string' ? body.api_domain : undefined,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  };
}

/** Runs the whole flow and returns the tokens. */
export async function loginWithOAuth(options: OAuthLoginOptions): Promise<OAuthTokens> {
  const state = randomBytes(16).toString('hex');
  const { code, redirectUri } = await awaitRedirect(options, state);
  return exchangeCode(options, code, redirectUri);
}
