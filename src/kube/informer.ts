/**
 * A supervised list-and-watch cache for one resource, written on client-node's
 * bare `Watch` because 1.4's ListWatch stops for good on any non-410 error,
 * reconnects in a hot loop and has no client-side timeout (a half-open
 * connection leaves it silently stale). This one:
 * - lists, then watches from the list's resourceVersion with bookmarks and a
 *   server-side `timeoutSeconds`, so a healthy watch ends and resumes regularly;
 * - restarts on any error with exponential backoff (a 410 Gone forces a relist);
 * - runs a watchdog: no event or bookmark for `watchdogMs` aborts the watch and relists. The
 *   server sends a bookmark just before `timeoutSeconds` and then ends the watch, so a healthy
 *   watch is never silent much longer than that: a short timeout (20 s) lets the watchdog catch a
 *   stalled watch (a half-open connection) within about 40 s instead of after minutes;
 * - calls the handler with every cached object every `resyncMs` (periodic resync),
 *   because the controllers are level-triggered and must not depend on events alone.
 */
import type * as k8s from '@kubernetes/client-node';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { statusCodeOf } from './client.js';
import { listRaw } from './raw-list.js';

export interface WireObject {
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export type InformerEvent = 'add' | 'update' | 'delete' | 'resync';

/** `Wire` is the object as the API server sends it, `T` what the cache keeps (see `transform`). */
export interface InformerOptions<T extends WireObject, Wire extends WireObject = T> {
  /** For logs, e.g. `syncjobs`. */
  name: string;
  config: k8s.KubeConfig;
  watch: k8s.Watch;
  /** Collection path, e.g. `/apis/batch/v1/namespaces/ns/jobs` or `/api/v1/secrets`. */
  path: string;
  labelSelector?: string;
  onEvent: (event: InformerEvent, obj: T, old?: T) => void;
  /** Shrinks each object before caching (e.g. drop Secret data: only references are needed). */
  transform?: (obj: Wire) => T;
  logger: Logger;
  clock: Clock;
  /** Server-side watch timeout; the watch then resumes from the last resourceVersion (default 20 s). */
  watchTimeoutSeconds?: number;
  /** A watch silent (no event, no bookmark) this long is presumed dead (default timeout + 10 s). */
  watchdogMs?: number;
  /** Every object is handed to the handler again this often (default 10 min; 0 = never). */
  resyncMs?: number;
  /** Backoff after errors: doubles from min to max (default 1 s .. 30 s). */
  backoff?: { minMs: number; maxMs: number };
}

export class SupervisedInformer<T extends WireObject, Wire extends WireObject = T> {
  private readonly cache = new Map<string, T>();
  private resourceVersion = '';
  private stopped = true;
  private attempt = 0;
  private failures = 0;
  private abort: AbortController | undefined;
  private lastActivity = 0;
  private timers: NodeJS.Timeout[] = [];
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];
  /** Counts restarts, for tests and logs. */
  restarts = 0;

  constructor(private readonly options: InformerOptions<T, Wire>) {}

