import { describe, expect, test } from 'vitest';
import { findTable } from '../../src/connector/catalog/index.js';
import type { TableSpec } from '../../src/connector/catalog/types.js';
import { nameCustomFields } from '../../src/connector/naming.js';
import type { FieldDefinition } from '../../src/connector/naming.js';
import { toRow } from '../../src/connector/row-mapping.js';
import { normalise } from '../../src/connector/values.js';
import type { TableSchema } from '../../src/sync/contracts.js';

const MONEY = '102e2b2fb1e87167dcbbe893af5c5603f84cc88d';
const INDUSTRY = '1984337fca8f77eb704a584c28d0e89ca03f151f';
const TAGS = 'a94a58406ef24e931ffe5c077c69b8bd8e3ac282';
const TERM = 'c76508c0fc13bf0a50e464faae4a843afc0edb95';
const HQ = 'd0c3a2b1e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9';
const SHIFT = 'e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0';
const WEIRD = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9';

const FIELDS: FieldDefinition[] = [
  { key: MONEY, name: 'Contract value', type: 'monetary', isCustom: true, options: [] },
  {
    key: INDUSTRY,
    name: 'Industry',
    type: 'enum',
    isCustom: true,
    options: [
      { id: 26, label: 'Retail' },
      { id: 27, label: 'Manufacturing' },
    ],
  },
  {
    key: TAGS,
    name: 'Tags',
    type: 'set',
    isCustom: true,
    options: [
      { id: 31, label: 'Hot' },
      { id: 33, label: 'Upsell' },
    ],
  },
  { key: TERM, name: 'Term', type: 'daterange', isCustom: true, options: [] },
  { key: HQ, name: 'HQ', type: 'address', isCustom: true, options: [] },
  { key: SHIFT, name: 'Shift', type: 'timerange', isCustom: true, options: [] },
  { key: WEIRD, name: 'Hologram', type: 'hologram', isCustom: true, options: [] },
];

function schemaFor(spec: TableSpec): TableSchema {
  const builtin = spec.columns.map(([name, type]) => ({ name, type }));
  const named = nameCustomFields(
    spec.name,
    FIELDS,
    builtin.map((c) => c.name),
    [],
    'name',
  );
  return {
    name: spec.name,
    primaryKey: spec.primaryKey,
    columns: [...builtin, ...named.columns],
    incremental: true,
    customFields: named.customFields,
  };
}

const v2Deal = {
  id: 812,
  title: 'Umbrella pilot',
  creator_user_id: 17,
  owner_id: 17,
  person_id: 2044,
  org_id: 390,
  value: 12500,
  currency: 'EUR',
  add_time: '2025-05-20T08:14:02Z',
  update_time: '2025-06-02T14:03:11.000Z',
  status: 'open',
  is_deleted: false,
  is_archived: false,
  archive_time: null,
  visible_to: 3,
  label_ids: [5, 9],
  expected_close_date: '2025-07-31',
  custom_fields: {
    [MONEY]: { value: 9800, currency: 'EUR' },
    [INDUSTRY]: 27,
    [TAGS]: [31, 33],
    [TERM]: { value: '2025-09-01', until: '2026-08-31' },
    [HQ]: { value: 'Hauptstr. 5, Berlin', locality: 'Berlin', postal_code: '10115', country: 'Germany' },
    [SHIFT]: { value: '09:00:00', until: '11:00:00' },
    [WEIRD]: { beam: [1, 2] },
  },
};

