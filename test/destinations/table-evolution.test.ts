import { describe, expect, test } from 'vitest';
import { bookmarksUnder } from '../../src/destinations/bookkeeping.js';
import { mysqlDialect, planTable, postgresDialect, sqliteDialect } from '../../src/destinations/index.js';
import { missingColumns, tableColumns } from '../../src/destinations/table-evolution.js';
import type { TableSchema } from '../../src/sync/contracts.js';

const schema: TableSchema = {
  name: 'deals',
  primaryKey: ['id'],
  incremental: true,
  customFields: [],
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'Title', type: 'string' },
    { name: 'value', type: 'decimal' },
  ],
};

describe('table evolution', () => {
  test('a table is created with its columns and _synced_at', () => {
    const layout = planTable(schema, postgresDialect, '');
    expect(tableColumns(layout).map((c) => c.physical)).toEqual([
      ...layout.columns.map((c) => c.physical),
      layout.syncedAt,
    ]);
  });

  test('only absent columns are added, nullable even when part of the key', () => {
    const layout = planTable(schema, sqliteDialect, '');
    const title = layout.columns[1]!.physical;
    const missing = missingColumns(sqliteDialect, layout, [title, layout.syncedAt]);
    expect(missing.map((m) => m.column.physical)).toEqual([
      layout.columns[0]!.physical,
      layout.columns[2]!.physical,
    ]);
    expect(missing[0]!.definition).not.toMatch(/NOT NULL/);
  });

  test('engines that fold case match names whatever their case; PostgreSQL matches them exactly', () => {
    const mysql = planTable(schema, mysqlDialect, '');
    const upper = tableColumns(mysql).map((c) => c.physical.toUpperCase());
    expect(missingColumns(mysqlDialect, mysql, upper)).toEqual([]);
    // PostgreSQL keeps "Title" as is: a "title" column is another column.
    const pg = planTable(schema, postgresDialect, '');
    const others = tableColumns(pg)
      .map((c) => c.physical)
      .filter((name) => name !== 'Title');
    expect(missingColumns(postgresDialect, pg, [...others, 'title']).map((m) => m.column.physical)).toEqual([
      'Title',
    ]);
  });
});

describe('bookmarks under a prefix', () => {
  test('keeps the tables under the prefix, keyed without it, and skips empty bookmarks', () => {
    const rows = [
      { table_name: 'crm_deals', bookmark: 'b1' },
      { table_name: 'crm_persons', bookmark: null },
      { table_name: 'deals', bookmark: 'other' },
    ];
    expect(bookmarksUnder(rows, 'crm_')).toEqual(new Map([['deals', 'b1']]));
    expect(bookmarksUnder(rows, '')).toEqual(
      new Map([
        ['crm_deals', 'b1'],
        ['deals', 'other'],
      ]),
    );
  });
});
