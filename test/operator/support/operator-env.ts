/**
 * One end-to-end environment per test file: a namespace on the local control
 * plane with the CRDs, the Pipedrive simulator, a PostgreSQL schema, the local
 * pod runner (runs the sync Jobs' pods as local processes) and the operator
 * running in this process against that namespace, authenticated as its
 * ServiceAccount with exactly the shipped RBAC and admission policy (see
 * shipped-rbac.ts). The Lease lives in the operator namespace the shipped
 * Role covers, under a name unique to the test file.
 */
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { API_VERSION, CONNECTION_PLURAL, GROUP, SYNC_JOB_PLURAL, VERSION } from '../../../src/api/index.js';
import { mergePatchOptions } from '../../../src/kube/status-writer.js';
import { createLogger } from '../../../src/observability/logger.js';
import { startOperator, type OperatorOptions, type RunningOperator } from '../../../src/operator/manager.js';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.js';
import { createTestNamespace, type TestNamespace } from '../../support/cluster/namespace.js';
import { startPodRunner, type RunningPodRunner } from '../../support/pod-runner/index.js';
import { installCrds } from './crds.js';
import {
  installShippedRbac,
  OPERATOR_NAMESPACE,
  operatorIdentity,
  waitForSecretPolicy,
} from './shipped-rbac.js';

export const PG_BASE = 'postgres://postgres@127.0.0.1:5432/test';

export interface OperatorEnv {
  ns: TestNamespace;
  namespace: string;
  /** Admin credentials, for the test's own calls. */
  kubeConfig: k8s.KubeConfig;
  /** The operator's ServiceAccount credentials (shipped RBAC only). */
  operatorKubeConfig: k8s.KubeConfig;
  operatorKubeconfigPath: string;
  leaseNamespace: string;
  leaseName: string;
  core: k8s.CoreV1Api;
  batch: k8s.BatchV1Api;
  custom: k8s.CustomObjectsApi;
  events: k8s.EventsV1Api;
  simulator: RunningSimulator;
  pgSchema: string;
  pgUrl: string;
  db: pg.Client;
  runner: RunningPodRunner;
  operator?: RunningOperator;
  startOperator(overrides?: Partial<OperatorOptions>): Promise<RunningOperator>;
  close(): Promise<void>;
}

export async function createOperatorEnv(
  prefix: string,
  options: { operator?: boolean; simulator?: SimulatorOptions } = {},
): Promise<OperatorEnv> {
  const ns = await createTestNamespace(prefix);
  const kubeConfig = ns.kubeConfig;
  await installCrds(kubeConfig);
  await installShippedRbac(ns.controlPlane);
  const identity = await operatorIdentity(kubeConfig);
  await waitForSecretPolicy(identity.kubeConfig, kubeConfig, ns.name);
  const simulator = await startSimulator({ seed: 7, scale: 20, companyDomain: 'acme', ...options.simulator });
  const pgSchema = `op_${randomBytes(4).toString('hex')}`;
  const db = new pg.Client({ connectionString: PG_BASE });
  await db.connect();
  const runner = await startPodRunner({ kubeConfig, namespace: ns.name });
  const env: OperatorEnv = {
    ns,
    namespace: ns.name,
    kubeConfig,
    operatorKubeConfig: identity.kubeConfig,
    operatorKubeconfigPath: identity.kubeconfigPath,
    leaseNamespace: OPERATOR_NAMESPACE,
    leaseName: `pipedrive-sync-operator-${ns.name}`,
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
    batch: kubeConfig.makeApiClient(k8s.BatchV1Api),
    custom: kubeConfig.makeApiClient(k8s.CustomObjectsApi),
    events: kubeConfig.makeApiClient(k8s.EventsV1Api),
    simulator,
    pgSchema,
    pgUrl: `${PG_BASE}?schema=${pgSchema}`,
    db,
    runner,
    startOperator: async (overrides = {}) => {
      const operator = await startOperator({
        kubeConfig: identity.kubeConfig,
        logger: createLogger({ level: process.env.OPERATOR_TEST_LOG ?? 'error', format: 'text' }),
        namespace: ns.name,
        metricsPort: 0,
        metricsHost: '127.0.0.1',
        leaderElect: true,
        leaderElectionNamespace: env.leaseNamespace,
        leaseName: env.leaseName,
        jobImage: 'pipedrive-sync-operator:test',
        watchTimeoutSeconds: 60,
        ...overrides,
      });
      env.operator ??= operator;
      return operator;
    },
    close: async () => {
      await env.operator?.stop();
      await runner.stop();
      await simulator.close();
      await db.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`).catch(() => undefined);
      await db.end();
      await ns.delete();
      await kubeConfig
        .makeApiClient(k8s.CoordinationV1Api)
        .deleteNamespacedLease({ namespace: env.leaseNamespace, name: env.leaseName })
        .catch(() => undefined);
      identity.remove();
    },
  };
  if (options.operator !== false) await env.startOperator();
  return env;
}

export async function applySecret(
  env: OperatorEnv,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  const body: k8s.V1Secret = { metadata: { name, namespace: env.namespace }, stringData: data };
  try {
    await env.core.createNamespacedSecret({ namespace: env.namespace, body });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
    await env.core.replaceNamespacedSecret({ namespace: env.namespace, name, body });
  }
}

export interface CustomObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status?: Record<string, unknown> & {
    conditions?: { type: string; status: string; reason: string; message: string }[];
  };
}

const plural = { PipedriveConnection: CONNECTION_PLURAL, SyncJob: SYNC_JOB_PLURAL } as const;

export async function createObject(
  env: OperatorEnv,
  kind: keyof typeof plural,
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): Promise<void> {
  await env.custom.createNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    plural: plural[kind],
    namespace: env.namespace,
    body: { apiVersion: API_VERSION, kind, metadata: { name, annotations }, spec },
  });
}

export async function patchObject(
  env: OperatorEnv,
  kind: keyof typeof plural,
  name: string,
  body: Record<string, unknown>,
): Promise<void> {
  await env.custom.patchNamespacedCustomObject(
    { group: GROUP, version: VERSION, plural: plural[kind], namespace: env.namespace, name, body },
    mergePatchOptions(),
  );
}

export async function getObject(
  env: OperatorEnv,
  kind: keyof typeof plural,
  name: string,
): Promise<CustomObject> {
  return (await env.custom.getNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    plural: plural[kind],
    namespace: env.namespace,
    name,
  })) as CustomObject;
}

export async function deleteObject(env: OperatorEnv, kind: keyof typeof plural, name: string): Promise<void> {
  await env.custom.deleteNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    plural: plural[kind],
    namespace: env.namespace,
    name,
    propagationPolicy: 'Background',
  });
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with the last seen state. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function condition(obj: CustomObject, type: string) {
  return obj.status?.conditions?.find((c) => c.type === type);
}

export async function listJobs(env: OperatorEnv, syncJob?: string): Promise<k8s.V1Job[]> {
  const list = await env.batch.listNamespacedJob({
    namespace: env.namespace,
    labelSelector: syncJob ? `${GROUP}/syncjob=${syncJob}` : undefined,
  });
  return list.items;
}
