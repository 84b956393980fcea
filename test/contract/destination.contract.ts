/**
 * The contract every Destination engine passes, against a real database.
 * Engine test files call runDestinationContract with a factory (same database
 * on every call, so reopening sees earlier writes) and an inspector that reads
 * tables with the engine's own driver.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { Destination, TableSchema } from '../../src/sync/contracts.js';
import { DestinationError } from '../../src/sync/errors.js';
import type { DestinationOptions, Dialect } from '../../src/destinations/index.js';
import { aTable, canonical, writeRows, type ContractTable } from './destination.fixtures.js';
import { hostileContract } from './destination.hostile.js';
import { bookkeepingContract } from './destination.bookkeeping.js';
import { sweepContract } from './destination.sweep.js';

/** Raw access to the database under test, with the engine's driver. */
export interface DestinationInspector {
  /** Rows of a physical table as the driver returns them, ordered by `orderBy`. */
  rows(table: string, orderBy: string): Promise<Record<string, unknown>[]>;
  /** Column names of a physical table (empty when it does not exist). */
  columns(table: string): Promise<string[]>;
}

export interface DestinationContractTarget {
  name: string;
  dialect: Dialect;
  create(options?: DestinationOptions): Promise<Destination>;
  inspector: DestinationInspector;
  /** The engine keeps more than 15 significant digits of a decimal. */
  exactDecimals: boolean;
}

export interface ContractContext extends DestinationContractTarget {
  /** Opens a destination that is closed after the file's tests. */
  open(options?: DestinationOptions): Promise<Destination>;
  /** Rows of a data table, canonicalised by column type, keyed by logical column name. */
  read(table: ContractTable, prefix?: string): Promise<Record<string, unknown>[]>;
}

