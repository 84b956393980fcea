/**
 * The PipedriveConnection reconciler: gather (the connection, its Secrets'
 * values, then the connector's check with them) -> planConnection (pure) ->
 * act (status, events, metrics) -> requeue for revalidation.
 *
 * A check costs API tokens, so a reconcile that finds nothing new (same
 * generation and annotations, same Secret versions, before the time the last
 * plan asked to come back) does not check again; resyncs and unrelated
 * events are then free. OAuth: the operator is the only refresher. Each
 * check refreshes and stores the rotated refresh token together with the new
 * access token (what sync Jobs use) in the operator-owned Secret before using
 * it (see src/kube/oauth-token-secret.ts), and comes back 15 minutes before
 * that access token expires, so Jobs always find one with time left.
 */
import {
  API_VERSION,
  CONNECTION_KIND,
  CONNECTION_LABEL,
  PART_OF_LABEL,
  PART_OF_VALUE,
  pipedriveConnectionSchema,
  type PipedriveConnection,
} from '../api/index.js';
import { parseResource } from './gather-resource.js';
import type { ConnectorConfig } from '../connector/index.js';
import type { Clock } from '../kube/clock.js';
import { splitKey, type KubeClients } from '../kube/client.js';
import type { Reconciler } from '../kube/controller.js';
import type { EventRecorder } from '../kube/event-recorder.js';
import type { SupervisedInformer } from '../kube/informer.js';
import { OAuthTokenSecretStore, oauthTokenSecretName, type StoredToken } from '../kube/oauth-token-secret.js';
import type { StatusWriter } from '../kube/status-writer.js';
import type { WireJob } from '../kube/wire-types.js';
import type { Logger } from '../observability/logger.js';
import { redact } from '../observability/redaction.js';
import type { SyncMetrics } from '../observability/metrics-sync.js';
import type { CheckResult, Source } from '../sync/contracts.js';
import { actOnConnection } from './act-connection.js';
import {
  credentialsVersion,
  gatherConnection,
  missingSecret,
  type GatheredCredentials,
} from './gather-connection.js';
import { planConnection, type ObservedConnection } from './connection-plan.js';

export interface ConnectionControllerDeps {
  clients: KubeClients;
  clock: Clock;
  logger: Logger;
  statusWriter: StatusWriter;
  recorder: EventRecorder;
  metrics: SyncMetrics;
  connectorFactory?: (config: ConnectorConfig) => Source;
  informers: () => {
    connections: SupervisedInformer<PipedriveConnection>;
    jobs: SupervisedInformer<WireJob>;
  };
}

interface Memo {
  fingerprint: string;
  notBefore: number;
}

export function createConnectionReconciler(deps: ConnectionControllerDeps): Reconciler {
  const memo = new Map<string, Memo>();
  let factory = deps.connectorFactory;
  return async (key) => {
    const { namespace, name } = splitKey(key);
    const cached = deps.informers().connections.get(namespace, name);
    if (!cached) {
      memo.delete(key);
      return;
    }
    const connection = parseResource(pipedriveConnectionSchema, cached, key);
    const now = deps.clock.now();
    const store = tokenStore(deps, connection);
    const gathered = await gatherConnection(deps.clients.core, connection, () => store);
    const fingerprint = [
      connection.metadata.uid,
      connection.metadata.generation,
      JSON.stringify(connection.metadata.annotations ?? {}),
      credentialsVersion(gathered.credentials),
    ].join('|');
    const previous = memo.get(key);
    if (previous && previous.fingerprint === fingerprint && now.getTime() < previous.notBefore) {
      return { requeueAfterMs: previous.notBefore - now.getTime() };
    }
    const observed: ObservedConnection = { connection };
    const problem = missingSecret(gathered.credentials);
    let apiRequests = 0;
    if (problem) {
      observed.secretProblem =
        problem.state === 'SecretNotFound'
          ? { reason: 'SecretNotFound', message: `Secret ${problem.secretName} does not exist` }
          : { reason: 'SecretKeyMissing', message: `Secret ${problem.secretName} has no key ${problem.key}` };
    } else {
      factory ??= (await import('../connector/index.js')).createConnector;
      const rotated: Rotation = { stored: false };
      const source = factory(connectorConfig(connection, gathered.credentials, store, rotated));
      observed.check = await safeCheck(source);
      const usage = source.usage();
      apiRequests = usage.requests;
      observed.usage = {
        dailyTokensLimit: usage.dailyTokensLimit,
        dailyTokensRemaining: usage.dailyTokensRemaining,
      };
      if (gathered.credentials.scheme === 'OAuth' && (rotated.stored || gathered.credentials.rotated)) {
        observed.tokenSecretName = oauthTokenSecretName(name);
      }
      if (rotated.accessTokenExpiresAt) observed.accessTokenExpiresAt = rotated.accessTokenExpiresAt;
    }
    const plan = planConnection(observed, now);
    const result = await actOnConnection(deps, connection, plan, apiRequests);
    if (result === 'gone') return;
    const requeueAfterMs = plan.requeueAfterMs ?? 0;
    // The fingerprint is re-read next time: our own token write changes it, which is fine (one extra look).
    memo.set(key, { fingerprint, notBefore: now.getTime() + requeueAfterMs });
    deps.logger.info('Reconciled connection', {
      kind: CONNECTION_KIND,
      namespace,
      name,
      reason: plan.status.conditions?.find((c) => c.type === 'Ready')?.reason,
      requeueAfterMs,
    });
    return requeueAfterMs > 0 ? { requeueAfterMs } : {};
  };
}

