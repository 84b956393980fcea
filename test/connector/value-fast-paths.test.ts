import { describe, expect, test } from 'vitest';
import { findTable } from '../../src/connector/catalog/index.js';
import { rowMapper, toRow } from '../../src/connector/row-mapping.js';
import {
  columnNormaliserFor,
  isCanonicalInstant,
  normalise,
  normaliserFor,
  relationId,
  toDate,
  toTime,
  toTimestamp,
} from '../../src/connector/values.js';
import type { ColumnType, TableSchema } from '../../src/sync/contracts.js';

// The fast paths must give exactly what the general conversion gives.
describe('timestamps: v2 instants pass through, everything else is converted', () => {
  test.each([
    ['v2 without ms (padded)', '2025-06-02T14:03:11Z', true, '2025-06-02T14:03:11.000Z'],
    ['v2 with ms (as is)', '2025-06-02T14:03:11.551Z', true, '2025-06-02T14:03:11.551Z'],
    ['offset, converted', '2025-06-02T16:03:11+02:00', false, '2025-06-02T14:03:11.000Z'],
    ['v1 naive UTC, converted', '2025-06-02 14:03:11', false, '2025-06-02T14:03:11.000Z'],
    ['microseconds, converted', '2025-06-02T14:03:11.551234Z', false, '2025-06-02T14:03:11.551Z'],
    ['lower-case z, converted', '2025-06-02T14:03:11z', false, '2025-06-02T14:03:11.000Z'],
    ['letter in a digit place', '2025-06-0xT14:03:11Z', false, null],
    ['right length, wrong separator', '2025-06-02 14:03:11Z', false, '2025-06-02T14:03:11.000Z'],
    ['date only', '2025-06-02', false, '2025-06-02T00:00:00.000Z'],
    ['zero date', '0000-00-00 00:00:00', false, null],
  ] as const)('%s', (_name, text, canonical, expected) => {
    expect(isCanonicalInstant(text)).toBe(canonical);
    expect(toTimestamp(text)).toBe(expected);
  });
});

describe('times: HH:MM:SS passes through, other forms are converted', () => {
  test.each([
    ['plain', '08:15:00', '08:15:00'],
    ['no seconds', '09:30', '09:30:00'],
    ['one-digit hour', '9:30:00', '09:30:00'],
    ['v2 range object', { value: '11:00:00' }, '11:00:00'],
    ['not a time', 'ab:cd:ef', null],
  ] as const)('%s', (_name, value, expected) => {
    expect(toTime(value)).toBe(expected);
  });
});

describe('dates: a bare YYYY-MM-DD passes through', () => {
  test.each([
    ['plain', '2025-03-08', '2025-03-08'],
    ['zero date', '0000-00-00', null],
    ['with a time', '2025-03-08 10:00:00', '2025-03-08'],
    ['padded', ' 2025-03-08 ', '2025-03-08'],
    ['not a date', '2025-0x-08', null],
  ] as const)('%s', (_name, text, expected) => {
    expect(toDate(text)).toBe(expected);
  });
});

const SAMPLES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '12',
  '12.5',
  'true',
  '0',
  '1',
  12.7,
  -3.2,
  0,
  1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e300,
  1717336991,
  true,
  false,
  '2025-06-02T14:03:11Z',
  '2025-06-02 14:03:11',
  '2025-06-02',
  '09:30',
  '08:15:00',
  { value: 17, name: 'Maria' },
  { id: 4 },
  { value: { value: 3 } },
  [1, 2],
  { value: '09:00:00' },
];
const TYPES: ColumnType[] = [
  'timestamp',
  'date',
  'time',
  'boolean',
  'integer',
  'number',
  'decimal',
  'string',
  'text',
  'json',
];

describe('per-type normalisers equal normalise()', () => {
  test.each(TYPES)('%s', (type) => {
    const custom = normaliserFor(type);
    const builtin = columnNormaliserFor(type);
    for (const value of SAMPLES) {
      expect(custom(value)).toEqual(normalise(value, type));
      expect(builtin(value)).toEqual(normalise(type === 'json' ? value : relationId(value), type));
    }
  });
});

describe('row shape', () => {
  const spec = findTable('V2', 'stages')!;
  const odd = `it's a "quote" \\ \u2028 column`;
  const table: TableSchema = {
    name: 'stages',
    primaryKey: ['id'],
    columns: [
      ...spec.columns.map(([name, type]) => ({ name, type })),
      { name: odd, type: 'string', fieldKey: 'k1' },
    ],
    incremental: false,
    customFields: [
      { table: 'stages', column: odd, fieldKey: 'k1', currentName: 'Odd', fieldType: 'varchar' },
    ],
  };

  test('column names of any characters become keys as they are, absent values null', () => {
    const row = toRow({ id: 3, custom_fields: { k1: 'x' } }, table, spec);
    expect(row.id).toBe(3);
    expect(row[odd]).toBe('x');
    expect(Object.keys(row)).toEqual(table.columns.map((c) => c.name));
    expect(Object.values(row).filter((v) => v !== null)).toEqual([3, false, 'x']);
  });

  test('rows of one mapper are independent objects', () => {
    const map = rowMapper(table, spec);
    const a = map({ id: 1 });
    const b = map({ id: 2 });
    a.name = 'changed';
    expect(b).toMatchObject({ id: 2, name: null });
  });
});
