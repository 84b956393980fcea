import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { catalog, findTable } from '../../src/connector/catalog/index.js';
import type { SchemaVersion } from '../../src/connector/catalog/index.js';
import { fieldColumns } from '../../src/connector/naming.js';
import { rowMapper, toRow } from '../../src/connector/row-mapping.js';
import { toTimestamp } from '../../src/connector/values.js';
import { dealFields, dealShapes } from './deal-shapes.js';
import { recordFor, schemaFor } from './mapped-records.js';
import { fieldDefinitions, isOfType, looseValue } from './row-mapping-arbitraries.js';

/**
 * Row mapping as properties (issue 9): for any record, even a malformed one, with any custom fields (hostile
 * names and option labels, every field type and unknown ones), a row has exactly its table's columns, each
 * null or of the column's type; v1 and v2 shapes of one record give one row; mapping is pure; timestamps keep
 * their instant. The example tests (row-mapping.test.ts, value-fast-paths.test.ts) pin the exact values.
 * The mapper has no error of its own to throw: a row that is not an object never reaches it (the page reader
 * rejects the page as a malformed response), and anything else must map.
 */

const SCHEMAS: SchemaVersion[] = ['V1', 'V2'];

describe.each(SCHEMAS)('%s row mapping', (schema) => {
  const tables = catalog(schema);
  const mapped = fc
    .tuple(
      // Mostly tables with custom fields: that is where the hostile input goes.
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...tables.filter((t) => t.customFields)) },
        { weight: 1, arbitrary: fc.constantFrom(...tables) },
      ),
      fieldDefinitions,
      fc.constantFrom<'name' | 'key'>('name', 'key'),
    )
    .chain(([spec, fields, naming]) =>
      fc.record({
        spec: fc.constant(spec),
        fields: fc.constant(fields),
        table: fc.constant(schemaFor(spec, fields, naming)),
        record: recordFor(spec, fields),
        // The values a page supplies to every row: an endpoint's stamp (archived, a mail folder), or a child
        // read's parent id (whatever the parent row held).
        extra: spec.child
          ? fc.record({ [spec.child.parentColumn]: looseValue })
          : fc.constantFrom(undefined, ...spec.endpoints.map((e) => e.stamp)),
      }),
    );

  test('any record maps, without throwing, to exactly the columns of its table, each null or of its type', () => {
    fc.assert(
      fc.property(mapped, ({ spec, table, record, extra }) => {
        const row = toRow(record, table, spec, extra ? { extra } : {});
        const names = table.columns.map((c) => c.name);
        expect(new Set(names).size).toBe(names.length);
        expect(Object.keys(row).sort()).toEqual([...names].sort());
        for (const column of table.columns) {
          const value = row[column.name];
          if (!isOfType(value, column.type)) {
            throw new Error(`${spec.name}.${column.name} (${column.type}) got ${JSON.stringify(value)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('mapping is deterministic and leaves the record as it was', () => {
    fc.assert(
      fc.property(mapped, ({ spec, table, record, extra }) => {
        const before = structuredClone(record);
        const map = rowMapper(table, spec, extra ? { extra } : {});
        const first = map(record);
        expect(record).toEqual(before);
        expect(map(record)).toEqual(first);
        expect(toRow(structuredClone(record), table, spec, extra ? { extra } : {})).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });
});

describe('v1 and v2 shapes of one deal map to one row', () => {
  const v1Spec = findTable('V1', 'deals')!;
  const v2Spec = findTable('V2', 'deals')!;
  // Built-in columns both versions have with the same type; custom fields are matched by key below.
  const shared = v2Spec.columns.filter(([name, type]) =>
    v1Spec.columns.some(([n, t]) => n === name && t === type),
  );
  const deals = dealFields.chain((fields) =>
    fc.record({ fields: fc.constant(fields), shapes: dealShapes(shared, fields) }),
  );

  test('every shared built-in column and every custom-field column gets the same value', () => {
    expect(shared.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(deals, ({ fields, shapes }) => {
        const v1Table = schemaFor(v1Spec, fields, 'name');
        const v2Table = schemaFor(v2Spec, fields, 'name');
        const v1Row = toRow(shapes.v1, v1Table, v1Spec);
        const v2Row = toRow(shapes.v2, v2Table, v2Spec);
        for (const [name] of shared) expect(v1Row[name], name).toEqual(v2Row[name]);
        expect(v2Table.customFields).toHaveLength(fields.length);
        for (const field of v2Table.customFields) {
          // Column names may differ (a name can collide with a built-in of one version only): match by key.
          const twin = v1Table.customFields.find((f) => f.fieldKey === field.fieldKey)!;
          const v1Columns = fieldColumns(twin.column, twin.fieldType);
          fieldColumns(field.column, field.fieldType).forEach((column, i) => {
            expect(v1Row[v1Columns[i]!.name], `${field.fieldType} ${column.name}`).toEqual(
              v2Row[column.name],
            );
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('timestamps keep their instant', () => {
  // Whole seconds within four-digit years: every form below can express them.
  const instants = fc
    .date({
      min: new Date('1900-01-02T00:00:00Z'),
      max: new Date('2999-12-30T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const withOffset = (date: Date, minutes: number): string => {
    const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19);
    return `${local}${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  };

  test('v2 RFC 3339, v1 naive UTC, offsets and epoch numbers all give the same UTC instant', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -14 * 60, max: 14 * 60 }), (date, offset) => {
        const iso = date.toISOString();
        const forms: unknown[] = [
          iso,
          `${iso.slice(0, 19)}Z`,
          `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
          withOffset(date, offset),
          date.getTime() / 1000,
        ];
        if (date.getTime() >= 1e12) forms.push(date.getTime());
        for (const form of forms) {
          const out = toTimestamp(form);
          expect(out, String(form)).toBe(iso);
        }
      }),
    );
  });
});

describe('inputs these properties found mapping wrongly', () => {
  const spec = findTable('V2', 'deals')!;
  const field = (type: string) => [
    { key: 'a'.repeat(40), name: 'Field', type, isCustom: true, options: [{ id: 1, label: 'One' }] },
  ];

  test.each(['constructor', 'toString', 'hasOwnProperty'])(
    'a field_type named %s is a JSON column',
    (type) => {
      const table = schemaFor(spec, field(type), 'name');
      expect(table.columns.at(-1)).toMatchObject({ name: 'field', type: 'json' });
      expect(toRow({ id: 1, custom_fields: { ['a'.repeat(40)]: [1] } }, table, spec).field).toEqual([1]);
    },
  );

  test.each(['enum', 'set'])(
    'a %s value that is an object with a toString member maps to its JSON text',
    (type) => {
      const table = schemaFor(spec, field(type), 'name');
      const value = JSON.parse('{"toString": 1}') as unknown;
      const row = toRow({ id: 1, custom_fields: { ['a'.repeat(40)]: value } }, table, spec);
      expect(row.field).toEqual(type === 'enum' ? '{"toString":1}' : ['{"toString":1}']);
    },
  );

  test.each([
    ['id', 2 ** 63],
    ['add_time', 8.64e15],
    ['add_time', '2025-02-30T10:00:00Z'],
    ['expected_close_date', '2025-13-45'],
    ['expected_close_date', '0001-00-00'],
  ] as const)('%s = %s, which no column of its type holds, becomes null', (column, value) => {
    const table = schemaFor(spec, [], 'name');
    expect(toRow({ [column]: value }, table, spec)[column]).toBeNull();
  });

  test('a time of day past 23:59:59 becomes null', () => {
    const table = schemaFor(spec, field('time'), 'name');
    expect(toRow({ id: 1, custom_fields: { ['a'.repeat(40)]: '25:61:00' } }, table, spec).field).toBeNull();
  });
});
