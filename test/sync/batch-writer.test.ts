/**
 * The batch writer's guarantees, with a write whose completion the test
 * controls: batches go out in order, one at a time, each with the bookmark of
 * its last page; reading goes on during a write until the rows read and not yet
 * committed reach the cap; after a failed write nothing more is written.
 */
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/sync/batch-writer.js';
import type { EncodedPage } from '../../src/sync/contracts.js';
import type { BatchPage, PageBatch } from '../../src/sync/page-batch.js';

/** Stands in for a destination's encoded rows: the ids it holds. */
class IdsPage implements EncodedPage {
  constructor(readonly ids: number[]) {}
  get rowCount(): number {
    return this.ids.length;
  }
}

const idsOf = (page: EncodedPage | null): number[] => (page instanceof IdsPage ? page.ids : []);

const page = (n: number, size = 10): BatchPage => ({
  rows: new IdsPage(Array.from({ length: size }, (_, i) => n * 100 + i)),
  bookmark: `b${n}`,
  deleted: 0,
});

interface Written {
  ids: unknown[];
  bookmark: string | null;
  done: () => void;
  fail: (error: Error) => void;
}

function controlledWrites(): { written: Written[]; write: (batch: PageBatch) => Promise<void> } {
  const written: Written[] = [];
  const write = (batch: PageBatch): Promise<void> =>
    new Promise<void>((done, fail) => {
      written.push({ ids: batch.pages.flatMap(idsOf), bookmark: batch.bookmark, done, fail });
    });
  return { written, write };
}

/** Resolves to true if the promise settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return settled;
}

describe('BatchWriter', () => {
  it('writes full batches in order with the bookmark of their last page, and reads on during a write', async () => {
    const { written, write } = controlledWrites();
    const writer = new BatchWriter(write, { rows: 1000, pages: 2 });
    await writer.add(page(1));
    expect(written).toHaveLength(0);
    await writer.add(page(2));
    expect(written.map((w) => w.bookmark)).toEqual(['b2']);
    // The first write is still in flight: pages 3 and 4 are accepted and gathered, not written.
    expect(await settlesSoon(writer.add(page(3)))).toBe(true);
    expect(await settlesSoon(writer.add(page(4)))).toBe(true);
    expect(written).toHaveLength(1);
    written[0]!.done();
    await settlesSoon(Promise.resolve());
    // Once the first write commits, what gathered meanwhile is written at once.
    expect(written.map((w) => w.bookmark)).toEqual(['b2', 'b4']);
    expect(written[1]!.ids).toEqual([...idsOf(page(3).rows), ...idsOf(page(4).rows)]);
    written[1]!.done();
    await writer.add(page(5));
    const finished = writer.finish();
    await settlesSoon(Promise.resolve());
    written[2]!.done();
    await finished;
    expect(written.map((w) => w.bookmark)).toEqual(['b2', 'b4', 'b5']);
  });

  it('makes the reader wait once the rows read but not committed reach the cap', async () => {
    const { written, write } = controlledWrites();
    const writer = new BatchWriter(write, { rows: 30, pages: 2 });
    await writer.add(page(1));
    await writer.add(page(2)); // 20 rows in flight
    const third = writer.add(page(3)); // 30 uncommitted: at the cap
    expect(await settlesSoon(third)).toBe(false);
    written[0]!.done();
    await third;
    expect(written).toHaveLength(1);
    const finished = writer.finish();
    await settlesSoon(Promise.resolve());
    written[1]!.done();
    await finished;
    expect(written.map((w) => w.bookmark)).toEqual(['b2', 'b3']);
  });

  it('at the cap, waits for the write in flight only, not for the batch that starts after it', async () => {
    const { written, write } = controlledWrites();
    const writer = new BatchWriter(write, { rows: 40, pages: 2 });
    await writer.add(page(1));
    await writer.add(page(2)); // 20 rows in flight
    await writer.add(page(3));
    const fourth = writer.add(page(4)); // pages 3-4 make a full batch; 40 uncommitted: at the cap
    expect(await settlesSoon(fourth)).toBe(false);
    written[0]!.done();
    // Pages 3-4 go out as the first write commits, and the reader reads on while they are written.
    expect(await settlesSoon(fourth)).toBe(true);
    expect(written.map((w) => w.bookmark)).toEqual(['b2', 'b4']);
    const finished = writer.finish();
    written[1]!.done();
    await finished;
    expect(written.map((w) => w.bookmark)).toEqual(['b2', 'b4']);
  });

  it('writes nothing more after a failed write, and reports its error', async () => {
    const { written, write } = controlledWrites();
    const writer = new BatchWriter(write, { rows: 1000, pages: 1 });
    await writer.add(page(1));
    await writer.add(page(2)); // gathered while page 1 is written
    written[0]!.fail(new Error('write failed'));
    await expect(writer.finish()).rejects.toThrow('write failed');
    await expect(writer.add(page(3))).rejects.toThrow('write failed');
    expect(written.map((w) => w.bookmark)).toEqual(['b1']);
  });
});
