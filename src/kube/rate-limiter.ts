/**
 * Rate limiters for the work queue, ported from client-go's `workqueue`
 * package so retries behave like controller-runtime's: the default limiter is
 * the slower of a per-key exponential backoff (5 ms doubling up to 1000 s) and
 * an overall token bucket (10 per second, burst 100).
 */
import type { Clock } from './clock.js';

export interface RateLimiter {
  /** How long `key` must wait before its next attempt; counts one more failure for it. */
  when(key: string): number;
  /** Forgets the key's failures (called after a success or a requeueAfter). */
  forget(key: string): void;
  /** How many times `key` failed since it was last forgotten. */
  retries(key: string): number;
}

/** Per-key exponential backoff: base * 2^failures, capped. */
export class ItemExponentialRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();
  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1_000_000,
  ) {}

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    // 2^n overflows to Infinity long after the cap; the min keeps it finite.
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }
  forget(key: string): void {
    this.failures.delete(key);
  }
  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** An overall token bucket: `qps` tokens per second, at most `burst` saved up; shared by all keys. */
export class BucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number;
  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now().getTime();
  }

  when(): number {
    const now = this.clock.now().getTime();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    // Reserve a token even when it is not there yet: the wait is how long until it will be.
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }
  forget(): void {}
  retries(): number {
    return 0;
  }
}

/** The slowest answer of several limiters, like client-go's MaxOfRateLimiter. */
export class MaxOfRateLimiter implements RateLimiter {
  private readonly limiters: RateLimiter[];
  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }
  when(key: string): number {
    return Math.max(...this.limiters.map((l) => l.when(key)));
  }
  forget(key: string): void {
    for (const l of this.limiters) l.forget(key);
  }
  retries(key: string): number {
    return Math.max(...this.limiters.map((l) => l.retries(key)));
  }
}

/** controller-runtime's default: 5 ms .. 1000 s per key, and 10 qps / burst 100 overall. */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return new MaxOfRateLimiter(
    new ItemExponentialRateLimiter(5, 1_000_000),
    new BucketRateLimiter(10, 100, clock),
  );
}
