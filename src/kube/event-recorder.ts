/**
 * Records Kubernetes Events (events.k8s.io/v1) about our objects, with the
 * reporting controller set, the way controller-runtime's new recorder does.
 * Controllers call it on transitions only; the recorder also drops a repeat of
 * the same reason and note for the same object within `dedupeMs`, so a
 * reconcile loop can never flood the namespace. Failures to record are logged,
 * never thrown: an event is a courtesy, not part of the reconcile's outcome.
 *
 * So `record` only queues the event: a few senders (`maxInFlight`) post the
 * queue in the background, like client-go's broadcaster. A reconcile no longer
 * waits a round trip per event, and when hundreds of SyncJobs are due at once
 * the API server spends its time on their Jobs first and the events follow.
 * At most `maxQueued` events wait; beyond that new ones are dropped and
 * counted (a flood is not worth the memory). `flush` waits for the queue, on
 * shutdown.
 */
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import type { Logger } from '../observability/logger.js';
import { redact } from '../observability/redaction.js';
import type { Clock } from './clock.js';

export interface EventSubject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  events: k8s.EventsV1Api;
  /** e.g. `pipedrive.sync.dev/syncjob-controller`. */
  reportingController: string;
  /** This replica's identity (pod name). */
  reportingInstance: string;
  clock: Clock;
  logger: Logger;
  dedupeMs?: number;
  /** Events posted at once (default 4). */
  maxInFlight?: number;
  /** Events waiting to be posted before new ones are dropped (default 1000). */
  maxQueued?: number;
}

export class EventRecorder {
  private readonly recent = new Map<string, number>();
  private readonly queue: k8s.EventsV1Event[] = [];
  private inFlight = 0;
  private dropped = 0;
  private readonly idle: (() => void)[] = [];

  constructor(private readonly options: EventRecorderOptions) {}

  /**
   * Queues an event; it is posted in the background. `reason` is CamelCase;
   * `action` says what the controller did (e.g. `Create`, `Validate`).
   */
  record(subject: EventSubject, type: EventType, reason: string, action: string, note: string): void {
    const { namespace, name, uid } = subject.metadata ?? {};
    if (!namespace || !name) return;
    const cleanNote = redact(note).slice(0, 1024);
    const dedupeKey = `${uid ?? name}|${reason}|${cleanNote}`;
    const now = this.options.clock.now();
    const last = this.recent.get(dedupeKey);
    if (last !== undefined && now.getTime() - last < (this.options.dedupeMs ?? 600_000)) return;
    this.recent.set(dedupeKey, now.getTime());
    if (this.recent.size > 10_000) this.recent.clear();
    const body: k8s.EventsV1Event = {
      // client-go's naming: <object>.<hex time>; generateName would need to end in an alphanumeric.
      metadata: {
        name: `${name.slice(0, 200)}.${now.getTime().toString(16)}${randomBytes(2).toString('hex')}`,
        namespace,
      },
      // MicroTime: a plain Date would serialise with milliseconds, which the API server rejects.
      eventTime: new k8s.V1MicroTime(now.getTime()),
      reportingController: this.options.reportingController,
      reportingInstance: this.options.reportingInstance.slice(0, 128),
      action: action.slice(0, 128),
      reason: reason.slice(0, 128),
      note: cleanNote,
      type,
      regarding: {
        apiVersion: subject.apiVersion,
        kind: subject.kind,
        name,
        namespace,
        uid,
        resourceVersion: subject.metadata?.resourceVersion,
      },
    };
    if (this.queue.length >= (this.options.maxQueued ?? 1000)) {
      this.dropped++;
      return;
    }
    this.queue.push(body);
    this.pump();
  }

  /** Resolves once every queued event was posted (or failed), or after `timeoutMs`. */
  async flush(timeoutMs = 5000): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private pump(): void {
    while (this.inFlight < (this.options.maxInFlight ?? 4) && this.queue.length > 0) {
      const body = this.queue.shift()!;
      this.inFlight++;
      void this.send(body).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) this.settle();
      });
    }
  }

  private settle(): void {
    if (this.dropped > 0) {
      this.options.logger.warn('Dropped events while too many waited to be posted', {
        dropped: this.dropped,
      });
      this.dropped = 0;
    }
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async send(body: k8s.EventsV1Event): Promise<void> {
    const namespace = body.metadata?.namespace ?? '';
    try {
      await this.options.events.createNamespacedEvent({ namespace, body });
    } catch (error) {
      this.options.logger.warn('Failed to record an event', {
        reason: body.reason,
        namespace,
        name: body.regarding?.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Forgets dedupe state of a deleted object. */
  forget(uid: string): void {
    for (const key of this.recent.keys()) if (key.startsWith(`${uid}|`)) this.recent.delete(key);
  }
}
