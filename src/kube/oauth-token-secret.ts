/**
 * The operator-owned Secret that holds a connection's latest OAuth refresh
 * token (Pipedrive may rotate it on every refresh, and the docs are unclear
 * whether the old one keeps working, so every rotated value must be kept).
 *
 * Design (see docs/operator.md, "OAuth refresh tokens"):
 * - One Secret per connection, `<connection>-oauth-token`, owned by the
 *   connection (controller ownerReference: deleted with it), labelled with the
 *   connection. Key `refreshToken`. The user's Secret is the seed only: it is
 *   read until the first rotation and never written.
 * - Every refresher (the operator's connection check, a sync Job pod) reads the
 *   token together with the Secret's resourceVersion, refreshes, and writes the
 *   new token BEFORE using the new access token (the connector's onTokens
 *   contract), as an update carrying that resourceVersion (optimistic
 *   concurrency). A 409 means someone else wrote meanwhile:
 *   - if the stored token is still the one we refreshed from, only metadata
 *     changed: retry with the fresh resourceVersion;
 *   - otherwise another refresher rotated the same token concurrently, which
 *     the server only allows when the old token stays valid; the stored value
 *     is then valid too and is kept.
 *   If the server does invalidate a used token, the slower refresher gets
 *   invalid_grant instead, re-reads the Secret and retries with the stored
 *   (newer) token: nothing is lost either way.
 * - Writes are retried with backoff: a rotated token that is never stored is
 *   the one way to lose the connection.
 */
import type * as k8s from '@kubernetes/client-node';
import { registerSecret } from '../observability/redaction.js';
import { isConflict, isNotFound } from './client.js';

export const OAUTH_REFRESH_TOKEN_KEY = 'refreshToken';

export function oauthTokenSecretName(connectionName: string): string {
  return `${connectionName}-oauth-token`;
}

export interface StoredToken {
  refreshToken: string;
  /** Undefined when the Secret does not exist yet. */
  resourceVersion?: string;
}

export interface TokenSecretOwner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export class OAuthTokenSecretStore {
  constructor(
    private readonly core: k8s.CoreV1Api,
    private readonly namespace: string,
    private readonly name: string,
    private readonly owner: TokenSecretOwner,
    private readonly labels: Record<string, string>,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The stored token, or undefined when nothing was rotated yet. */
  async read(): Promise<StoredToken | undefined> {
    try {
      const secret = await this.core.readNamespacedSecret({ namespace: this.namespace, name: this.name });
      const raw = secret.data?.[OAUTH_REFRESH_TOKEN_KEY];
      if (!raw) return undefined;
      const refreshToken = Buffer.from(raw, 'base64').toString('utf8');
      registerSecret(refreshToken);
      return { refreshToken, resourceVersion: secret.metadata?.resourceVersion };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Stores `next`, rotated from `from` (read with its resourceVersion). */
  async save(next: string, from: StoredToken): Promise<void> {
    registerSecret(next);
    let base = from;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(next, base.resourceVersion);
        return;
      } catch (error) {
        if (isConflict(error)) {
          const current = await this.read();
          if (current && current.refreshToken !== from.refreshToken) return; // a concurrent rotation won; it is valid
          base = { refreshToken: from.refreshToken, resourceVersion: current?.resourceVersion };
          continue;
        }
        if (attempt >= 6) throw error;
        await this.sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }

  private async write(refreshToken: string, resourceVersion: string | undefined): Promise<void> {
    const body: k8s.V1Secret = {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: this.labels,
        ownerReferences: [{ ...this.owner, controller: true, blockOwnerDeletion: true }],
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      type: 'Opaque',
      data: { [OAUTH_REFRESH_TOKEN_KEY]: Buffer.from(refreshToken, 'utf8').toString('base64') },
    };
    if (resourceVersion)
      await this.core.replaceNamespacedSecret({ namespace: this.namespace, name: this.name, body });
    else await this.core.createNamespacedSecret({ namespace: this.namespace, body });
  }
}
