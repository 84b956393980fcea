import { describe, expect, test } from 'vitest';
import { fieldColumns, nameCustomFields, snakeCase } from '../../src/connector/naming.js';
import type { FieldDefinition } from '../../src/connector/naming.js';
import type { CustomFieldColumn } from '../../src/sync/contracts.js';

const KEY_A = '1984337fca8f77eb704a584c28d0e89ca03f151f';
const KEY_B = 'a94a58406ef24e931ffe5c077c69b8bd8e3ac282';
const field = (key: string, name: string, type = 'varchar'): FieldDefinition => ({
  key,
  name,
  type,
  isCustom: true,
  options: [],
});

describe('snakeCase', () => {
  test.each([
    ['Contract value', 'contract_value'],
    ['  Région / Zone ', 'region_zone'],
    ['NPS Score (0-10)', 'nps_score_0_10'],
    ['2nd contact', 'f_2nd_contact'],
    ['dealOwnerName', 'deal_owner_name'],
    ['!!!', ''],
  ])('%s -> %s', (name, expected) => expect(snakeCase(name)).toBe(expected));
});

describe('fieldColumns', () => {
  test.each([
    ['monetary', ['x', 'x_currency']],
    ['daterange', ['x', 'x_until']],
    ['timerange', ['x', 'x_until']],
    ['enum', ['x']],
    ['set', ['x']],
  ])('%s', (type, names) => expect(fieldColumns('x', type).map((c) => c.name)).toEqual(names));
  test('address is the full text plus components', () => {
    const names = fieldColumns('hq', 'address').map((c) => c.name);
    expect(names).toContain('hq');
    expect(names).toContain('hq_locality');
    expect(names).toContain('hq_postal_code');
  });
  test('an unknown type passes through as JSON', () => {
    expect(fieldColumns('x', 'hologram')).toEqual([{ name: 'x', type: 'json' }]);
  });
  test('set is a JSON list of labels, enum a string label', () => {
    expect(fieldColumns('x', 'set')[0]?.type).toBe('json');
    expect(fieldColumns('x', 'enum')[0]?.type).toBe('string');
  });
});

describe('nameCustomFields', () => {
  test('names from the human name in snake_case', () => {
    const { customFields } = nameCustomFields(
      'deals',
      [field(KEY_A, 'Contract value', 'monetary')],
      ['id'],
      [],
      'name',
    );
    expect(customFields[0]).toMatchObject({
      column: 'contract_value',
      fieldKey: KEY_A,
      currentName: 'Contract value',
    });
  });
  test('a name colliding with a built-in column gets _ and 8 characters of the key', () => {
    const { customFields } = nameCustomFields('deals', [field(KEY_A, 'Title')], ['id', 'title'], [], 'name');
    expect(customFields[0]?.column).toBe('title_1984337f');
  });
  test('two fields with the same name: the second is suffixed', () => {
    const named = nameCustomFields(
      'deals',
      [field(KEY_A, 'Region'), field(KEY_B, 'Region')],
      ['id'],
      [],
      'name',
    );
    expect(named.customFields.map((f) => f.column)).toEqual(['region', 'region_a94a5840']);
  });
  test('a derived column colliding (value + _currency) also suffixes', () => {
    const named = nameCustomFields(
      'deals',
      [field(KEY_A, 'Budget', 'monetary')],
      ['id', 'budget_currency'],
      [],
      'name',
    );
    expect(named.customFields[0]?.column).toBe('budget_1984337f');
  });
  test('a renamed field keeps its frozen column; the current name is updated', () => {
    const known: CustomFieldColumn[] = [
      { table: 'deals', column: 'region', fieldKey: KEY_A, currentName: 'Region', fieldType: 'varchar' },
    ];
    const named = nameCustomFields('deals', [field(KEY_A, 'Sales territory')], ['id'], known, 'name');
    expect(named.customFields[0]).toMatchObject({ column: 'region', currentName: 'Sales territory' });
    expect(named.columns[0]).toMatchObject({
      name: 'region',
      description: 'Sales territory',
      fieldKey: KEY_A,
    });
  });
  test('a new field cannot take a frozen name, even when listed first', () => {
    const known: CustomFieldColumn[] = [
      { table: 'deals', column: 'region', fieldKey: KEY_A, currentName: 'Old', fieldType: 'varchar' },
    ];
    const named = nameCustomFields(
      'deals',
      [field(KEY_B, 'Region'), field(KEY_A, 'Renamed')],
      ['id'],
      known,
      'name',
    );
    expect(named.customFields.find((f) => f.fieldKey === KEY_B)?.column).toBe('region_a94a5840');
    expect(named.customFields.find((f) => f.fieldKey === KEY_A)?.column).toBe('region');
  });
  test("customFieldNaming 'key' names columns by the key", () => {
    const named = nameCustomFields('deals', [field(KEY_A, 'Region')], ['id'], [], 'key');
    expect(named.customFields[0]?.column).toBe(KEY_A);
  });
  test('built-in fields are not custom columns', () => {
    const builtin: FieldDefinition = {
      key: 'title',
      name: 'Title',
      type: 'varchar',
      isCustom: false,
      options: [],
    };
    expect(nameCustomFields('deals', [builtin], ['id', 'title'], [], 'name').columns).toEqual([]);
  });
});