  get(namespace: string, name: string): T | undefined {
    return this.cache.get(`${namespace}/${name}`);
  }

  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata?.namespace === namespace);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves after the first complete list. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const watchdogMs = this.options.watchdogMs ?? this.timeoutSeconds() * 1000 + 10_000;
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(Math.max(50, Math.floor(watchdogMs / 4)), () => this.checkWatchdog(watchdogMs));
    const resyncMs = this.options.resyncMs ?? 600_000;
    if (resyncMs > 0) every(resyncMs, () => this.resync());
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.abort?.abort();
    this.abort = undefined;
  }

  private timeoutSeconds(): number {
    return this.options.watchTimeoutSeconds ?? 20;
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private resync(): void {
    for (const obj of this.cache.values()) this.options.onEvent('resync', obj);
  }

  private checkWatchdog(watchdogMs: number): void {
    if (this.stopped || this.abort === undefined) return;
    if (this.now() - this.lastActivity <= watchdogMs) return;
    this.options.logger.warn('Restarted a silent watch', {
      informer: this.options.name,
      silentMs: watchdogMs,
    });
    this.resourceVersion = '';
    this.restart(0);
  }

  /** Aborts the current watch (if any) and relists after `delayMs`. */
  private restart(delayMs: number): void {
    const attempt = ++this.attempt;
    this.abort?.abort();
    this.abort = undefined;
    this.restarts++;
    const t = setTimeout(() => {
      if (!this.stopped && attempt === this.attempt)
        void (this.resourceVersion ? this.watch() : this.relist());
    }, delayMs);
    t.unref();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    if (statusCodeOf(error) === 410) this.resourceVersion = '';
    const { minMs, maxMs } = this.options.backoff ?? { minMs: 1000, maxMs: 30_000 };
    const delay = Math.min(maxMs, minMs * 2 ** this.failures++);
    this.options.logger.warn('Restarting informer after an error', {
      informer: this.options.name,
      delayMs: delay,
      error: error instanceof Error ? error.message : String(error),
    });
    this.restart(delay);
  }

  private async relist(): Promise<void> {
    const attempt = this.attempt;
    try {
      const { items, resourceVersion } = await listRaw<Wire>(this.options.config, this.options.path, {
        labelSelector: this.options.labelSelector,
      });
      if (this.stopped || attempt !== this.attempt) return;
      this.replace(items);
      this.resourceVersion = resourceVersion;
      this.failures = 0;
      this.markSynced();
      await this.watch();
    } catch (error) {
      if (attempt === this.attempt) this.fail(error);
    }
  }

  private replace(items: Wire[]): void {
    const fresh = new Map(items.map((o) => [keyOf(o), this.shrink(o)]));
    for (const [key, old] of this.cache) {
      if (!fresh.has(key)) {
        this.cache.delete(key);
        this.options.onEvent('delete', old);
      }
    }
    for (const [key, obj] of fresh) this.upsert(key, obj);
  }

  private upsert(key: string, obj: T): void {
    const old = this.cache.get(key);
    this.cache.set(key, obj);
    if (!old) this.options.onEvent('add', obj);
    else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion)
      this.options.onEvent('update', obj, old);
  }

  private async watch(): Promise<void> {
    const attempt = this.attempt;
    const started = this.now();
    let events = 0;
    this.lastActivity = started;
    const query = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: this.timeoutSeconds(),
      labelSelector: this.options.labelSelector,
    };
    const onEvent = (type: string, obj: Wire & { code?: number }) => {
      if (attempt !== this.attempt) return;
      this.lastActivity = this.now();
      events++;
      if (type === 'ERROR') {
        this.fail(
          Object.assign(new Error(`watch ${this.options.name} returned an error event`), { code: obj.code }),
        );
        return;
      }
      const rv = obj.metadata?.resourceVersion;
      if (rv) this.resourceVersion = rv;
      if (type === 'BOOKMARK') return;
      const key = keyOf(obj);
      const shrunk = this.shrink(obj);
      if (type === 'DELETED') {
        this.cache.delete(key);
        this.options.onEvent('delete', shrunk);
      } else this.upsert(key, shrunk);
    };
    const onDone = (error: unknown) => {
      if (attempt !== this.attempt || this.stopped) return;
      // A watch the server closes at once, again and again, must not become a hot loop.
      if (error || (events === 0 && this.now() - started < 1000))
        this.fail(error ?? new Error('watch closed at once'));
      else {
        this.failures = 0;
        this.restart(0);
      }
    };
    try {
      this.abort = await this.options.watch.watch(this.options.path, query, onEvent, onDone);
      if (attempt !== this.attempt || this.stopped) this.abort.abort();
    } catch (error) {
      onDone(error);
    }
  }

  private shrink(obj: Wire): T {
    // Without a transform the wire shape is the cached shape (Wire defaults to T).
    return this.options.transform ? this.options.transform(obj) : (obj as unknown as T);
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve();
  }
}

function keyOf(obj: WireObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}
