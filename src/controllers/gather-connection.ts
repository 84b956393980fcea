/**
 * Gather for the connection controller: the PipedriveConnection from the cache
 * and the credential values from its Secrets, read fresh with the API server
 * (never cached, registered for redaction as soon as they are read). For OAuth
 * the refresh token comes from the operator-owned Secret once a rotation was
 * stored there, from the user's Secret before that.
 */
import type * as k8s from '@kubernetes/client-node';
import type { PipedriveConnection, SecretKeySelector } from '../api/index.js';
import { isNotFound } from '../kube/client.js';
import type { OAuthTokenSecretStore } from '../kube/oauth-token-secret.js';
import { type StoredToken } from '../kube/oauth-token-secret.js';
import { registerSecret } from '../observability/redaction.js';

export type SecretRead =
  | { state: 'Present'; value: string; resourceVersion: string }
  | { state: 'SecretNotFound'; secretName: string }
  | { state: 'SecretKeyMissing'; secretName: string; key: string };

export type GatheredCredentials =
  | { scheme: 'Basic'; apiToken: SecretRead }
  | {
      scheme: 'OAuth';
      clientId: SecretRead;
      clientSecret: SecretRead;
      /** The seed token in the user's Secret. */
      initialRefreshToken: SecretRead;
      /** The latest rotated token, when the operator stored one. */
      rotated?: StoredToken;
    };

export interface GatheredConnection {
  connection: PipedriveConnection;
  credentials: GatheredCredentials;
}

export async function readSecretKey(
  core: k8s.CoreV1Api,
  namespace: string,
  ref: SecretKeySelector,
): Promise<SecretRead> {
  let secret: k8s.V1Secret;
  try {
    secret = await core.readNamespacedSecret({ namespace, name: ref.name });
  } catch (error) {
    if (isNotFound(error)) return { state: 'SecretNotFound', secretName: ref.name };
    throw error;
  }
  const raw = secret.data?.[ref.key];
  if (raw === undefined) return { state: 'SecretKeyMissing', secretName: ref.name, key: ref.key };
  const value = Buffer.from(raw, 'base64').toString('utf8').trim();
  registerSecret(value);
  return { state: 'Present', value, resourceVersion: secret.metadata?.resourceVersion ?? '' };
}

export async function gatherConnection(
  core: k8s.CoreV1Api,
  connection: PipedriveConnection,
  tokenStore: () => OAuthTokenSecretStore,
): Promise<GatheredConnection> {
  const namespace = connection.metadata.namespace ?? '';
  const auth = connection.spec.auth;
  if (auth.scheme === 'OAuth' && auth.oauth) {
    const [clientId, clientSecret, initialRefreshToken, rotated] = await Promise.all([
      readSecretKey(core, namespace, auth.oauth.clientIdSecretRef),
      readSecretKey(core, namespace, auth.oauth.clientSecretSecretRef),
      readSecretKey(core, namespace, auth.oauth.refreshTokenSecretRef),
      tokenStore().read(),
    ]);
    return {
      connection,
      credentials: { scheme: 'OAuth', clientId, clientSecret, initialRefreshToken, rotated },
    };
  }
  const ref = auth.apiTokenSecretRef;
  const apiToken: SecretRead = ref
    ? await readSecretKey(core, namespace, ref)
    : { state: 'SecretNotFound', secretName: '' };
  return { connection, credentials: { scheme: 'Basic', apiToken } };
}

/** The first Secret problem, if any, in the order the spec lists the references. */
export function missingSecret(
  credentials: GatheredCredentials,
): Exclude<SecretRead, { state: 'Present' }> | undefined {
  const reads =
    credentials.scheme === 'Basic'
      ? [credentials.apiToken]
      : [
          credentials.clientId,
          credentials.clientSecret,
          ...(credentials.rotated ? [] : [credentials.initialRefreshToken]),
        ];
  return reads.find((r): r is Exclude<SecretRead, { state: 'Present' }> => r.state !== 'Present');
}

/**
 * A fingerprint of the user's credential Secret versions (never of values), to
 * notice changes. The operator-owned token Secret is left out: the operator
 * writes it during every OAuth check, and counting it would make each check
 * trigger the next.
 */
export function credentialsVersion(credentials: GatheredCredentials): string {
  const rv = (r: SecretRead) => (r.state === 'Present' ? r.resourceVersion : r.state);
  if (credentials.scheme === 'Basic') return rv(credentials.apiToken);
  return [rv(credentials.clientId), rv(credentials.clientSecret), rv(credentials.initialRefreshToken)].join(
    ',',
  );
}
