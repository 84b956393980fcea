/**
 * kube-apiserver stopped and started again (etcd keeps running) under a
 * running operator process: every watch and request fails for the length of
 * the outage. The informers must recover by themselves: a SyncJob created
 * after the restart, and a run requested on one created before it, get their
 * Jobs and status within 60 s, with no second Job for anything handled before.
 * The apiserver is a private one (support/private-control-plane.ts): the shared
 * control plane serves the other test files of the run meanwhile.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import { manualJobName } from '../../src/controllers/job-template-names.js';
import { createObject, getObject, listJobs, patchObject, waitFor } from '../operator/support/operator-env.js';
import { prepareFaultEnv, syncJobSpec, waitForConnectionReady, type FaultEnv } from './support/fault-env.js';
import { startOperatorProcess, type OperatorProcess } from './support/operator-process.js';
import { startPrivateControlPlane, type PrivateControlPlane } from './support/private-control-plane.js';

const NAMESPACE = 'faults';
let plane: PrivateControlPlane;
let faults: FaultEnv;
let operator: OperatorProcess;

beforeAll(async () => {
  plane = await startPrivateControlPlane();
  await plane.createNamespace(NAMESPACE);
  faults = await prepareFaultEnv(plane.kubeConfig, NAMESPACE);
  operator = startOperatorProcess({
    kubeconfigPath: plane.kubeconfigPath,
    namespace: NAMESPACE,
    name: 'operator-restart',
  });
  await operator.ready();
  await waitForConnectionReady(faults.env);
}, 240_000);

afterAll(async () => {
  await operator?.kill('SIGKILL');
  await faults?.close();
  await plane?.stop();
});

test('informers recover after an API server restart and reconcile what changed', async () => {
  const { env } = faults;
  await createObject(env, 'SyncJob', 'before', syncJobSpec({ concurrencyPolicy: 'Allow' }));
  await waitFor('the run of SyncJob before', async () => (await listJobs(env, 'before')).length === 1);

  const { downMs, startMs } = await plane.restartApiServer();
  const backAt = Date.now();
  // The first writes right after /readyz may still meet a starting server: retry them.
  await waitFor('SyncJob after created', async () => {
    await createObject(env, 'SyncJob', 'after', syncJobSpec({ concurrencyPolicy: 'Allow' })).catch(
      (error: { code?: number }) => {
        if (error.code !== 409) throw error;
      },
    );
    return true;
  });
  await waitFor('requested-at set', async () => {
    await patchObject(env, 'SyncJob', 'before', {
      metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: 'after-restart' } },
    });
    return true;
  });

  await waitFor(
    'status of SyncJob after',
    async () => {
      const after = await getObject(env, 'SyncJob', 'after');
      const jobs = await listJobs(env, 'after');
      const active = (after.status?.active as { name: string }[] | undefined) ?? [];
      return jobs.length === 1 && active.some((a) => a.name === jobs[0]!.metadata!.name);
    },
    60_000,
  );
  await waitFor(
    'the requested run of SyncJob before',
    async () =>
      (await getObject(env, 'SyncJob', 'before')).status?.lastHandledRequestedAt === 'after-restart',
    60_000,
  );
  const recoveredMs = Date.now() - backAt;

  const beforeJobs = (await listJobs(env, 'before')).map((j) => j.metadata!.name!);
  expect(beforeJobs).toHaveLength(2);
  expect(beforeJobs).toContain(manualJobName('before', 'after-restart'));
  expect(operator.child.exitCode).toBeNull();
  const informerRestarts = operator.count('Restarting informer after an error');
  expect(informerRestarts).toBeGreaterThan(0);
  console.info(
    `API server restart: ${JSON.stringify({ downMs, apiserverStartMs: startMs, recoveredMs, informerRestarts })}`,
  );
}, 240_000);