const v1Deal = {
  id: 812,
  title: 'Umbrella pilot',
  creator_user_id: { id: 17, name: 'Maria', value: 17 },
  user_id: { id: 17, name: 'Maria', value: 17 },
  person_id: { name: 'Tom', value: 2044 },
  org_id: { name: 'Umbrella', value: 390 },
  value: 12500,
  currency: 'EUR',
  add_time: '2025-05-20 08:14:02',
  update_time: '2025-06-02 14:03:11',
  status: 'open',
  active: true,
  deleted: false,
  visible_to: '3',
  label: '5,9',
  expected_close_date: '2025-07-31',
  is_archived: false,
  [MONEY]: 9800,
  [`${MONEY}_currency`]: 'EUR',
  [INDUSTRY]: '27',
  [TAGS]: '31,33',
  [TERM]: '2025-09-01',
  [`${TERM}_until`]: '2026-08-31',
  [HQ]: 'Hauptstr. 5, Berlin',
  [`${HQ}_locality`]: 'Berlin',
  [`${HQ}_postal_code`]: '10115',
  [`${HQ}_country`]: 'Germany',
  [SHIFT]: '09:00',
  [`${SHIFT}_until`]: '11:00:00',
  [WEIRD]: { beam: [1, 2] },
};

const expectedCustom = {
  contract_value: 9800,
  contract_value_currency: 'EUR',
  industry: 'Manufacturing',
  tags: ['Hot', 'Upsell'],
  term: '2025-09-01',
  term_until: '2026-08-31',
  hq: 'Hauptstr. 5, Berlin',
  hq_locality: 'Berlin',
  hq_postal_code: '10115',
  hq_country: 'Germany',
  hq_route: null,
  shift: '09:00:00',
  shift_until: '11:00:00',
  hologram: { beam: [1, 2] },
};

describe('toRow', () => {
  test('a v2 deal: ids, UTC instants, labels and every custom field type', () => {
    const spec = findTable('V2', 'deals')!;
    const row = toRow(v2Deal, schemaFor(spec), spec);
    expect(row).toMatchObject({
      id: 812,
      owner_id: 17,
      person_id: 2044,
      value: 12500,
      add_time: '2025-05-20T08:14:02.000Z',
      update_time: '2025-06-02T14:03:11.000Z',
      visible_to: 3,
      label_ids: [5, 9],
      is_deleted: false,
      is_archived: false,
      ...expectedCustom,
    });
  });

  test('the same deal in v1: relation objects become ids, times the same UTC instants, custom fields the same values', () => {
    const spec = findTable('V1', 'deals')!;
    const row = toRow(v1Deal, schemaFor(spec), spec);
    expect(row).toMatchObject({
      id: 812,
      user_id: 17,
      creator_user_id: 17,
      person_id: 2044,
      org_id: 390,
      add_time: '2025-05-20T08:14:02.000Z',
      update_time: '2025-06-02T14:03:11.000Z',
      visible_to: 3,
      label: '5,9',
      is_deleted: false,
      ...expectedCustom,
    });
  });

  test.each([
    ['v2 status deleted', 'V2', { ...v2Deal, status: 'deleted', is_deleted: true }],
    ['v1 deleted flag', 'V1', { ...v1Deal, deleted: true, active: false, status: 'deleted' }],
  ] as const)('%s is marked is_deleted', (_name, schema, payload) => {
    const spec = findTable(schema, 'deals')!;
    expect(toRow(payload, schemaFor(spec), spec).is_deleted).toBe(true);
  });

  test('rows from the archived endpoint are marked is_archived', () => {
    const spec = findTable('V2', 'deals')!;
    const row = toRow({ ...v2Deal, is_archived: undefined }, schemaFor(spec), spec, {
      extra: { is_archived: true },
    });
    expect(row.is_archived).toBe(true);
  });

  test('an option deleted in Pipedrive keeps its id instead of vanishing', () => {
    const spec = findTable('V2', 'deals')!;
    const row = toRow({ ...v2Deal, custom_fields: { [INDUSTRY]: 99 } }, schemaFor(spec), spec);
    expect(row.industry).toBe('99');
  });

  test('a v2 organization address object spreads into address columns', () => {
    const spec = findTable('V2', 'organizations')!;
    const org = {
      id: 1,
      name: 'X',
      update_time: '2025-01-01T00:00:00Z',
      address: { value: 'Main 1, Tallinn', locality: 'Tallinn' },
    };
    expect(toRow(org, schemaFor(spec), spec)).toMatchObject({
      address: 'Main 1, Tallinn',
      address_locality: 'Tallinn',
    });
  });

  test('a v1 lead value object becomes value + value_currency; ms timestamps normalise', () => {
    const spec = findTable('V2', 'leads')!;
    const lead = {
      id: 'a1b2',
      title: 'L',
      value: { amount: 999, currency: 'USD' },
      update_time: '2020-10-14T11:30:36.551Z',
    };
    expect(toRow(lead, schemaFor(spec), spec)).toMatchObject({
      value: 999,
      value_currency: 'USD',
      update_time: '2020-10-14T11:30:36.551Z',
    });
  });
});

