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
 * - the time until every Job exists, on two clocks: from the last SyncJob created (the moment all of them are
 *   due; the goal, 30 s, is judged on this one) and from the first SyncJob created (which adds the time the
 *   bench itself needs to create 500 objects through the same API server: the baseline);
 * - reconcile p50/p95 of the SyncJob controller from the operator's own /metrics histogram;
 * - the operator's peak RSS (goal 200 MB).
 * Job arrival times come from a watch opened before the SyncJobs (not from polling a list, which would both
 * round the figure to the poll interval and load the API server the operator is measured against).
 */

const RECONCILE = 'controller_runtime_reconcile_time_seconds';
const SYNCJOB = 'controller="syncjob"';
/** Creates in flight at once, as a pool (no batch waits for its slowest member). */
const CREATE_CONCURRENCY = 25;

/** Creates `count` SyncJobs; returns when each one's create call returned (performance.now()), by name. */
async function createSyncJobs(
  custom: k8s.CustomObjectsApi,
  namespace: string,
  count: number,
): Promise<Map<string, number>> {
  const createdAt = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const name = `sj-${i}`;
      await custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: SYNC_JOB_PLURAL,
        namespace,
        body: {
          apiVersion: API_VERSION,
          kind: 'SyncJob',
          metadata: { name },
          spec: {
            connectionRef: { name: 'acme' },
            tables: ['pipelines'],
            destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
          },
        },
      });
      createdAt.set(name, performance.now());
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return createdAt;
}

interface JobArrivals {
  /** performance.now() when each Job was first seen, by the name of the SyncJob that owns it. */
  byOwner: Map<string, number>;
  ended: () => boolean;
  stop(): void;
}

async function watchJobArrivals(kubeConfig: k8s.KubeConfig, namespace: string): Promise<JobArrivals> {
  const byOwner = new Map<string, number>();
  let ended = false;
  const abort = await new k8s.Watch(kubeConfig).watch(
    `/apis/batch/v1/namespaces/${namespace}/jobs`,
    {},
    (type: string, job: k8s.V1Job) => {
      const owner = job.metadata?.ownerReferences?.find((r) => r.controller)?.name;
      if (type === 'ADDED' && owner && !byOwner.has(owner)) byOwner.set(owner, performance.now());
    },
    () => (ended = true),
  );
  return { byOwner, ended: () => ended, stop: () => abort.abort() };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 50 : 500;
  // Full runs use compiled JavaScript, as the image does; --quick runs the sources through tsx (bin/), whose
  // in-process transpiler adds to the RSS.
  // BENCH_OPERATOR_MAIN=<compiled main.js> runs another build of the operator (e.g. the previous commit's,
  // compiled elsewhere) against the same bench code, for before/after figures from one session.
  const compiled = process.env.BENCH_OPERATOR_MAIN ?? (ctx.quick ? undefined : await compileForBench());
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
      const cpuBefore = operator.cpuSeconds();
      const arrivals = await watchJobArrivals(ns.kubeConfig, ns.name);
      const started = performance.now();
      const createdAt = await createSyncJobs(custom, ns.name, count);
      const firstCreated = Math.min(...createdAt.values());
      const lastCreated = Math.max(...createdAt.values());
      ctx.log(`${count} SyncJobs created in ${((lastCreated - started) / 1000).toFixed(1)} s`);
      await waitFor(
        `${count} Jobs`,
        async () =>
          arrivals.byOwner.size >= count ||
          // The watch ended early (it should not within minutes): fall back to a list.
          (arrivals.ended() && (await batch.listNamespacedJob({ namespace: ns.name })).items.length >= count),
        300_000,
        100,
      );
      arrivals.stop();
      const allJobsAt = arrivals.ended() ? performance.now() : Math.max(...arrivals.byOwner.values());
      const fromFirst = (allJobsAt - firstCreated) / 1000;
      const fromLast = (allJobsAt - lastCreated) / 1000;
      const creating = (lastCreated - firstCreated) / 1000;
      const lags = [...createdAt]
        .map(([name, at]) => ((arrivals.byOwner.get(name) ?? allJobsAt) - at) / 1000)
        .sort((a, b) => a - b);
      const metrics = await (await fetch(operator.metricsUrl)).text();
      const memory = operator.memory();
      const cpuMsPerSyncJob = ((operator.cpuSeconds() - cpuBefore) * 1000) / count;
      const p50 = histogramQuantile(metrics, RECONCILE, SYNCJOB, 0.5);
      const p95 = histogramQuantile(metrics, RECONCILE, SYNCJOB, 0.95);
      const reconciles = histogramCount(metrics, RECONCILE, SYNCJOB);
      ctx.log(
        `every Job exists ${fromLast.toFixed(1)} s after the last SyncJob was created (${fromFirst.toFixed(1)} s after the first); ` +
          `SyncJob-to-Job p50/p95/max ${percentile(lags, 0.5).toFixed(1)}/${percentile(lags, 0.95).toFixed(1)}/${lags.at(-1)!.toFixed(1)} s; ` +
          `${reconciles} SyncJob reconciles; operator CPU ${cpuMsPerSyncJob.toFixed(1)} ms per SyncJob; RSS ${memory.peakRssMb.toFixed(0)} MB`,
      );
      const note = `${count} SyncJobs, ${reconciles} reconciles, load average ${loadavg()[0]!.toFixed(1)}`;
      return [
        {
          metric: 'all_jobs_exist_after_last_created',
          value: fromLast,
          unit: 's',
          baseline: null,
          goal: { on: 'value', op: '<=', target: 30 },
          note: `${note}; the goal's clock: from the moment every SyncJob is due`,
        },
        {
          metric: 'all_jobs_exist_after_first_created',
          value: fromFirst,
          unit: 's',
          baseline: creating,
          baselineLabel: 'creating the SyncJobs through the API server (first to last)',
          goal: null,
          note: `SyncJob-to-Job p50 ${percentile(lags, 0.5).toFixed(1)} s, p95 ${percentile(lags, 0.95).toFixed(1)} s, max ${lags.at(-1)!.toFixed(1)} s`,
        },
        {
          metric: 'operator_cpu_per_syncjob',
          value: cpuMsPerSyncJob,
          unit: 'ms',
          baseline: null,
          goal: null,
          note: 'operator process CPU (user + system) from the first SyncJob created until every Job exists, per SyncJob',
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
