/**
 * The controller-runtime metric families (names, labels and buckets as in
 * controller-runtime's `pkg/internal/controller/metrics` and client-go's
 * workqueue metrics), so dashboards and alerts written for Go operators work
 * unchanged. The controller runtime in src/kube reports through small sink
 * interfaces; this module turns those reports into prom-client series.
 */
import client from 'prom-client';
import type { ControllerMetricsSink, ReconcileOutcome } from '../kube/controller.js';
import type { WorkQueue, WorkQueueMetricsSink } from '../kube/work-queue.js';

const RECONCILE_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5,
  1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];
const QUEUE_BUCKETS = client.exponentialBuckets(1e-8, 10, 12);
const OUTCOMES: ReconcileOutcome[] = ['success', 'error', 'requeue', 'requeue_after'];

export class ControllerRuntimeMetrics {
  private readonly queues = new Map<string, WorkQueue>();
  private readonly reconcileTotal;
  private readonly reconcileErrors;
  private readonly terminalErrors;
  private readonly panics;
  private readonly reconcileTime;
  private readonly timeouts;
  private readonly maxConcurrent;
  private readonly activeWorkers;
  private readonly depth;
  private readonly adds;
  private readonly queueDuration;
  private readonly workDuration;
  private readonly retries;
  readonly leaderStatus;

  constructor(private readonly registry: client.Registry) {
    const registers = [registry];
    const counter = (name: string, help: string, labelNames: string[]) =>
      new client.Counter({ name, help, labelNames, registers });
    const gauge = (name: string, help: string, labelNames: string[]) =>
      new client.Gauge({ name, help, labelNames, registers });
    const controller = ['controller'];
    const queue = ['name', 'controller'];
    this.reconcileTotal = counter(
      'controller_runtime_reconcile_total',
      'Total number of reconciliations per controller',
      ['controller', 'result'],
    );
    this.reconcileErrors = counter(
      'controller_runtime_reconcile_errors_total',
      'Total number of reconciliation errors per controller',
      controller,
    );
    this.terminalErrors = counter(
      'controller_runtime_terminal_reconcile_errors_total',
      'Total number of terminal reconciliation errors per controller',
      controller,
    );
    this.panics = counter(
      'controller_runtime_reconcile_panics_total',
      'Total number of reconciliation panics per controller',
      controller,
    );
    this.timeouts = counter(
      'controller_runtime_reconcile_timeouts_total',
      'Total number of reconciliation timeouts per controller',
      controller,
    );
    this.reconcileTime = new client.Histogram({
      name: 'controller_runtime_reconcile_time_seconds',
      help: 'Length of time per reconciliation per controller',
      labelNames: controller,
      buckets: RECONCILE_BUCKETS,
      registers,
    });
    this.maxConcurrent = gauge(
      'controller_runtime_max_concurrent_reconciles',
      'Maximum number of concurrent reconciles per controller',
      controller,
    );
    this.activeWorkers = gauge(
      'controller_runtime_active_workers',
      'Number of currently used workers per controller',
      controller,
    );
    this.depth = gauge('workqueue_depth', 'Current depth of workqueue', [...queue, 'priority']);
    this.adds = counter('workqueue_adds_total', 'Total number of adds handled by workqueue', queue);
    const histogram = (name: string, help: string) =>
      new client.Histogram({ name, help, labelNames: queue, buckets: QUEUE_BUCKETS, registers });
    this.queueDuration = histogram(
      'workqueue_queue_duration_seconds',
      'How long in seconds an item stays in workqueue before being requested',
    );
    this.workDuration = histogram(
      'workqueue_work_duration_seconds',
      'How long in seconds processing an item from workqueue takes',
    );
    this.retries = counter('workqueue_retries_total', 'Total number of retries handled by workqueue', queue);
    const queues = this.queues;
    const now = () => Date.now();
    new client.Gauge({
      name: 'workqueue_unfinished_work_seconds',
      help: "How many seconds of work has been done that is in progress and hasn't been observed by work_duration",
      labelNames: queue,
      registers,
      collect() {
        for (const [name, q] of queues) {
          const total = q.inFlightSince().reduce((sum, t) => sum + (now() - t) / 1000, 0);
          this.set({ name, controller: name }, total);
        }
      },
    });
    new client.Gauge({
      name: 'workqueue_longest_running_processor_seconds',
      help: 'How many seconds has the longest running processor for workqueue been running',
      labelNames: queue,
      registers,
      collect() {
        for (const [name, q] of queues) {
          const oldest = Math.min(now(), ...q.inFlightSince());
          this.set({ name, controller: name }, (now() - oldest) / 1000);
        }
      },
    });
    this.leaderStatus = gauge(
      'leader_election_master_status',
      'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master',
      ['name'],
    );
    new client.Counter({
      name: 'leader_election_slowpath_total',
      help: 'Total number of slow path exercised in renewing leader leases',
      labelNames: ['name'],
      registers,
    });
  }

  /** The sink a WorkQueue reports to; every series starts at zero so rate() works from the first scrape. */
  queueSink(controller: string): WorkQueueMetricsSink {
    const labels = { name: controller, controller };
    this.adds.inc(labels, 0);
    this.retries.inc(labels, 0);
    this.depth.set({ ...labels, priority: '' }, 0);
    return {
      added: () => this.adds.inc(labels),
      depth: (n) => this.depth.set({ ...labels, priority: '' }, n),
      queued: (s) => this.queueDuration.observe(labels, s),
      worked: (s) => this.workDuration.observe(labels, s),
      retried: () => this.retries.inc(labels),
    };
  }

  /** Lets the unfinished-work gauges read the queue's in-flight keys at scrape time. */
  watchQueue(controller: string, queue: WorkQueue): void {
    this.queues.set(controller, queue);
  }

  controllerSink(controller: string): ControllerMetricsSink {
    const labels = { controller };
    for (const result of OUTCOMES) this.reconcileTotal.inc({ controller, result }, 0);
    this.reconcileErrors.inc(labels, 0);
    this.terminalErrors.inc(labels, 0);
    this.panics.inc(labels, 0);
    this.timeouts.inc(labels, 0);
    this.activeWorkers.set(labels, 0);
    return {
      reconciled: (outcome, seconds) => {
        this.reconcileTotal.inc({ controller, result: outcome });
        this.reconcileTime.observe(labels, seconds);
      },
      errored: (terminal) => {
        this.reconcileErrors.inc(labels);
        if (terminal) this.terminalErrors.inc(labels);
      },
      timedOut: () => this.timeouts.inc(labels),
      activeWorkers: (delta) => this.activeWorkers.inc(labels, delta),
      maxConcurrent: (n) => this.maxConcurrent.set(labels, n),
    };
  }

  setLeader(lease: string, leading: boolean): void {
    this.leaderStatus.set({ name: lease }, leading ? 1 : 0);
  }
}
