import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CustomFieldColumn, Row } from '../../src/sync/contracts.js';
import { connectorFor, readAll, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

interface Def {
  key: string;
  fieldType: string;
  options: { id: number; label: string }[] | null;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** The columns a custom value must produce, derived from the simulator's own (v2-encoded) value. */
function expectedColumns(def: Def, column: string, value: unknown): Row {
  const label = (id: unknown) => def.options?.find((o) => o.id === id)?.label ?? null;
  switch (def.fieldType) {
    case 'enum':
      return { [column]: value === null ? null : label(value) };
    case 'set':
      return { [column]: Array.isArray(value) ? value.map(label) : null };
    case 'monetary':
      return { [column]: obj(value).value ?? null, [`${column}_currency`]: obj(value).currency ?? null };
    case 'daterange':
    case 'timerange':
      return { [column]: obj(value).value ?? null, [`${column}_until`]: obj(value).until ?? null };
    case 'address':
      return {
        [column]: obj(value).value ?? null,
        [`${column}_locality`]: obj(value).locality ?? null,
        [`${column}_postal_code`]: obj(value).postal_code ?? null,
        [`${column}_country`]: obj(value).country ?? null,
      };
    default:
      return { [column]: value ?? null };
  }
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 40 });
});
afterAll(() => sim.close());

describe.each(['V2', 'V1'] as const)('custom fields, schema %s', (schema) => {
  test('every custom field type maps to its columns on deals and persons', async () => {
    const source = connectorFor(sim, schema);
    const tables = await source.discover({ knownCustomFields: [] });
    for (const [table, entity, fieldEntity] of [
      ['deals', 'deals', 'deal'],
      ['persons', 'persons', 'person'],
    ] as const) {
      const schemaTable = tableNamed(tables, table);
      const defs = sim.world.fields.list(fieldEntity) as readonly Def[];
      expect(schemaTable.customFields.map((f) => f.fieldKey).sort()).toEqual(defs.map((d) => d.key).sort());
      const types = new Set(defs.map((d) => d.fieldType));
      expect(types.size).toBeGreaterThanOrEqual(16);
      const { rows } = await readAll(source, schemaTable, { signpost: sim.clock.now() });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const record of [...sim.world.records(entity)].slice(0, 25)) {
        const row = byId.get(record.id);
        for (const def of defs) {
          const column = schemaTable.customFields.find((f) => f.fieldKey === def.key)!.column;
          expect(row, `${table} ${record.id} ${def.fieldType}`).toMatchObject(
            expectedColumns(def, column, record.custom?.[def.key] ?? null),
          );
        }
      }
    }
  });
});

describe('field changes in Pipedrive', () => {
  test('a rename, a new field and a deleted option change nothing already named', async () => {
    const source = connectorFor(sim, 'V2');
    const first = tableNamed(await source.discover({ knownCustomFields: [] }), 'deals');
    const known: CustomFieldColumn[] = first.customFields;
    const enumField = known.find((f) => f.fieldType === 'enum')!;
    const renamed = known.find((f) => f.fieldType === 'varchar')!;
    const option = enumField.options![0]!;

    sim.world.renameField('deal', renamed.fieldKey, 'Completely new name');
    const added = sim.world.addField('deal', 'Completely new name', 'varchar');
    // A new field named like an existing column must not take that column.
    const lookalike = sim.world.addField('deal', renamed.currentName, 'varchar');
    sim.world.deleteFieldOption('deal', enumField.fieldKey, Number(option.id));

    const second = tableNamed(await source.discover({ knownCustomFields: known }), 'deals');
    for (const before of known) {
      const after = second.customFields.find((f) => f.fieldKey === before.fieldKey)!;
      expect(after.column).toBe(before.column);
    }
    expect(second.customFields.find((f) => f.fieldKey === renamed.fieldKey)?.currentName).toBe(
      'Completely new name',
    );
    expect(second.customFields.find((f) => f.fieldKey === added.key)?.column).toBe('completely_new_name');
    expect(second.customFields.find((f) => f.fieldKey === lookalike.key)?.column).toBe(
      `${renamed.column}_${lookalike.key.slice(0, 8)}`,
    );
    // Every column that existed is still there with the same type.
    for (const column of first.columns)
      expect(second.columns).toContainEqual(
        column.fieldKey
          ? { ...column, description: second.columns.find((c) => c.name === column.name)?.description }
          : column,
      );
    const { rows } = await readAll(source, second, { signpost: sim.clock.now() });
    expect(rows.length).toBeGreaterThan(0);
  });
});
