/**
 * Starts and stops the whole operator in one process: the metrics/health
 * server, the informers, the two controllers, and leader election.
 *
 * Informers and the HTTP server run on every replica (a standby is ready and
 * keeps a warm cache); the controllers' workers run only on the leader. On
 * SIGTERM (`stop`) the order follows controller-runtime: stop taking work,
 * let in-flight reconciles finish, stop the informers, release the Lease,
 * close the server. Running sync Jobs are separate pods and keep running.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import client from 'prom-client';
import type { Logger } from '../observability/logger.js';
import { ControllerRuntimeMetrics } from '../observability/metrics-controller-runtime.js';
import { SyncMetrics } from '../observability/metrics-sync.js';
import { startHealthServer, type RunningHealthServer } from '../observability/health-server.js';
import { systemClock, type Clock } from '../kube/clock.js';
import { createKubeClients } from '../kube/client.js';
import { LeaderElector } from '../kube/leader-election.js';
import { createControllers, type ConnectorFactory } from './controllers.js';
import { createInformerSet } from './informer-set.js';

export interface OperatorOptions {
  kubeConfig: k8s.KubeConfig;
  logger: Logger;
  /** Watch one namespace; all namespaces when omitted. */
  namespace?: string;
  /** Port of /metrics, /healthz and /readyz; 0 picks a free one. */
  metricsPort: number;
  metricsHost?: string;
  leaderElect: boolean;
  leaderElectionNamespace: string;
  leaseName?: string;
  /** This replica's identity in the Lease and in Events (default hostname_random). */
  identity?: string;
  /** Image of sync Jobs unless a SyncJob overrides it. */
  jobImage: string;
  clock?: Clock;
  /** Builds the Pipedrive connector for connection checks (default: the real connector). */
  connectorFactory?: ConnectorFactory;
  /** Informer tuning, for tests. */
  resyncMs?: number;
  watchTimeoutSeconds?: number;
  /** Leader election timings (default 15 s / 10 s / 2 s). */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface RunningOperator {
  port: number;
  identity: string;
  registry: client.Registry;
  isLeader(): boolean;
  /** Resolves when the operator stopped: 'stopped' after stop(), 'lost-leadership' when it must exit. */
  done: Promise<'stopped' | 'lost-leadership'>;
  stop(): Promise<void>;
}

export async function startOperator(options: OperatorOptions): Promise<RunningOperator> {
  const clock = options.clock ?? systemClock;
  const { logger } = options;
  const identity = options.identity ?? `${hostname()}_${randomBytes(4).toString('hex')}`;
  const leaseName = options.leaseName ?? 'pipedrive-sync-operator';
  const clients = createKubeClients(options.kubeConfig);
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const runtimeMetrics = new ControllerRuntimeMetrics(registry);
  const syncMetrics = new SyncMetrics(registry);

  // The informers enqueue into the controllers' queues and the controllers read the informers' caches.
  const holder: { informers?: ReturnType<typeof createInformerSet> } = {};
  const controllers = createControllers({
    clients,
    clock,
    logger,
    identity,
    jobImage: options.jobImage,
    runtimeMetrics,
    syncMetrics,
    connectorFactory: options.connectorFactory,
    informers: () => holder.informers!,
  });
  const set = createInformerSet({
    config: clients.config,
    watch: clients.watch,
    namespace: options.namespace,
    clock,
    logger,
    enqueueConnection: controllers.enqueueConnection,
    enqueueSyncJob: controllers.enqueueSyncJob,
    onDeleted: controllers.onDeleted,
    resyncMs: options.resyncMs,
    watchTimeoutSeconds: options.watchTimeoutSeconds,
  });
  holder.informers = set;

  const server: RunningHealthServer = await startHealthServer({
    port: options.metricsPort,
    host: options.metricsHost,
    registry,
    readiness: { informers: () => set.hasSynced() },
  });
  set.start();

  let settle: (why: 'stopped' | 'lost-leadership') => void = () => undefined;
  const done = new Promise<'stopped' | 'lost-leadership'>((resolve) => (settle = resolve));
  let leading = false;
  const lead = () => {
    leading = true;
    void set.waitForSync().then(() => {
      if (!leading) return;
      controllers.start();
      logger.info('Started controllers', { identity });
    });
  };

  let elector: LeaderElector | undefined;
  if (options.leaderElect) {
    elector = new LeaderElector({
      coordination: clients.coordination,
      namespace: options.leaderElectionNamespace,
      name: leaseName,
      identity,
      clock,
      logger,
      leaseDurationMs: options.leaseDurationMs,
      renewDeadlineMs: options.renewDeadlineMs,
      retryPeriodMs: options.retryPeriodMs,
      onStartedLeading: lead,
      onStoppedLeading: () => {
        leading = false;
        void shutdown(false).then(() => settle('lost-leadership'));
      },
      onLeadershipChange: (isLeader) => runtimeMetrics.setLeader(leaseName, isLeader),
    });
    runtimeMetrics.setLeader(leaseName, false);
    void elector.run();
  } else lead();

  let stopping: Promise<void> | undefined;
  const shutdown = (release: boolean): Promise<void> =>
    (stopping ??= (async () => {
      leading = false;
      await controllers.stop();
      set.stop();
      if (release) await elector?.stop();
      await server.close();
      logger.info('Stopped the operator', { identity });
    })());

  return {
    port: server.port,
    identity,
    registry,
    isLeader: () => leading,
    done,
    stop: async () => {
      await shutdown(true);
      settle('stopped');
    },
  };
}
