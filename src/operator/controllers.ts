/**
 * Wires the two reconcilers to their work queues, metrics and shared
 * dependencies. Controller names follow controller-runtime's convention (the
 * lowercase kind), so the `controller` metric label reads the same as for a Go
 * operator.
 */
import type { ConnectorConfig } from '../connector/index.js';
import type { Source } from '../sync/contracts.js';
import type { Logger } from '../observability/logger.js';
import type { ControllerRuntimeMetrics } from '../observability/metrics-controller-runtime.js';
import type { SyncMetrics } from '../observability/metrics-sync.js';
import type { Clock } from '../kube/clock.js';
import type { KubeClients } from '../kube/client.js';
import { Controller } from '../kube/controller.js';
import { EventRecorder } from '../kube/event-recorder.js';
import { defaultControllerRateLimiter } from '../kube/rate-limiter.js';
import { StatusWriter } from '../kube/status-writer.js';
import { WorkQueue } from '../kube/work-queue.js';
import { GROUP } from '../api/index.js';
import { createConnectionReconciler } from '../controllers/connection-controller.js';
import { createSyncJobReconciler } from '../controllers/sync-job-controller.js';
import type { InformerSet } from './informer-set.js';

export type ConnectorFactory = (config: ConnectorConfig) => Source;

export interface ControllerDeps {
  clients: KubeClients;
  clock: Clock;
  logger: Logger;
  identity: string;
  jobImage: string;
  runtimeMetrics: ControllerRuntimeMetrics;
  syncMetrics: SyncMetrics;
  connectorFactory?: ConnectorFactory;
  /** The informers are created after the controllers (they enqueue into them). */
  informers: () => InformerSet;
}

export const CONNECTION_CONTROLLER = 'pipedriveconnection';
export const SYNC_JOB_CONTROLLER = 'syncjob';

export function createControllers(deps: ControllerDeps) {
  const { clock, logger, runtimeMetrics } = deps;
  const statusWriter = new StatusWriter(deps.clients.custom);
  const recorder = (controller: string) =>
    new EventRecorder({
      events: deps.clients.events,
      reportingController: `${GROUP}/${controller}-controller`,
      reportingInstance: deps.identity,
      clock,
      logger,
    });
  const connectionRecorder = recorder(CONNECTION_CONTROLLER);
  const syncJobRecorder = recorder(SYNC_JOB_CONTROLLER);

  const queue = (name: string) => {
    const q = new WorkQueue({
      name,
      clock,
      rateLimiter: defaultControllerRateLimiter(clock),
      metrics: runtimeMetrics.queueSink(name),
    });
    runtimeMetrics.watchQueue(name, q);
    return q;
  };
  const connectionQueue = queue(CONNECTION_CONTROLLER);
  const syncJobQueue = queue(SYNC_JOB_CONTROLLER);

  const connectionReconciler = createConnectionReconciler({
    clients: deps.clients,
    clock,
    logger: logger.child({ controller: CONNECTION_CONTROLLER }),
    statusWriter,
    recorder: connectionRecorder,
    metrics: deps.syncMetrics,
    connectorFactory: deps.connectorFactory,
    informers: deps.informers,
  });
  const syncJobReconciler = createSyncJobReconciler({
    clients: deps.clients,
    clock,
    logger: logger.child({ controller: SYNC_JOB_CONTROLLER }),
    statusWriter,
    recorder: syncJobRecorder,
    metrics: deps.syncMetrics,
    jobImage: deps.jobImage,
    informers: deps.informers,
  });

  const controller = (
    name: string,
    q: WorkQueue,
    reconcile: typeof connectionReconciler,
    concurrency: number,
  ) =>
    new Controller({
      name,
      queue: q,
      reconcile,
      clock,
      logger,
      concurrency,
      timeoutMs: 120_000,
      metrics: runtimeMetrics.controllerSink(name),
    });
  const controllers = [
    controller(CONNECTION_CONTROLLER, connectionQueue, connectionReconciler, 4),
    controller(SYNC_JOB_CONTROLLER, syncJobQueue, syncJobReconciler, 16),
  ];

  let started = false;
  return {
    enqueueConnection: (namespace: string, name: string) => connectionQueue.add(`${namespace}/${name}`),
    enqueueSyncJob: (namespace: string, name: string) => syncJobQueue.add(`${namespace}/${name}`),
    onDeleted: (kind: 'connection' | 'syncjob', namespace: string, name: string, uid?: string) => {
      if (kind === 'connection') deps.syncMetrics.forgetConnection(namespace, name);
      else deps.syncMetrics.forgetSyncJob(namespace, name);
      if (uid) (kind === 'connection' ? connectionRecorder : syncJobRecorder).forget(uid);
    },
    start: () => {
      if (started) return;
      started = true;
      // A new leader looks at everything once: level-triggered, nothing is assumed from before.
      const informers = deps.informers();
      for (const c of informers.connections.list())
        connectionQueue.add(`${c.metadata?.namespace}/${c.metadata?.name}`);
      for (const s of informers.syncJobs.list())
        syncJobQueue.add(`${s.metadata?.namespace}/${s.metadata?.name}`);
      for (const c of controllers) c.start();
    },
    stop: async () => {
      await Promise.all(controllers.map((c) => c.stop()));
      // Events are posted in the background; the last reconciles' events still go out (bounded wait).
      await Promise.all([connectionRecorder.flush(), syncJobRecorder.flush()]);
    },
  };
}