export function runDestinationContract(target: DestinationContractTarget): void {
  const opened: Destination[] = [];
  const ctx: ContractContext = {
    ...target,
    async open(options) {
      const destination = await target.create(options);
      opened.push(destination);
      return destination;
    },
    async read(table, prefix = '') {
      const layout = table.layout(target.dialect, prefix);
      const raw = await target.inspector.rows(layout.table, layout.primaryKey[0]!);
      return raw.map((r) =>
        Object.fromEntries(layout.columns.map((c) => [c.name, canonical(c.type, r[c.physical])])),
      );
    },
  };
  afterAll(async () => {
    for (const d of opened) await d.close().catch(() => undefined);
  });

  describe(`${target.name} destination contract`, () => {
    test('check prepares the bookkeeping tables', async () => {
      const d = await ctx.open();
      await d.check();
      expect(await target.inspector.columns('_pipedrive_sync_state')).toEqual(
        expect.arrayContaining(['table_name', 'bookmark', 'updated_at']),
      );
      expect(await target.inspector.columns('_pipedrive_sync_runs')).toEqual(
        expect.arrayContaining([
          'run_id',
          'started_at',
          'finished_at',
          'result',
          'rows_per_table',
          'message',
        ]),
      );
    });

    test('ensureTable creates typed columns plus _synced_at, and is repeatable', async () => {
      const d = await ctx.open();
      const t = aTable('create_t');
      await d.ensureTable(t.schema);
      await d.ensureTable(t.schema);
      const layout = t.layout(target.dialect);
      expect(new Set(await target.inspector.columns(layout.table))).toEqual(
        new Set([...layout.columns.map((c) => c.physical), '_synced_at']),
      );
    });

    test('evolving adds new columns and drops nothing', async () => {
      const d = await ctx.open();
      const before = aTable('evolve_t');
      await d.ensureTable(before.schema);
      await writeRows(d, before.schema, [{ id: 1, title: 'old', value: 10 }], null);
      const after = aTable('evolve_t', [{ name: 'stage_id', type: 'integer' }], ['value']);
      await d.ensureTable(after.schema);
      await writeRows(d, after.schema, [{ id: 2, title: 'new', stage_id: 7 }], null);
      const columns = await target.inspector.columns(after.layout(target.dialect).table);
      expect(columns).toEqual(expect.arrayContaining(['id', 'title', 'value', 'stage_id', '_synced_at']));
      const all = aTable('evolve_t', [{ name: 'stage_id', type: 'integer' }]);
      const rows = await ctx.read(all);
      expect(rows.map((r) => [r.id, r.title, r.value, r.stage_id])).toEqual([
        [1, 'old', 10, null],
        [2, 'new', null, 7],
      ]);
    });

    test('writing the same page twice leaves the same rows; a changed page updates them', async () => {
      const d = await ctx.open();
      const t = aTable('upsert_t');
      await d.ensureTable(t.schema);
      const page = [
        { id: 1, title: 'a', value: 1.5 },
        { id: 2, title: 'b', value: 2 },
      ];
      await writeRows(d, t.schema, page, 'b1');
      const first = await ctx.read(t);
      await writeRows(d, t.schema, page, 'b1');
      expect(await ctx.read(t)).toEqual(first);
      await writeRows(
        d,
        t.schema,
        [
          { id: 2, title: 'b2', value: null },
          { id: 3, title: 'c' },
        ],
        'b2',
      );
      expect((await ctx.read(t)).map((r) => [r.id, r.title, r.value])).toEqual([
        [1, 'a', 1.5],
        [2, 'b2', null],
        [3, 'c', null],
      ]);
      expect((await d.readBookmarks()).get('upsert_t')).toBe('b2');
      // A page with no rows still moves the bookmark.
      await writeRows(d, t.schema, [], 'b3');
      expect((await d.readBookmarks()).get('upsert_t')).toBe('b3');
      expect(await ctx.read(t)).toHaveLength(3);
    });

    test('a page holding the same key twice keeps the last version', async () => {
      const d = await ctx.open();
      const t = aTable('dup_t');
      await d.ensureTable(t.schema);
      await writeRows(
        d,
        t.schema,
        [
          { id: 1, title: 'first' },
          { id: 2, title: 'x' },
          { id: 1, title: 'last' },
        ],
        null,
      );
      expect((await ctx.read(t)).map((r) => [r.id, r.title])).toEqual([
        [1, 'last'],
        [2, 'x'],
      ]);
    });

    test('a write of several pages keeps, for a key in more than one, the version of the last page', async () => {
      const d = await ctx.open();
      const t = aTable('dup_pages_t');
      await d.ensureTable(t.schema);
      const pages = [
        [
          { id: 1, title: 'first ünïcødé' },
          { id: 2, title: 'two' },
        ],
        [
          { id: 3, title: '三' },
          { id: 1, title: 'again 🎉' },
        ],
        [
          { id: 4, title: 'four' },
          { id: 1, title: 'last ✓' },
        ],
      ].map((rows) => d.encode(t.schema, rows));
      await d.write(t.schema, pages, 'b1');
      expect((await ctx.read(t)).map((r) => [r.id, r.title])).toEqual([
        [1, 'last ✓'],
        [2, 'two'],
        [3, '三'],
        [4, 'four'],
      ]);
      // Written again over existing rows (the upsert path): the same result.
      await d.write(t.schema, pages, 'b2');
      expect((await ctx.read(t)).map((r) => [r.id, r.title])).toEqual([
        [1, 'last ✓'],
        [2, 'two'],
        [3, '三'],
        [4, 'four'],
      ]);
    });

    test('a key given once as a number and once as its text is one row, the last written', async () => {
      const d = await ctx.open();
      const t = aTable('mixed_key_t');
      await d.ensureTable(t.schema);
      const pages = [[{ id: 5, title: 'number' }], [{ id: '5', title: 'text' }]].map((rows) =>
        d.encode(t.schema, rows),
      );
      await d.write(t.schema, pages, null);
      expect((await ctx.read(t)).map((r) => [Number(r.id), r.title])).toEqual([[5, 'text']]);
    });

    test('refuses rows encoded elsewhere, writing nothing', async () => {
      const d = await ctx.open();
      const t = aTable('foreign_t');
      await d.ensureTable(t.schema);
      await expect(d.write(t.schema, [{ rowCount: 1 }], 'b1')).rejects.toThrow(
        /encoded for another destination/,
      );
      expect(await ctx.read(t)).toEqual([]);
      expect((await d.readBookmarks()).has('foreign_t')).toBe(false);
    });

    describe('bookmark atomicity: a failed write leaves neither rows nor bookmark', () => {
      test.each([
        [
          'a row without a primary key after valid rows',
          [{ id: 10, title: 'ok' }, { id: 11 }, { id: null, title: 'bad' }],
        ],
        [
          'a value the column cannot hold',
          [
            { id: 10, title: 'ok' },
            { id: 11, value: 'not a number' },
          ],
        ],
      ])('%s', async (_name, rows) => {
        const d = await ctx.open();
        const t = aTable(`atomic_${rows.length}`);
        await d.ensureTable(t.schema);
        await writeRows(d, t.schema, [{ id: 1, title: 'kept' }], 'before');
        await expect(writeRows(d, t.schema, rows, 'after')).rejects.toBeInstanceOf(DestinationError);
        expect((await ctx.read(t)).map((r) => r.id)).toEqual([1]);
        expect((await d.readBookmarks()).get(t.schema.name)).toBe('before');
      });

      test('a failure after the rows and before the bookmark', async () => {
        const t = aTable('atomic_hook');
        const d = await ctx.open({
          hooks: {
            beforeBookmark: (table) => {
              if (table === t.schema.name) throw new Error('forced failure between rows and bookmark');
            },
          },
        });
        await d.ensureTable(t.schema);
        await expect(writeRows(d, t.schema, [{ id: 1, title: 'a' }, { id: 2 }], 'b1')).rejects.toThrow(
          /forced failure/,
        );
        expect(await ctx.read(t)).toEqual([]);
        expect((await d.readBookmarks()).has(t.schema.name)).toBe(false);
        // The same destination keeps working after the failure.
        const ok = await ctx.open();
        await writeRows(ok, t.schema, [{ id: 1, title: 'a' }], 'b1');
        expect((await ctx.read(t)).map((r) => r.id)).toEqual([1]);
      });
    });

    test('values round-trip: json, timestamps, decimals, booleans, dates, text and nulls', async () => {
      const d = await ctx.open();
      const t = aTable('values_t', [
        { name: 'flag', type: 'boolean' },
        { name: 'at', type: 'timestamp' },
        { name: 'day', type: 'date' },
        { name: 'clock', type: 'time' },
        { name: 'ratio', type: 'number' },
        { name: 'meta', type: 'json' },
        { name: 'body', type: 'text' },
      ]);
      await d.ensureTable(t.schema);
      const rows = [
        {
          id: 1,
          title: 'Ünïcødé ✓ 🚀 "quotes" \'single\' back\\slash\ttab\nnewline',
          value: 1234567.89,
          flag: true,
          at: '2024-02-29T23:59:59.123Z',
          day: '2024-02-29',
          clock: '13:45:00',
          ratio: 0.25,
          meta: { labels: [1, 2], nested: { a: 'x"y', b: null }, emoji: '😀' },
          body: 'x'.repeat(70_000),
        },
        { id: 2, title: '', value: -0.5, flag: false, at: '2024-01-01 10:00:00', meta: [], ratio: -1e-7 },
        {
          id: 3,
          title: null,
          value: null,
          flag: null,
          at: null,
          day: null,
          clock: null,
          ratio: null,
          meta: null,
          body: null,
        },
        { id: 4, value: 0, flag: 1, at: '2024-06-01T12:00:00+02:00', meta: 'plain string' },
        { id: 5, title: '', value: '', flag: '', at: '', day: '', ratio: '', meta: '' },
      ];
      await writeRows(d, t.schema, rows, null);
      const back = await ctx.read(t);
      expect(back[0]).toMatchObject(rows[0]!);
      expect(back[1]).toMatchObject({
        title: '',
        value: -0.5,
        flag: false,
        at: '2024-01-01T10:00:00.000Z',
        meta: [],
        ratio: -1e-7,
      });
      expect(Object.values(back[2]!).filter((v) => v !== null)).toEqual([3]);
      expect(back[3]).toMatchObject({
        value: 0,
        flag: true,
        at: '2024-06-01T10:00:00.000Z',
        meta: 'plain string',
        title: null,
      });
      // An empty string in a typed column is "no value"; text and json keep it.
      expect(back[4]).toMatchObject({
        title: '',
        value: null,
        flag: null,
        at: null,
        day: null,
        ratio: null,
        meta: '',
      });
    });

    test(`decimals keep ${target.exactDecimals ? 'every digit' : '15 significant digits'}`, async () => {
      const d = await ctx.open();
      const t = aTable('decimal_t');
      await d.ensureTable(t.schema);
      const exact = '123456789012345678901234.0123456789';
      await writeRows(
        d,
        t.schema,
        [
          { id: 1, value: exact },
          { id: 2, value: '9999999999999.99' },
        ],
        null,
      );
      const raw = await target.inspector.rows(t.layout(target.dialect).table, 'id');
      if (target.exactDecimals) expect(String(raw[0]!.value).replace(/\.?0+$/, '')).toBe(exact);
      else expect(Number(raw[0]!.value) / Number(exact)).toBeCloseTo(1, 14);
      expect(Number(raw[1]!.value)).toBe(9999999999999.99);
    });

    hostileContract(ctx);
    bookkeepingContract(ctx);
    sweepContract(ctx);
  });
}

export type { TableSchema };
