/**
 * The operator-owned Secret that holds a connection's OAuth grant: the latest
 * refresh token (Pipedrive may rotate it on every refresh, and the docs are
 * unclear whether the old one keeps working, so every rotated value must be
 * kept) and the access token sync Jobs use.
 *
 * Design (see docs/operator.md, "OAuth refresh tokens"):
 * - One Secret per connection, `<connection>-oauth-token`, owned by the
 *   connection (controller ownerReference: deleted with it), labelled with the
 *   connection and with OAUTH_TOKEN_LABEL (the shipped admission policy lets
 *   the operator write only Secrets carrying it). Keys: OAUTH_TOKEN_KEYS. The
 *   user's Secret is the seed only: read until the first rotation, never written.
 * - The operator is the only refresher. Sync Jobs mount just the access token
 *   and api_domain; they never refresh, so a rotation cannot be lost in a pod.
 * - A refresh reads the token together with the Secret's resourceVersion,
 *   refreshes, and writes the new tokens BEFORE using the new access token
 *   (the connector's onTokens contract), as an update carrying that
 *   resourceVersion (optimistic concurrency). A 409 means someone else wrote:
 *   - if the stored refresh token is still the one we refreshed from, only
 *     metadata changed: retry with the fresh resourceVersion;
 *   - otherwise another refresher (a second operator replica losing its lease
 *     mid-check) rotated the same token concurrently, which the server only
 *     allows when the old token stays valid; the stored grant is then valid
 *     too and is kept.
 * - Writes are retried with backoff: a rotated token that is never stored is
 *   the one way to lose the connection.
 */
import type * as k8s from '@kubernetes/client-node';
import { OAUTH_TOKEN_KEYS, OAUTH_TOKEN_LABEL } from '../api/index.js';
import { registerSecret } from '../observability/redaction.js';
import { isConflict, isNotFound } from './client.js';

export const OAUTH_REFRESH_TOKEN_KEY = OAUTH_TOKEN_KEYS.refreshToken;

export function oauthTokenSecretName(connectionName: string): string {
  return `${connectionName}-oauth-token`;
}

export interface StoredToken {
  refreshToken: string;
  /** Undefined when the Secret does not exist yet. */
  resourceVersion?: string;
  /** When the stored access token expires, if one is stored. */
  accessTokenExpiresAt?: Date;
}

/** What one refresh produced; everything is stored together. */
export interface IssuedTokens {
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
  /** Base URL issued with the token (the company URL when the server sent none). */
  apiDomain: string;
}

export interface TokenSecretOwner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64');

export class OAuthTokenSecretStore {
  constructor(
    private readonly core: k8s.CoreV1Api,
    private readonly namespace: string,
    private readonly name: string,
    private readonly owner: TokenSecretOwner,
    private readonly labels: Record<string, string>,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The stored refresh token, or undefined when nothing was rotated yet. */
  async read(): Promise<StoredToken | undefined> {
    try {
      const secret = await this.core.readNamespacedSecret({ namespace: this.namespace, name: this.name });
      const raw = secret.data?.[OAUTH_TOKEN_KEYS.refreshToken];
      if (!raw) return undefined;
      const refreshToken = Buffer.from(raw, 'base64').toString('utf8');
      registerSecret(refreshToken);
      const expiry = secret.data?.[OAUTH_TOKEN_KEYS.accessTokenExpiresAt];
      const expiresAt = expiry ? new Date(Buffer.from(expiry, 'base64').toString('utf8')) : undefined;
      return {
        refreshToken,
        resourceVersion: secret.metadata?.resourceVersion,
        ...(expiresAt && !Number.isNaN(expiresAt.getTime()) ? { accessTokenExpiresAt: expiresAt } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Stores `next`, refreshed from `from` (read with its resourceVersion).
   * Returns false when a concurrent refresh's grant was kept instead.
   */
  async save(next: IssuedTokens, from: StoredToken): Promise<boolean> {
    registerSecret(next.refreshToken);
    registerSecret(next.accessToken);
    let base = from;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(next, base.resourceVersion);
        return true;
      } catch (error) {
        if (isConflict(error)) {
          const current = await this.read();
          if (current && current.refreshToken !== from.refreshToken) return false; // a concurrent rotation won; it is valid
          base = { refreshToken: from.refreshToken, resourceVersion: current?.resourceVersion };
          continue;
        }
        if (attempt >= 6) throw error;
        await this.sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }

  private async write(tokens: IssuedTokens, resourceVersion: string | undefined): Promise<void> {
    const body: k8s.V1Secret = {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: { ...this.labels, [OAUTH_TOKEN_LABEL]: 'true' },
        ownerReferences: [{ ...this.owner, controller: true, blockOwnerDeletion: true }],
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      type: 'Opaque',
      data: {
        [OAUTH_TOKEN_KEYS.refreshToken]: encode(tokens.refreshToken),
        [OAUTH_TOKEN_KEYS.accessToken]: encode(tokens.accessToken),
        [OAUTH_TOKEN_KEYS.accessTokenExpiresAt]: encode(tokens.expiresAt.toISOString()),
        [OAUTH_TOKEN_KEYS.apiDomain]: encode(tokens.apiDomain),
      },
    };
    if (resourceVersion)
      await this.core.replaceNamespacedSecret({ namespace: this.namespace, name: this.name, body });
    else await this.core.createNamespacedSecret({ namespace: this.namespace, body });
  }
}
