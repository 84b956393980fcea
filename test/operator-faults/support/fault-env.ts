/**
 * The objects every operator-fault test starts from, on any control plane: the
 * CRDs, the Pipedrive simulator, the token and warehouse Secrets and a
 * PipedriveConnection that becomes Ready against the simulator. There is no pod
 * runner: sync Jobs are created but their pods stay Pending, so a Job stays
 * active and the test observes only what the operator decides.
 */
import * as k8s from '@kubernetes/client-node';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { installCrds } from '../../operator/support/crds.js';
import {
  applySecret,
  condition,
  createObject,
  getObject,
  waitFor,
  type OperatorEnv,
} from '../../operator/support/operator-env.js';

/** The subset of test/operator's environment its object helpers use (namespace and API clients). */
export type ApiEnv = Pick<OperatorEnv, 'namespace' | 'kubeConfig' | 'core' | 'batch' | 'custom' | 'events'>;

export interface FaultEnv {
  api: ApiEnv;
  /** `api` typed for the helpers of test/operator/support/operator-env.ts, which read only its clients. */
  env: OperatorEnv;
  simulator: RunningSimulator;
  close(): Promise<void>;
}

export const CONNECTION = 'acme';

export function apiEnv(kubeConfig: k8s.KubeConfig, namespace: string): ApiEnv {
  return {
    namespace,
    kubeConfig,
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
    batch: kubeConfig.makeApiClient(k8s.BatchV1Api),
    custom: kubeConfig.makeApiClient(k8s.CustomObjectsApi),
    events: kubeConfig.makeApiClient(k8s.EventsV1Api),
  };
}

export async function prepareFaultEnv(kubeConfig: k8s.KubeConfig, namespace: string): Promise<FaultEnv> {
  await installCrds(kubeConfig);
  const api = apiEnv(kubeConfig, namespace);
  const env = api as OperatorEnv;
  const simulator = await startSimulator({ seed: 11, scale: 5, companyDomain: CONNECTION });
  await applySecret(env, 'pipedrive', { token: simulator.token });
  // Never used: no pod runs. The SyncJob controller only checks the key exists.
  await applySecret(env, 'warehouse', { url: 'postgres://postgres@127.0.0.1:5432/test?schema=faults' });
  await createObject(env, 'PipedriveConnection', CONNECTION, {
    companyDomain: CONNECTION,
    apiUrl: simulator.url,
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
  });
  return { api, env, simulator, close: () => simulator.close() };
}

export async function waitForConnectionReady(env: OperatorEnv, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    'the connection to be Ready',
    async () =>
      condition(await getObject(env, 'PipedriveConnection', CONNECTION), 'Ready')?.status === 'True',
    timeoutMs,
  );
}

/** A SyncJob spec reading one small table into the (never reached) warehouse. */
export function syncJobSpec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    connectionRef: { name: CONNECTION },
    tables: ['pipelines'],
    destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
    ...extra,
  };
}
