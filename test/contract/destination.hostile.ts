import { expect, test } from 'vitest';
import type { Column } from '../../src/sync/contracts.js';
import { identifierLength } from '../../src/destinations/identifiers.js';
import type { ContractContext } from './destination.contract.js';
import { aTable, writeRows } from './destination.fixtures.js';

/** Names a Pipedrive user could type into a custom field, plus names the destination uses itself. */
export const HOSTILE_NAMES = [
  'quote"d',
  "single'quote",
  'back`tick',
  'semi;colon); DROP TABLE users; --',
  'select',
  'from',
  'order',
  'Ünïcødé naïve café',
  'emoji 🎉🚀',
  'x'.repeat(300),
  `${'x'.repeat(299)}y`,
  '_synced_at',
  'ID',
  'trailing space ',
  'tab\tand\nnewline',
  '',
  'back\\slash',
];

export function hostileContract(ctx: ContractContext): void {
  const { dialect } = ctx;
  const rules = dialect.identifiers;

  test('hostile column names are quoted, kept distinct, fit the engine, and round-trip values', async () => {
    const d = await ctx.open();
    const extra: Column[] = HOSTILE_NAMES.map((name) => ({ name, type: 'string' }));
    const t = aTable('hostile_columns', extra);
    const layout = t.layout(dialect);
    const physical = layout.columns.map((c) => (rules.foldsCase ? c.physical.toLowerCase() : c.physical));
    expect(new Set([...physical, '_synced_at']).size).toBe(physical.length + 1);
    for (const c of layout.columns)
      expect(identifierLength(c.physical, rules.unit)).toBeLessThanOrEqual(rules.maxLength);

    await d.ensureTable(t.schema);
    const row: Record<string, unknown> = { id: 1, title: 't', value: 1 };
    for (const name of HOSTILE_NAMES) row[name] = `value of ${name}`;
    await writeRows(d, t.schema, [row], 'hostile-bookmark');
    await writeRows(d, t.schema, [row], 'hostile-bookmark');
    const back = await ctx.read(t);
    expect(back).toHaveLength(1);
    for (const name of HOSTILE_NAMES) expect(back[0]![name]).toBe(`value of ${name}`);
    const columns = await ctx.inspector.columns(layout.table);
    expect(columns).toHaveLength(layout.columns.length + 1);
  });

  test.each(HOSTILE_NAMES.filter((n) => n !== 'ID').map((n) => [JSON.stringify(n).slice(0, 40), n]))(
    'hostile table name %s holds rows and a bookmark',
    async (_label, name) => {
      const d = await ctx.open();
      const t = aTable(`t ${name}`, [{ name, type: 'text' }]);
      await d.ensureTable(t.schema);
      await writeRows(d, t.schema, [{ id: 1, title: name, [name]: 'v' }], `bookmark for ${name}`);
      const rows = await ctx.read(t);
      expect(rows.map((r) => [r.title, r[name]])).toEqual([[name, 'v']]);
      expect((await d.readBookmarks()).get(t.schema.name)).toBe(`bookmark for ${name}`);
    },
  );

  test('a data table named like a bookkeeping table does not touch it', async () => {
    const d = await ctx.open();
    const t = aTable('_pipedrive_sync_state');
    await d.ensureTable(t.schema);
    await writeRows(d, t.schema, [{ id: 1, title: 'data' }], 'b');
    expect((await ctx.read(t)).map((r) => r.title)).toEqual(['data']);
    expect((await d.readBookmarks()).get('_pipedrive_sync_state')).toBe('b');
  });

  test('a hostile composite primary key upserts', async () => {
    const d = await ctx.open();
    const key = 'key"; DROP TABLE x; --';
    const t = aTable('hostile_pk', [{ name: key, type: 'string' }], [], [key, 'id']);
    await d.ensureTable(t.schema);
    await writeRows(
      d,
      t.schema,
      [
        { id: 1, [key]: 'a', title: 'one' },
        { id: 1, [key]: 'b', title: 'two' },
      ],
      null,
    );
    await writeRows(d, t.schema, [{ id: 1, [key]: 'a', title: 'one again' }], null);
    const titles = (await ctx.read(t)).map((r) => r.title).sort();
    expect(titles).toEqual(['one again', 'two']);
  });
}