describe('rows built from compiled column lists', () => {
  // Columns named by field key take the key as it comes: the row must still get each as an own column.
  const hostileKeys = ['__proto__', 'constructor', '"quoted"', 'line\u2028break', "it's"];

  test('custom fields keyed by hostile names become own columns holding their values', () => {
    const spec = findTable('V2', 'deals')!;
    const fields = hostileKeys.map((key): FieldDefinition => ({
      key,
      name: key,
      type: 'varchar',
      isCustom: true,
      options: [],
    }));
    const builtin = spec.columns.map(([name, type]) => ({ name, type }));
    const named = nameCustomFields('deals', fields, [...builtin.map((c) => c.name)], [], 'key');
    const table: TableSchema = {
      name: 'deals',
      primaryKey: spec.primaryKey,
      columns: [...builtin, ...named.columns],
      incremental: true,
      customFields: named.customFields,
    };
    const custom = JSON.parse(
      JSON.stringify(Object.fromEntries(hostileKeys.map((k) => [k, `v:${k}`]))),
    ) as object;
    const row = toRow({ ...v2Deal, custom_fields: custom }, table, spec);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row).sort()).toEqual(table.columns.map((c) => c.name).sort());
    for (const field of named.customFields) expect(Object.hasOwn(row, field.column)).toBe(true);
    for (const field of named.customFields) expect(row[field.column]).toBe(`v:${field.fieldKey}`);
  });

  test('a page with stamped columns and one without map the same record alike apart from the stamp', () => {
    const spec = findTable('V2', 'deals')!;
    const table = schemaFor(spec);
    const plain = toRow(v2Deal, table, spec);
    const stamped = toRow({ ...v2Deal, is_archived: undefined }, table, spec, {
      extra: { is_archived: true },
    });
    expect({ ...stamped, is_archived: false }).toEqual(plain);
    expect(Object.keys(stamped)).toEqual(Object.keys(plain));
  });
});

describe('normalise', () => {
  test.each([
    ['v1 time', '2025-06-02 14:03:11', 'timestamp', '2025-06-02T14:03:11.000Z'],
    ['v2 time', '2025-06-02T14:03:11Z', 'timestamp', '2025-06-02T14:03:11.000Z'],
    ['offset time to UTC', '2025-06-02T16:03:11+02:00', 'timestamp', '2025-06-02T14:03:11.000Z'],
    ['zero date', '0000-00-00 00:00:00', 'timestamp', null],
    ['empty time', '', 'timestamp', null],
    ['HH:MM time', '09:30', 'time', '09:30:00'],
    ['0/1 boolean', 0, 'boolean', false],
    ['"1" boolean', '1', 'boolean', true],
    ['numeric string', '12.5', 'decimal', 12.5],
    ['v1 relation object', { value: 17, name: 'Maria' }, 'integer', 17],
    ['array stays structured', [{ value: 'a@b.c' }], 'json', [{ value: 'a@b.c' }]],
  ] as const)('%s', (_name, value, type, expected) => {
    expect(normalise(value, type)).toEqual(expected);
  });
});
