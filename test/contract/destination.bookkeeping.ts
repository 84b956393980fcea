import { expect, test } from 'vitest';
import type { CustomFieldColumn, RunRecord } from '../../src/sync/contracts.js';
import type { ContractContext } from './destination.contract.js';
import { aTable, canonical, writeRows } from './destination.fixtures.js';

const FIELD: CustomFieldColumn = {
  table: 'deals',
  column: 'budget_code',
  fieldKey: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
  currentName: 'Budget code',
  fieldType: 'enum',
  options: [
    { id: 1, label: 'Alpha "A"' },
    { id: 2, label: 'Bêta 🚀' },
  ],
};

export function bookkeepingContract(ctx: ContractContext): void {
  test('the custom-field registry round-trips; a rename updates the name but never the column', async () => {
    const d = await ctx.open({ tablePrefix: 'cf_' });
    const plain: CustomFieldColumn = {
      table: 'deals',
      column: 'other',
      fieldKey: 'k2',
      currentName: 'Other',
      fieldType: 'varchar',
    };
    await d.writeCustomFields([FIELD, plain]);
    expect(await d.readCustomFields()).toEqual([FIELD, plain]);
    await d.writeCustomFields([
      {
        ...FIELD,
        column: 'renamed_column',
        currentName: 'Budget 2025',
        options: [{ id: 3, label: 'Gamma' }],
      },
    ]);
    const fields = await d.readCustomFields();
    expect(fields[0]).toEqual({ ...FIELD, currentName: 'Budget 2025', options: [{ id: 3, label: 'Gamma' }] });
    const other = await ctx.open({ tablePrefix: 'other_' });
    expect(await other.readCustomFields()).toEqual([]);
  });

  test('runs are recorded once per run id', async () => {
    const d = await ctx.open();
    const run: RunRecord = {
      runId: 'run-contract-1',
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:01:30.500Z',
      result: 'partial',
      rowsPerTable: { deals: 10, persons: 0 },
      message: 'persons: rate limited',
    };
    await d.recordRun(run);
    await d.recordRun({ ...run, result: 'succeeded', message: undefined });
    const rows = (await ctx.inspector.rows('_pipedrive_sync_runs', 'run_id')).filter(
      (r) => r.run_id === run.runId,
    );
    expect(rows).toHaveLength(1);
    expect(
      rows.map((r) => [
        r.result,
        canonical('timestamp', r.finished_at),
        canonical('json', r.rows_per_table),
        r.message,
      ]),
    ).toEqual([['succeeded', run.finishedAt, run.rowsPerTable, null]]);
  });

  test('a reopened destination sees earlier bookmarks and fields; prefixes keep them apart', async () => {
    const t = aTable('reopen_t');
    const first = await ctx.open({ tablePrefix: 'ro_' });
    await first.ensureTable(t.schema);
    await writeRows(first, t.schema, [{ id: 1, title: 'x' }], '{"cursor":"2024-01-01T00:00:00Z"}');
    await first.writeCustomFields([{ ...FIELD, table: 'reopen_t' }]);
    await first.close();
    const again = await ctx.open({ tablePrefix: 'ro_' });
    expect((await again.readBookmarks()).get('reopen_t')).toBe('{"cursor":"2024-01-01T00:00:00Z"}');
    expect((await again.readCustomFields()).map((f) => f.fieldKey)).toEqual([FIELD.fieldKey]);
    expect(await ctx.inspector.columns('ro_reopen_t')).toContain('title');
    const unprefixed = await ctx.open({ tablePrefix: 'elsewhere_' });
    expect((await unprefixed.readBookmarks()).has('reopen_t')).toBe(false);
  });
}
