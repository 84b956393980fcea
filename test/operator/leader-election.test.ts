/**
 * Two operator processes (the real CLI, as in a two-replica Deployment):
 * exactly one leads; SIGKILL of the leader hands over to the other within 20 s
 * (15 s lease) and no run is created twice; SIGTERM releases the Lease.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import { manualJobName } from '../../src/controllers/job-template-names.js';
import {
  applySecret,
  createObject,
  createOperatorEnv,
  listJobs,
  patchObject,
  waitFor,
  type OperatorEnv,
} from './support/operator-env.js';

let env: OperatorEnv;
let coordination: k8s.CoordinationV1Api;
const replicas = new Map<string, { process: ChildProcess; log: string[]; exit?: number | null }>();

function startReplica(name: string): void {
  const child = spawn(
    process.execPath,
    [
      'bin/pipedrive-sync.js',
      'operator',
      // The operator's ServiceAccount with the shipped RBAC; its Lease in the namespace that RBAC covers.
      '--kubeconfig',
      env.operatorKubeconfigPath,
      '--namespace',
      env.namespace,
      '--leader-election-namespace',
      env.leaseNamespace,
      '--lease-name',
      env.leaseName,
      '--metrics-port',
      '0',
      '--job-image',
      'pipedrive-sync-operator:test',
    ],
    {
      env: { ...process.env, POD_NAME: name, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const entry: { process: ChildProcess; log: string[]; exit?: number | null } = { process: child, log: [] };
  child.stderr!.on('data', (chunk: Buffer) =>
    entry.log.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  child.on('exit', (code) => (entry.exit = code));
  replicas.set(name, entry);
}

async function holder(): Promise<string | undefined> {
  try {
    const lease = await coordination.readNamespacedLease({
      name: env.leaseName,
      namespace: env.leaseNamespace,
    });
    return lease.spec?.holderIdentity ?? undefined;
  } catch {
    return undefined;
  }
}

const replicaOf = (identity: string) => identity.split('_')[0]!;
const acquired = (name: string) =>
  replicas.get(name)!.log.filter((l) => l.includes('Acquired leadership')).length;

beforeAll(async () => {
  env = await createOperatorEnv('op-leader', { operator: false });
  coordination = env.kubeConfig.makeApiClient(k8s.CoordinationV1Api);
  await applySecret(env, 'pipedrive', { token: env.simulator.token });
  await applySecret(env, 'warehouse', { url: env.pgUrl });
  await createObject(env, 'PipedriveConnection', 'acme', {
    companyDomain: 'acme',
    apiUrl: env.simulator.url,
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
  });
  startReplica('replica-a');
  startReplica('replica-b');
}, 180_000);

afterAll(async () => {
  for (const { process: child } of replicas.values()) if (child.exitCode === null) child.kill('SIGKILL');
  await env?.close();
});

describe('two operator replicas', () => {
  test('exactly one leads and reconciles', async () => {
    const leader = await waitFor('a lease holder', holder, 90_000);
    await createObject(
      env,
      'SyncJob',
      'ha',
      {
        connectionRef: { name: 'acme' },
        tables: ['pipelines'],
        destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
        schedule: '0 3 1 1 *',
      },
      { [REQUESTED_AT_ANNOTATION]: 'before' },
    );
    await waitFor('the first Job', async () => (await listJobs(env, 'ha')).length === 1, 60_000);
    const standby = replicaOf(leader) === 'replica-a' ? 'replica-b' : 'replica-a';
    expect(acquired(replicaOf(leader))).toBe(1);
    expect(acquired(standby)).toBe(0);
    expect(replicas.get(standby)!.log.some((l) => l.includes('Created Job'))).toBe(false);
  });

  test('killing the leader hands over within 20 s with no duplicate Job', async () => {
    const leader = replicaOf((await holder())!);
    const standby = leader === 'replica-a' ? 'replica-b' : 'replica-a';
    replicas.get(leader)!.process.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor('the standby leads', async () => (await holder())?.startsWith(`${standby}_`), 30_000, 100);
    const handover = Date.now() - killedAt;
    console.info(`Leader handover took ${handover} ms`);
    expect(handover).toBeLessThan(20_000);
    // The new leader re-reconciles everything: the handled request must not run again.
    await patchObject(env, 'SyncJob', 'ha', {
      metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: 'after' } },
    });
    await waitFor('the run requested after the handover', async () =>
      (await listJobs(env, 'ha')).some((j) => j.metadata?.name === manualJobName('ha', 'after')),
    );
    const names = (await listJobs(env, 'ha')).map((j) => j.metadata!.name!).sort();
    expect(names).toEqual([manualJobName('ha', 'after'), manualJobName('ha', 'before')].sort());
  });

  test('SIGTERM stops the leader gracefully and releases the Lease', async () => {
    const leader = replicaOf((await holder())!);
    const entry = replicas.get(leader)!;
    entry.process.kill('SIGTERM');
    await waitFor('exit', async () => entry.exit !== undefined, 30_000);
    expect(entry.exit).toBe(0);
    expect(entry.log.some((l) => l.includes('Released leadership'))).toBe(true);
    expect(await holder()).toBeUndefined();
  });
});
