import { describe, expect, test } from 'vitest';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialRateLimiter,
} from '../../src/kube/rate-limiter.js';

function manualClock(start = 0) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('per-key exponential backoff', () => {
  test('doubles from 5 ms per failure of the same key', () => {
    const limiter = new ItemExponentialRateLimiter();
    expect([1, 2, 3, 4, 5].map(() => limiter.when('ns/a'))).toEqual([5, 10, 20, 40, 80]);
    expect(limiter.retries('ns/a')).toBe(5);
  });

  test('caps at 1000 s however many failures', () => {
    const limiter = new ItemExponentialRateLimiter();
    let last = 0;
    for (let i = 0; i < 2000; i++) last = limiter.when('ns/a');
    expect(last).toBe(1_000_000);
  });

  test('keys back off independently and forget resets one key', () => {
    const limiter = new ItemExponentialRateLimiter();
    limiter.when('ns/a');
    limiter.when('ns/a');
    expect(limiter.when('ns/b')).toBe(5);
    limiter.forget('ns/a');
    expect(limiter.when('ns/a')).toBe(5);
    expect(limiter.retries('ns/b')).toBe(1);
  });
});

describe('token bucket', () => {
  test('lets a burst through, then spaces adds at the rate', () => {
    const clock = manualClock();
    const bucket = new BucketRateLimiter(10, 3, clock);
    expect([bucket.when(), bucket.when(), bucket.when()]).toEqual([0, 0, 0]);
    expect(bucket.when()).toBe(100);
    expect(bucket.when()).toBe(200);
    clock.advance(1000);
    expect(bucket.when()).toBe(0);
  });
});

describe('default controller limiter', () => {
  test('is the slower of the per-key backoff and the shared bucket', () => {
    const clock = manualClock();
    const limiter = defaultControllerRateLimiter(clock);
    const delays = Array.from({ length: 4 }, () => limiter.when('ns/a'));
    expect(delays).toEqual([5, 10, 20, 40]);
    for (let i = 0; i < 100; i++) limiter.when(`ns/k${i}`);
    // The bucket (burst 100) is now empty: a fresh key waits for a token, not 5 ms.
    expect(limiter.when('ns/fresh')).toBeGreaterThanOrEqual(100);
  });
});
