/**
 * Runs one reconciler over a work queue, with controller-runtime's result
 * rules: an error requeues with per-key backoff, a TerminalError does not,
 * `requeueAfter` forgets the backoff and requeues after the delay, and a plain
 * success forgets the key. Workers never see the same key twice at once (the
 * queue guarantees it), a reconcile that hangs is cut off by a timeout, and a
 * throw is always caught (controller-runtime's RecoverPanic).
 */
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import type { WorkQueue } from './work-queue.js';

export interface ReconcileResult {
  /** Reconcile again after this many milliseconds (a schedule, a revalidation). */
  requeueAfterMs?: number;
}

/** A failure retrying cannot fix; the key is not requeued until something changes. */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

/** Reconciles one key; I/O should honour `signal`, which aborts when the reconcile times out. */
export type Reconciler = (key: string, signal: AbortSignal) => Promise<ReconcileResult | void>;

export type ReconcileOutcome = 'success' | 'error' | 'requeue' | 'requeue_after';

/** What the runner reports, so the metrics module can mirror controller-runtime's families. */
export interface ControllerMetricsSink {
  reconciled(outcome: ReconcileOutcome, seconds: number): void;
  errored(terminal: boolean): void;
  timedOut(): void;
  activeWorkers(delta: number): void;
  maxConcurrent(n: number): void;
}

export interface ControllerOptions {
  name: string;
  queue: WorkQueue;
  reconcile: Reconciler;
  clock: Clock;
  logger: Logger;
  /** Workers; controller-runtime's MaxConcurrentReconciles (default 1). */
  concurrency?: number;
  /** A reconcile running longer than this fails with a timeout error and is retried. */
  timeoutMs?: number;
  metrics?: ControllerMetricsSink;
}

export class Controller {
  private workers: Promise<void>[] = [];

  constructor(private readonly options: ControllerOptions) {}

  get name(): string {
    return this.options.name;
  }

  start(): void {
    const n = this.options.concurrency ?? 1;
    this.options.metrics?.maxConcurrent(n);
    for (let i = 0; i < n; i++) this.workers.push(this.work());
  }

  /** Stops taking keys and waits for the reconciles in flight. */
  async stop(): Promise<void> {
    await this.options.queue.shutDownWithDrain();
    await Promise.all(this.workers);
    this.workers = [];
  }

  private async work(): Promise<void> {
    const { queue } = this.options;
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      this.options.metrics?.activeWorkers(1);
      try {
        await this.processOne(key);
      } finally {
        this.options.metrics?.activeWorkers(-1);
        queue.done(key);
      }
    }
  }

  private async processOne(key: string): Promise<void> {
    const { queue, logger, metrics, clock } = this.options;
    const started = clock.now().getTime();
    const seconds = () => (clock.now().getTime() - started) / 1000;
    try {
      const result = await this.withTimeout(key);
      if (result && result.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
        queue.forget(key);
        queue.addAfter(key, result.requeueAfterMs);
        metrics?.reconciled('requeue_after', seconds());
      } else {
        queue.forget(key);
        metrics?.reconciled('success', seconds());
      }
    } catch (error) {
      const terminal = error instanceof TerminalError;
      metrics?.reconciled('error', seconds());
      metrics?.errored(terminal);
      const message = error instanceof Error ? error.message : String(error);
      if (terminal) {
        queue.forget(key);
        logger.error('Reconciler failed terminally', { controller: this.name, key, error: message });
      } else {
        queue.addRateLimited(key);
        logger.warn('Reconciler failed; will retry', {
          controller: this.name,
          key,
          retries: queue.retries(key),
          error: message,
        });
      }
    }
  }

  /**
   * Aborts the reconcile's signal after the timeout but still waits for it to
   * settle, so the key is never released while its reconcile is running.
   */
  private async withTimeout(key: string): Promise<ReconcileResult | void> {
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      this.options.metrics?.timedOut();
      abort.abort(new Error(`reconcile of ${key} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    try {
      const result = await this.options.reconcile(key, abort.signal);
      if (abort.signal.aborted) throw abort.signal.reason;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }
}
