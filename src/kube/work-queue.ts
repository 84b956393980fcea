/**
 * A work queue of object keys (`namespace/name`) with client-go's guarantees:
 * - a key waiting in the queue is stored once however often it is added (dirty set);
 * - a key is never handed to two workers at once: adding it while it is being
 *   processed marks it dirty, and `done` puts it back in line (processing set);
 * - `addAfter` delays an add (requeueAfter, backoff); the earliest pending delay wins;
 * - `addRateLimited` asks the rate limiter how long to wait (per-key backoff).
 */
import type { Clock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';

/** The longest wait handed to setTimeout (Node's limit is 2^31-1 ms, about 24.8 days). */
export const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** What the queue reports, so metrics can follow it without the queue knowing prom-client. */
export interface WorkQueueMetricsSink {
  added(): void;
  depth(n: number): void;
  queued(seconds: number): void;
  worked(seconds: number): void;
  retried(): void;
}

export interface WorkQueueOptions {
  name: string;
  clock: Clock;
  rateLimiter: RateLimiter;
  metrics?: WorkQueueMetricsSink;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Map<string, number>();
  private readonly addedAt = new Map<string, number>();
  private readonly waiting = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly getters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;
  private readonly drained: (() => void)[] = [];

  constructor(private readonly options: WorkQueueOptions) {}

  get name(): string {
    return this.options.name;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.options.metrics?.added();
    this.dirty.add(key);
    this.addedAt.set(key, this.now());
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Adds `key` after `delayMs`; a pending earlier add of the same key is kept. */
  addAfter(key: string, requestedDelayMs: number): void {
    if (this.shuttingDown) return;
    if (requestedDelayMs <= 0) return this.add(key);
    // Node fires a timer longer than 2^31-1 ms at once (a yearly schedule would hot-loop): wait at
    // most a day; the reconcile then computes the remaining wait again.
    const delayMs = Math.min(requestedDelayMs, MAX_DELAY_MS);
    this.options.metrics?.retried();
    const at = this.now() + delayMs;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.waiting.set(key, { at, timer });
  }

  addRateLimited(key: string): void {
    this.addAfter(key, this.options.rateLimiter.when(key));
  }

  forget(key: string): void {
    this.options.rateLimiter.forget(key);
  }

  retries(key: string): number {
    return this.options.rateLimiter.retries(key);
  }

  /** The next key to process, or undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks `key` processed; if it was added meanwhile it goes back in line. */
  done(key: string): void {
    const started = this.processing.get(key);
    this.processing.delete(key);
    if (started !== undefined) this.options.metrics?.worked((this.now() - started) / 1000);
    if (this.dirty.has(key)) this.enqueue(key);
    if (this.processing.size === 0) for (const resolve of this.drained.splice(0)) resolve();
  }

  len(): number {
    return this.queue.length;
  }

  /** Start times (ms) of the keys being processed now, for the unfinished-work gauges. */
  inFlightSince(): number[] {
    return [...this.processing.values()];
  }

  /** Stops handing out keys; resolves once every key being processed is done. */
  async shutDownWithDrain(): Promise<void> {
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
    if (this.processing.size > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  private enqueue(key: string): void {
    const getter = this.getters.shift();
    if (getter) {
      getter(this.take(key));
      return;
    }
    this.queue.push(key);
    this.options.metrics?.depth(this.queue.length);
  }

  private take(key: string): string {
    const now = this.now();
    this.options.metrics?.depth(this.queue.length);
    const added = this.addedAt.get(key);
    if (added !== undefined) this.options.metrics?.queued((now - added) / 1000);
    this.addedAt.delete(key);
    this.dirty.delete(key);
    this.processing.set(key, now);
    return key;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
