import { describe, expect, test } from 'vitest';
import { systemClock } from '../../src/kube/clock.js';
import { ItemExponentialRateLimiter } from '../../src/kube/rate-limiter.js';
import { WorkQueue } from '../../src/kube/work-queue.js';

function aQueue() {
  return new WorkQueue({
    name: 'test',
    clock: systemClock,
    rateLimiter: new ItemExponentialRateLimiter(5, 40),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('work queue', () => {
  test('stores a key once however often it is added before being taken', async () => {
    const q = aQueue();
    q.add('ns/a');
    q.add('ns/a');
    q.add('ns/b');
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe('ns/a');
    expect(await q.get()).toBe('ns/b');
  });

  test('never hands out a key that is being processed; re-adds it after done', async () => {
    const q = aQueue();
    q.add('ns/a');
    const first = await q.get();
    q.add('ns/a');
    expect(q.len()).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await sleep(10);
    expect(second).toBeUndefined();
    q.done(first!);
    await sleep(0);
    expect(second).toBe('ns/a');
  });

  test('concurrent workers never run the same key at the same time', async () => {
    const q = aQueue();
    const running = new Set<string>();
    let overlaps = 0;
    let processed = 0;
    const worker = async () => {
      for (;;) {
        const key = await q.get();
        if (key === undefined) return;
        if (running.has(key)) overlaps++;
        running.add(key);
        await sleep(1);
        running.delete(key);
        processed++;
        q.done(key);
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    for (let i = 0; i < 200; i++) {
      q.add(`ns/k${i % 3}`);
      if (i % 10 === 0) await sleep(1);
    }
    await sleep(50);
    await q.shutDownWithDrain();
    await Promise.all(workers);
    expect(overlaps).toBe(0);
    expect(processed).toBeGreaterThanOrEqual(3);
  });

  test('addAfter delays the add and keeps the earliest pending time', async () => {
    const q = aQueue();
    q.addAfter('ns/a', 200);
    q.addAfter('ns/a', 20);
    q.addAfter('ns/a', 500);
    expect(q.len()).toBe(0);
    await sleep(60);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('ns/a');
  });

  test('a wait longer than a timer can hold (a yearly schedule) does not fire at once', async () => {
    const q = aQueue();
    q.addAfter('ns/yearly', 33 * 24 * 60 * 60 * 1000);
    await sleep(30);
    expect(q.len()).toBe(0);
  });

  test('addRateLimited backs off per key and forget resets it', async () => {
    const q = aQueue();
    q.addRateLimited('ns/a');
    q.addRateLimited('ns/a');
    expect(q.retries('ns/a')).toBe(2);
    q.forget('ns/a');
    expect(q.retries('ns/a')).toBe(0);
  });

  test('shutdown releases waiting workers and waits for the key in flight', async () => {
    const q = aQueue();
    q.add('ns/a');
    const key = await q.get();
    const waiting = q.get();
    let drained = false;
    const shutdown = q.shutDownWithDrain().then(() => (drained = true));
    expect(await waiting).toBeUndefined();
    await sleep(5);
    expect(drained).toBe(false);
    q.done(key!);
    await shutdown;
    expect(drained).toBe(true);
    q.add('ns/b');
    expect(await q.get()).toBeUndefined();
  });
});
