/**
 * Leader election on a coordination.k8s.io/v1 Lease, ported from client-go's
 * leaderelection package with controller-runtime's timings (15 s lease, 10 s
 * renew deadline, 2 s retry):
 * - expiry of someone else's lease is judged by the time *we* observed its
 *   record change, never by the remote renewTime, so clock skew cannot cut a
 *   lease short;
 * - acquire and renew are a PUT carrying the resourceVersion read just before,
 *   so two candidates cannot both win (the loser gets 409);
 * - a leader that cannot renew within the deadline reports loss (the operator
 *   then stops its controllers and exits, like controller-runtime);
 * - on shutdown the leader releases the lease (empty holder, 1 s duration) so a
 *   standby takes over at its next retry instead of after 15 s.
 * Lease timestamps are MicroTime: `V1MicroTime` serialises with 6 fractional
 * digits, which the API server requires (a JS Date's 3 are rejected).
 */
import * as k8s from '@kubernetes/client-node';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { isConflict, isNotFound } from './client.js';

export interface LeaderElectionOptions {
  coordination: k8s.CoordinationV1Api;
  namespace: string;
  /** Lease name, e.g. `pipedrive-sync-operator`. */
  name: string;
  /** Unique per replica: hostname + '_' + random. */
  identity: string;
  clock: Clock;
  logger: Logger;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  /** Reports leadership changes (the leader_election_master_status gauge). */
  onLeadershipChange?: (leading: boolean) => void;
}

export class LeaderElector {
  private observed: { record: string; at: number } | undefined;
  private leading = false;
  /** When the lease held by someone else expires, as we observed it. */
  private othersExpiry: number | undefined;
  private stopped = false;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  private get leaseMs(): number {
    return this.options.leaseDurationMs ?? 15_000;
  }
  private get renewDeadlineMs(): number {
    return this.options.renewDeadlineMs ?? 10_000;
  }
  private get retryMs(): number {
    return this.options.retryPeriodMs ?? 2_000;
  }

  /** Campaigns until leading, then renews until leadership is lost or `stop()` is called. */
  async run(): Promise<void> {
    while (!this.stopped && !(await this.attempt()))
      await this.sleep(this.retryMs * (1 + Math.random() * 0.2));
    if (this.stopped) return;
    this.setLeading(true);
    this.options.logger.info('Acquired leadership', {
      lease: this.options.name,
      identity: this.options.identity,
    });
    this.options.onStartedLeading();
    let lastRenew = this.now();
    while (!this.stopped) {
      await this.sleep(this.retryMs);
      if (this.stopped) break;
      if (await this.attempt()) lastRenew = this.now();
      else if (this.now() - lastRenew > this.renewDeadlineMs) {
        this.setLeading(false);
        this.options.logger.error('Lost leadership', {
          lease: this.options.name,
          identity: this.options.identity,
        });
        this.options.onStoppedLeading();
        return;
      }
    }
  }

  /** Stops campaigning; a leader releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    if (!this.leading) return;
    // A renew may still be in flight and win the race for the resourceVersion: retry on conflict.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const lease = await this.options.coordination.readNamespacedLease(this.ref());
        if (lease.spec?.holderIdentity !== this.options.identity) break;
        const now = new k8s.V1MicroTime(this.now());
        lease.spec = {
          ...lease.spec,
          holderIdentity: undefined,
          leaseDurationSeconds: 1,
          renewTime: now,
          acquireTime: now,
        };
        await this.options.coordination.replaceNamespacedLease({ ...this.ref(), body: lease });
        this.options.logger.info('Released leadership', { lease: this.options.name });
        break;
      } catch (error) {
        if (isConflict(error)) continue;
        this.options.logger.warn('Failed to release the lease', {
          lease: this.options.name,
          error: String(error),
        });
        break;
      }
    }
    this.setLeading(false);
  }

  /** One try to acquire or renew; true when we hold the lease afterwards. */
  private async attempt(): Promise<boolean> {
    try {
      return await withTimeout(this.tryAcquireOrRenew(), this.renewDeadlineMs);
    } catch (error) {
      this.options.logger.warn('Failed to acquire or renew the lease', {
        lease: this.options.name,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { coordination, identity } = this.options;
    const now = this.now();
    const micro = new k8s.V1MicroTime(now);
    const leaseSeconds = Math.round(this.leaseMs / 1000);
    let lease: k8s.V1Lease;
    try {
      lease = await coordination.readNamespacedLease(this.ref());
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const body: k8s.V1Lease = {
        metadata: { name: this.options.name, namespace: this.options.namespace },
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: leaseSeconds,
          acquireTime: micro,
          renewTime: micro,
          leaseTransitions: 0,
        },
      };
      return this.write(() =>
        coordination.createNamespacedLease({ namespace: this.options.namespace, body }),
      );
    }
    const spec = lease.spec ?? {};
    const record = JSON.stringify([spec.holderIdentity, String(spec.renewTime), spec.leaseDurationSeconds]);
    if (this.observed?.record !== record) this.observed = { record, at: now };
    const holder = spec.holderIdentity ?? '';
    const durationMs = (spec.leaseDurationSeconds ?? leaseSeconds) * 1000;
    if (holder !== '' && holder !== identity && this.observed.at + durationMs > now) {
      this.othersExpiry = this.observed.at + durationMs;
      return false;
    }
    const mine = holder === identity;
    lease.spec = {
      ...spec,
      holderIdentity: identity,
      leaseDurationSeconds: leaseSeconds,
      renewTime: micro,
      acquireTime:
        mine && spec.acquireTime ? new k8s.V1MicroTime(new Date(spec.acquireTime).getTime()) : micro,
      leaseTransitions: mine ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? 0) + 1,
    };
    return this.write(() => coordination.replaceNamespacedLease({ ...this.ref(), body: lease }));
  }

  private async write(call: () => Promise<k8s.V1Lease>): Promise<boolean> {
    try {
      const written = await call();
      const spec = written.spec ?? {};
      this.observed = {
        record: JSON.stringify([spec.holderIdentity, String(spec.renewTime), spec.leaseDurationSeconds]),
        at: this.now(),
      };
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /**
   * A candidate retries every RetryPeriod (with jitter), but wakes right after
   * another holder's lease would expire rather than up to a RetryPeriod later,
   * so a dead leader is replaced about LeaseDuration after its last renewal.
   */
  private candidateWaitMs(): number {
    const retry = this.retryMs * (1 + Math.random() * 0.2);
    const expiry = this.othersExpiry;
    this.othersExpiry = undefined;
    if (expiry === undefined) return retry;
    return Math.max(50, Math.min(retry, expiry - this.now() + 50));
  }

  private ref(): { name: string; namespace: string } {
    return { name: this.options.name, namespace: this.options.namespace };
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    this.options.onLeadershipChange?.(leading);
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
