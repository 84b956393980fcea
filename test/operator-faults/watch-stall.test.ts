/**
 * A watch that goes silent without closing: the operator process talks to the
 * API server through a TCP proxy that, at one moment, stops forwarding bytes on
 * every open connection (its watches) and closes nothing. Only the informers'
 * watchdog can notice. A SyncJob created and a run requested during the stall
 * must be reconciled within 60 s of the freeze.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import { manualJobName } from '../../src/controllers/job-template-names.js';
import { writeKubeconfig } from '../support/cluster/kubeconfig.js';
import { createTestNamespace, type TestNamespace } from '../support/cluster/namespace.js';
import { createObject, getObject, listJobs, patchObject, waitFor } from '../operator/support/operator-env.js';
import { prepareFaultEnv, syncJobSpec, waitForConnectionReady, type FaultEnv } from './support/fault-env.js';
import { startOperatorProcess, type OperatorProcess } from './support/operator-process.js';
import { startStallProxy, type StallProxy } from './support/stall-proxy.js';

let ns: TestNamespace;
let faults: FaultEnv;
let proxy: StallProxy;
let operator: OperatorProcess;
let dir: string;

beforeAll(async () => {
  ns = await createTestNamespace('op-stall');
  faults = await prepareFaultEnv(ns.kubeConfig, ns.name);
  const server = new URL(ns.controlPlane.server);
  proxy = await startStallProxy({ host: server.hostname, port: Number(server.port) });
  dir = mkdtempSync(join(tmpdir(), 'op-stall-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, `https://127.0.0.1:${proxy.port}`, ns.controlPlane.token);
  operator = startOperatorProcess({ kubeconfigPath, namespace: ns.name, name: 'operator-stall' });
  await operator.ready();
  await waitForConnectionReady(faults.env);
}, 180_000);

afterAll(async () => {
  await operator?.kill('SIGKILL');
  await proxy?.close();
  await faults?.close();
  await ns?.delete();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the watchdog relists a silently stalled watch and reconciles what changed meanwhile', async () => {
  const { env } = faults;
  await createObject(env, 'SyncJob', 'early', syncJobSpec({ concurrencyPolicy: 'Allow' }));
  await waitFor('the run of SyncJob early', async () => (await listJobs(env, 'early')).length === 1);
  // Let the informers settle on their watches (one per resource), then stall everything open.
  await new Promise((r) => setTimeout(r, 2_000));
  const stalled = proxy.freeze();
  const frozenAt = Date.now();
  expect(stalled).toBeGreaterThanOrEqual(4);

  await createObject(env, 'SyncJob', 'during', syncJobSpec({ concurrencyPolicy: 'Allow' }));
  await patchObject(env, 'SyncJob', 'early', {
    metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: 'during-stall' } },
  });
  await waitFor(
    'the run of SyncJob during, with its status',
    async () => {
      const jobs = await listJobs(env, 'during');
      const active = ((await getObject(env, 'SyncJob', 'during')).status?.active ?? []) as { name: string }[];
      return jobs.length === 1 && active.some((a) => a.name === jobs[0]!.metadata!.name);
    },
    60_000 - (Date.now() - frozenAt),
    500,
  );
  await waitFor(
    'the run requested on SyncJob early',
    async () =>
      (await listJobs(env, 'early')).some((j) => j.metadata?.name === manualJobName('early', 'during-stall')),
    Math.max(1_000, 60_000 - (Date.now() - frozenAt)),
    500,
  );
  const reconciledMs = Date.now() - frozenAt;
  const silentWatchRestarts = operator.count('Restarted a silent watch');
  expect(silentWatchRestarts).toBeGreaterThan(0);
  expect(await listJobs(env, 'early')).toHaveLength(2);
  console.info(
    `Watch stall: ${JSON.stringify({ stalledConnections: stalled, reconciledMs, silentWatchRestarts })}`,
  );
}, 180_000);
