import { describe, expect, it } from 'vitest';
import { prefetched } from '../../src/sync/prefetch.js';
import { forEachBounded } from '../../src/sync/task-pool.js';

/** A source of pages that records when each page was requested relative to the consumer's work. */
function pages(count: number, events: string[], failAt?: number): AsyncIterable<number> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 1; i <= count; i += 1) {
          events.push(`read ${i}`);
          await new Promise((r) => setTimeout(r, 1));
          if (i === failAt) throw new Error(`page ${i} failed`);
          yield i;
        }
      } finally {
        events.push('closed');
      }
    },
  };
}

describe('prefetched', () => {
  it('requests the next page before the current one is processed, and never more than one ahead', async () => {
    const events: string[] = [];
    for await (const page of prefetched(pages(3, events))) {
      await new Promise((r) => setTimeout(r, 5));
      events.push(`write ${page}`);
    }
    // The source learns it is exhausted while page 3 is still being written.
    expect(events).toEqual(['read 1', 'read 2', 'write 1', 'read 3', 'write 2', 'closed', 'write 3']);
  });

  it('closes the source when the consumer stops early', async () => {
    const events: string[] = [];
    await expect(async () => {
      for await (const page of prefetched(pages(5, events))) {
        if (page === 2) throw new Error('write failed');
      }
    }).rejects.toThrow('write failed');
    expect(events).toEqual(['read 1', 'read 2', 'read 3', 'closed']);
  });

  it('surfaces a read failure after the pages before it', async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of prefetched(pages(5, [], 3))) seen.push(page);
    }).rejects.toThrow('page 3 failed');
    expect(seen).toEqual([1, 2]);
  });
});

describe('forEachBounded', () => {
  it('runs every item with at most the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 8 - n));
      done.push(n);
      inFlight -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});
