/**
 * Scale probe (not part of the test suite): 500 unscheduled SyncJobs on the
 * local control plane, each due at once; prints the time until every Job
 * exists, reconcile p50/p95 from the operator's histogram and the process RSS.
 * No pod runner: the Jobs' pods stay Pending. Run: npx tsx test/operator/scale-probe.ts [count]
 */
import * as k8s from '@kubernetes/client-node';
import { API_VERSION, GROUP, SYNC_JOB_PLURAL, VERSION } from '../../src/api/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { startOperator } from '../../src/operator/manager.js';
import { startSimulator } from '../../src/simulator/index.js';
import { createTestNamespace } from '../support/cluster/namespace.js';
import { installCrds } from './support/crds.js';
import { applySecret, createObject, waitFor, type OperatorEnv } from './support/operator-env.js';

const count = Number(process.argv[2] ?? 500);
const ns = await createTestNamespace('op-scale');
await installCrds(ns.kubeConfig);
const simulator = await startSimulator({ seed: 3, scale: 5, companyDomain: 'acme' });
const custom = ns.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
const core = ns.kubeConfig.makeApiClient(k8s.CoreV1Api);
const batch = ns.kubeConfig.makeApiClient(k8s.BatchV1Api);
const env = { namespace: ns.name, core, custom } as unknown as OperatorEnv;
await applySecret(env, 'pipedrive', { token: simulator.token });
await applySecret(env, 'warehouse', { url: 'postgres://postgres@127.0.0.1:5432/test?schema=scale' });
await createObject(env, 'PipedriveConnection', 'acme', {
  companyDomain: 'acme',
  apiUrl: simulator.url,
  auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
});
const rssBefore = process.memoryUsage().rss;
const operator = await startOperator({
  kubeConfig: ns.kubeConfig,
  logger: createLogger({ level: 'error' }),
  namespace: ns.name,
  metricsPort: 0,
  metricsHost: '127.0.0.1',
  leaderElect: false,
  leaderElectionNamespace: ns.name,
  jobImage: 'pipedrive-sync-operator:probe',
});
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
const started = Date.now();
for (let i = 0; i < count; i += 25) {
  await Promise.all(
    Array.from({ length: Math.min(25, count - i) }, (_, k) =>
      custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: SYNC_JOB_PLURAL,
        namespace: ns.name,
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
const created = Date.now();
let peakRss = 0;
await waitFor(
  `${count} Jobs`,
  async () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const jobs = await batch.listNamespacedJob({ namespace: ns.name });
    return jobs.items.length >= count;
  },
  300_000,
  500,
);
const allJobs = Date.now();
const metrics = await (await fetch(`http://127.0.0.1:${operator.port}/metrics`)).text();
const buckets = metrics
  .split('\n')
  .filter(
    (l) =>
      l.startsWith('controller_runtime_reconcile_time_seconds_bucket{') && l.includes('controller="syncjob"'),
  )
  .map((l) => ({ le: Number(/le="([^"]+)"/.exec(l)![1]), n: Number(l.split(' ').pop()) }));
const total = buckets.at(-1)!.n;
const quantile = (q: number) => buckets.find((b) => b.n >= q * total)?.le;
console.log(
  JSON.stringify({
    syncJobs: count,
    createSeconds: (created - started) / 1000,
    allJobsExistSeconds: (allJobs - started) / 1000,
    syncJobReconciles: total,
    reconcileP50UpperBoundSeconds: quantile(0.5),
    reconcileP95UpperBoundSeconds: quantile(0.95),
    processRssMb: Math.round(peakRss / 1e6),
    rssBeforeOperatorMb: Math.round(rssBefore / 1e6),
  }),
);
await operator.stop();
await simulator.close();
await ns.delete();
process.exit(0);
