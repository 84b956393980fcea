import * as k8s from '@kubernetes/client-node';
import { loadavg } from 'node:os';
import { API_VERSION, GROUP, SYNC_JOB_PLURAL, VERSION } from '../../src/api/index.js';
import { createTestNamespace } from '../../test/support/cluster/namespace.js';
import { installCrds } from '../../test/operator/support/crds.js';
import { applySecret, createObject, waitFor } from '../../test/operator/support/operator-env.js';
import type { OperatorEnv } from '../../test/operator/support/operator-env.js';
import {
  compileForBench,
  histogramCount,
  histogramQuantile,
  startOperatorProcess,
} from '../support/operator-process.js';
import { startSimProcess } from '../support/sim-process.js';
import type { Benchmark, BenchContext, BenchResult } from '../types.js';

/**
 * Issue 8 benchmark 7 / issue 6: 500 SyncJobs on the local control plane, all due at once (no schedule: each
 * runs once per spec), one connection to the simulator. `pipedrive-sync operator` runs as its own process on a
 * fresh namespace that no pod runner watches, so the Jobs are created but their pods stay Pending. Reported:
 * seconds from the first SyncJob created until every Job exists (goal 30 s), reconcile p50/p95 of the SyncJob
 * controller from the operator's own /metrics histogram, and the operator's peak RSS (goal 200 MB).
 */

const RECONCILE = 'controller_runtime_reconcile_time_seconds';
const SYNCJOB = 'controller="syncjob"';

async function createSyncJobs(custom: k8s.CustomObjectsApi, namespace: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, (_, k) =>
        custom.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          plural: SYNC_JOB_PLURAL,
          namespace,
          body: {
            apiVersion: API_VERSION,
            kind: 'SyncJob',
            metadata: { name: `sj-${i + k}` },
            spec: {
              connectionRef: { name: 'acme' },
              tables: ['pipelines'],
              destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
            },
          },
        }),
      ),
    );
  }
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 50 : 500;
  // Full runs use compiled JavaScript, as the image does; --quick runs the sources through tsx (bin/), whose
  // in-process transpiler adds to the RSS.
  const compiled = ctx.quick ? undefined : await compileForBench();
  const ns = await createTestNamespace('bench-op-scale');
  const sim = await startSimProcess({ seed: 3, scale: 5 });
  try {
    await installCrds(ns.kubeConfig);
    const custom = ns.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const core = ns.kubeConfig.makeApiClient(k8s.CoreV1Api);
    const batch = ns.kubeConfig.makeApiClient(k8s.BatchV1Api);
    const env = { namespace: ns.name, core, custom } as unknown as OperatorEnv;
    await applySecret(env, 'pipedrive', { token: sim.token });
    await applySecret(env, 'warehouse', { url: 'postgres://postgres@127.0.0.1:5432/test?schema=scale' });
    await createObject(env, 'PipedriveConnection', 'acme', {
      companyDomain: sim.companyDomain,
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
    });
    const operator = await startOperatorProcess(ns.controlPlane.kubeconfigPath, ns.name, compiled);
    try {
      await waitFor('connection Ready', async () => {
        const c = (await custom.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          plural: 'pipedriveconnections',
          namespace: ns.name,
          name: 'acme',
        })) as { status?: { conditions?: { type: string; status: string }[] } };
        return c.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
      });
      const idle = operator.memory();
      const started = performance.now();
      await createSyncJobs(custom, ns.name, count);
      const created = (performance.now() - started) / 1000;
      ctx.log(`${count} SyncJobs created in ${created.toFixed(1)} s`);
      await waitFor(
        `${count} Jobs`,
        async () => (await batch.listNamespacedJob({ namespace: ns.name })).items.length >= count,
        300_000,
        250,
      );
      const allJobs = (performance.now() - started) / 1000;
      const metrics = await (await fetch(operator.metricsUrl)).text();
      const memory = operator.memory();
      const p50 = histogramQuantile(metrics, RECONCILE, SYNCJOB, 0.5);
      const p95 = histogramQuantile(metrics, RECONCILE, SYNCJOB, 0.95);
      const reconciles = histogramCount(metrics, RECONCILE, SYNCJOB);
      ctx.log(
        `every Job exists after ${allJobs.toFixed(1)} s; ${reconciles} SyncJob reconciles; RSS ${memory.peakRssMb.toFixed(0)} MB`,
      );
      const note = `${count} SyncJobs, ${reconciles} reconciles, load average ${loadavg()[0]!.toFixed(1)}`;
      return [
        {
          metric: 'all_jobs_exist',
          value: allJobs,
          unit: 's',
          baseline: created,
          baselineLabel: 'creating the SyncJobs through the API server',
          goal: { on: 'value', op: '<=', target: 30 },
          note,
        },
        {
          metric: 'reconcile_p50',
          value: (p50 ?? NaN) * 1000,
          unit: 'ms',
          baseline: null,
          goal: null,
          note: 'upper bound of the histogram bucket (controller-runtime buckets)',
        },
        {
          metric: 'reconcile_p95',
          value: (p95 ?? NaN) * 1000,
          unit: 'ms',
          baseline: null,
          goal: null,
          note: 'upper bound of the histogram bucket (controller-runtime buckets)',
        },
        {
          metric: 'operator_peak_rss',
          value: memory.peakRssMb,
          unit: 'MB',
          baseline: idle.peakRssMb,
          baselineLabel: 'operator peak RSS before the SyncJobs',
          goal: { on: 'value', op: '<=', target: 200 },
          note: `RSS now ${memory.rssMb.toFixed(0)} MB; ${compiled ? 'compiled JavaScript, as in the image' : 'sources through tsx (--quick)'}`,
        },
      ];
    } finally {
      await operator.stop();
    }
  } finally {
    await sim.close();
    await ns.delete();
  }
}

export const benchmark: Benchmark = {
  name: 'operator-scale',
  description:
    '500 SyncJobs due at once on the local control plane: time until every Job exists, reconcile p50/p95, operator RSS',
  run,
};