/** A check that throws (a bug, an unexpected failure) reads as the API being unavailable, with a clean message. */
async function safeCheck(source: Source): Promise<CheckResult> {
  try {
    return await source.check();
  } catch (error) {
    return {
      ok: false,
      reason: 'ApiUnavailable',
      message: redact(error instanceof Error ? error.message : String(error)),
    };
  }
}

function tokenStore(deps: ConnectionControllerDeps, connection: PipedriveConnection): OAuthTokenSecretStore {
  const name = connection.metadata.name;
  return new OAuthTokenSecretStore(
    deps.clients.core,
    connection.metadata.namespace ?? '',
    oauthTokenSecretName(name),
    { apiVersion: API_VERSION, kind: CONNECTION_KIND, name, uid: connection.metadata.uid ?? '' },
    { [PART_OF_LABEL]: PART_OF_VALUE, [CONNECTION_LABEL]: name },
  );
}

/** What a check's refreshes stored, for the plan. */
interface Rotation {
  stored: boolean;
  /** Expiry of the access token now in the Secret (ours, or a concurrent refresher's). */
  accessTokenExpiresAt?: Date;
}

function connectorConfig(
  connection: PipedriveConnection,
  credentials: GatheredCredentials,
  store: OAuthTokenSecretStore,
  rotated: Rotation,
): ConnectorConfig {
  const spec = connection.spec;
  const base = {
    companyDomain: spec.companyDomain,
    schema: spec.schema,
    apiUrl: spec.apiUrl,
    maxDailyBudgetPercent: spec.rateLimit.maxDailyBudgetPercent,
  };
  const value = (r: { state: string; value?: string }) => (r.state === 'Present' ? (r.value ?? '') : '');
  if (credentials.scheme === 'Basic') {
    return { ...base, auth: { scheme: 'Basic', apiToken: value(credentials.apiToken) } };
  }
  let current: StoredToken = credentials.rotated ?? { refreshToken: value(credentials.initialRefreshToken) };
  return {
    ...base,
    auth: {
      scheme: 'OAuth',
      clientId: value(credentials.clientId),
      clientSecret: value(credentials.clientSecret),
      refreshToken: current.refreshToken,
      // Every refresh is stored, rotated or not: the new access token is what sync Jobs use.
      onTokens: async (tokens) => {
        await store.save(
          {
            refreshToken: tokens.refreshToken,
            accessToken: tokens.accessToken,
            expiresAt: tokens.expiresAt,
            apiDomain: tokens.apiDomain ?? `https://${spec.companyDomain}.pipedrive.com`,
          },
          current,
        );
        rotated.stored = true;
        current = (await store.read()) ?? { refreshToken: tokens.refreshToken };
        rotated.accessTokenExpiresAt = current.accessTokenExpiresAt ?? tokens.expiresAt;
      },
    },
  };
}
