/**
 * The SyncJob reconciler: gather (SyncJob, connection, Jobs, run reports,
 * destination Secret) -> planSyncJob (pure, CronJob semantics) -> act (delete
 * and create Jobs, write status, events, metrics) -> requeue at the next
 * schedule time. Deleting a SyncJob needs nothing here: its Jobs carry a
 * controller ownerReference and the garbage collector removes them.
 */
import type { PipedriveConnection, SyncJob } from '../api/index.js';
import type { Clock } from '../kube/clock.js';
import { splitKey, type KubeClients } from '../kube/client.js';
import type { Reconciler } from '../kube/controller.js';
import type { EventRecorder } from '../kube/event-recorder.js';
import type { SupervisedInformer } from '../kube/informer.js';
import type { StatusWriter } from '../kube/status-writer.js';
import type { CachedSecret, WireJob } from '../kube/wire-types.js';
import type { Logger } from '../observability/logger.js';
import type { SyncMetrics } from '../observability/metrics-sync.js';
import { actOnSyncJob } from './act-sync-job.js';
import { SyncJobGatherer } from './gather-sync-job.js';
import { buildSyncJobJob } from './job-template.js';
import { planSyncJob } from './sync-job-plan.js';

export interface SyncJobControllerDeps {
  clients: KubeClients;
  clock: Clock;
  logger: Logger;
  statusWriter: StatusWriter;
  recorder: EventRecorder;
  metrics: SyncMetrics;
  /** Default image of sync Jobs (the operator's own). */
  jobImage: string;
  informers: () => {
    syncJobs: SupervisedInformer<SyncJob>;
    connections: SupervisedInformer<PipedriveConnection>;
    jobs: SupervisedInformer<WireJob>;
    secrets: { get(namespace: string, name: string): CachedSecret | undefined };
  };
}

export function createSyncJobReconciler(deps: SyncJobControllerDeps): Reconciler {
  let gatherer: SyncJobGatherer | undefined;
  let reconciles = 0;
  return async (key) => {
    const informers = deps.informers();
    gatherer ??= new SyncJobGatherer({ core: deps.clients.core, ...informers });
    if (++reconciles % 200 === 0) gatherer.forgetMissingJobs();
    const { namespace, name } = splitKey(key);
    const observed = await gatherer.gather(namespace, name);
    if (!observed) return;
    const plan = planSyncJob(observed, deps.clock.now());
    await actOnSyncJob(
      {
        batch: deps.clients.batch,
        statusWriter: deps.statusWriter,
        recorder: deps.recorder,
        metrics: deps.metrics,
        logger: deps.logger,
        // The plan only creates a Job when the connection exists and is Ready (OAuth: with an access token).
        buildJob: (o, run) =>
          buildSyncJobJob({
            syncJob: o.syncJob,
            connection: o.connection!,
            run,
            operatorImage: deps.jobImage,
          }),
      },
      observed,
      plan,
    );
    return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : {};
  };
}
