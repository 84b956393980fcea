import { expect, test } from 'vitest';
import type { Column } from '../../src/sync/contracts.js';
import type { ContractContext } from './destination.contract.js';
import { aTable, canonical, writeRows } from './destination.fixtures.js';

const DELETED: Column = { name: 'is_deleted', type: 'boolean' };

/** A settable clock: the destination stamps `_synced_at` with it. */
function testClock(start: string): { now: () => Date; set(iso: string): void } {
  let current = new Date(start);
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso)) };
}

export function sweepContract(ctx: ContractContext): void {
  const syncedAt = async (table: string): Promise<Record<number, string>> =>
    Object.fromEntries(
      (await ctx.inspector.rows(table, 'id')).map((r) => [
        Number(r.id),
        canonical('timestamp', r._synced_at) as string,
      ]),
    );

  test('isEmpty: true for a table without rows, false once a row is written (the sweep is skipped on the former)', async () => {
    const d = await ctx.open();
    const t = aTable('empty_check_t');
    await d.ensureTable(t.schema);
    expect(await d.isEmpty(t.schema)).toBe(true);
    await writeRows(d, t.schema, [{ id: 7 }], null);
    expect(await d.isEmpty(t.schema)).toBe(false);
  });

  test('the delete sweep flags rows not written since the read began, adding is_deleted when missing', async () => {
    const clock = testClock('2025-03-01T10:00:00.000Z');
    const d = await ctx.open({ now: clock.now });
    const plain = aTable('sweep_plain_t');
    const flagged = aTable('sweep_plain_t', [DELETED]);
    await d.ensureTable(plain.schema);
    await writeRows(d, plain.schema, [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }], 'b1');
    // The next complete read starts at 11:00 and lists 1 and 3 only.
    clock.set('2025-03-01T11:00:00.000Z');
    const readStart = clock.now();
    clock.set('2025-03-01T11:00:00.001Z');
    await writeRows(d, plain.schema, [{ id: 1, title: 'seen' }, { id: 3 }], 'b2');
    clock.set('2025-03-01T11:05:00.000Z');
    expect(await d.markUnseenDeleted(plain.schema, readStart)).toBe(2);

    expect(await ctx.inspector.columns(flagged.layout(ctx.dialect).table)).toContain('is_deleted');
    expect((await ctx.read(flagged)).map((r) => [r.id, r.title, r.is_deleted])).toEqual([
      [1, 'seen', null],
      [2, null, true],
      [3, null, null],
      [4, null, true],
    ]);
    // Flagged rows carry the time of the sweep, so consumers following _synced_at see the change.
    expect(await syncedAt(flagged.layout(ctx.dialect).table)).toEqual({
      1: '2025-03-01T11:00:00.001Z',
      2: '2025-03-01T11:05:00.000Z',
      3: '2025-03-01T11:00:00.001Z',
      4: '2025-03-01T11:05:00.000Z',
    });
    expect((await d.readBookmarks()).get('sweep_plain_t')).toBe('b2');

    // A second sweep flags nothing new and keeps the first sweep's stamp.
    clock.set('2025-03-01T12:00:00.000Z');
    expect(await d.markUnseenDeleted(plain.schema, readStart)).toBe(0);
    expect((await syncedAt(flagged.layout(ctx.dialect).table))[2]).toBe('2025-03-01T11:05:00.000Z');

    // A row listed again is written with the source's flag and is live again.
    await d.ensureTable(flagged.schema);
    await writeRows(d, flagged.schema, [{ id: 2, title: 'back', is_deleted: false }], null);
    expect((await ctx.read(flagged)).map((r) => r.is_deleted)).toEqual([null, false, null, true]);
  });

  test('the sweep leaves rows the source flagged, other tables and other prefixes alone', async () => {
    const clock = testClock('2025-04-01T10:00:00.000Z');
    const d = await ctx.open({ now: clock.now, tablePrefix: 'sw_' });
    const other = await ctx.open({ now: clock.now, tablePrefix: 'sx_' });
    const t = aTable('sweep_flag_t', [DELETED]);
    for (const dest of [d, other]) {
      await dest.ensureTable(t.schema);
      await writeRows(
        dest,
        t.schema,
        [
          { id: 1, is_deleted: false },
          { id: 2, is_deleted: true },
          { id: 3, is_deleted: false },
        ],
        null,
      );
    }
    clock.set('2025-04-01T11:00:00.000Z');
    const readStart = clock.now();
    // An empty complete read: every row the source did not flag yet is gone.
    expect(await d.markUnseenDeleted(t.schema, readStart)).toBe(2);
    const stamps = await syncedAt(t.layout(ctx.dialect, 'sw_').table);
    expect(stamps[2]).toBe('2025-04-01T10:00:00.000Z');
    expect((await ctx.read(t, 'sw_')).map((r) => r.is_deleted)).toEqual([true, true, true]);
    expect((await ctx.read(t, 'sx_')).map((r) => r.is_deleted)).toEqual([false, true, false]);
  });
}
