import { describe, expect, test } from 'vitest';
import { copyChunks, copyField } from '../../src/destinations/postgres/copy-text.js';
import { planTable, postgresDialect } from '../../src/destinations/index.js';
import type { ColumnType } from '../../src/sync/contracts.js';

describe('PostgreSQL COPY text fields', () => {
  test.each<[string, ColumnType, unknown, string]>([
    ['null is \\N', 'text', null, '\\N'],
    ['undefined is \\N', 'integer', undefined, '\\N'],
    ['tabs, newlines and backslashes are escaped', 'text', 'a\tb\nc\rd\\e', 'a\\tb\\nc\\rd\\\\e'],
    ['the literal text \\N stays text', 'text', '\\N', '\\\\N'],
    ['NUL is dropped from text', 'text', 'a\0b', 'ab'],
    ['booleans are t/f', 'boolean', false, 'f'],
    ['timestamps become canonical UTC', 'timestamp', '2024-03-01 08:00:00', '2024-03-01T08:00:00.000Z'],
    ['json is serialised then escaped', 'json', { a: 'x\ty' }, '{"a":"x\\\\ty"}'],
    ['a \\u0000 escape is removed from json', 'json', { a: 'x\0' }, '{"a":"x"}'],
    ['objects in text columns become JSON', 'string', [1, 2], '[1,2]'],
    ['numbers keep their digits', 'decimal', 12345678.25, '12345678.25'],
    ['numeric strings pass', 'decimal', '123456789012345678901.5', '123456789012345678901.5'],
  ])('%s', (_name, type, value, expected) => {
    expect(copyField(type, value, 'c')).toBe(expected);
  });

  test('rows are tab-separated lines in column order', () => {
    const layout = planTable(
      {
        name: 't',
        primaryKey: ['id'],
        incremental: false,
        customFields: [],
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'name', type: 'text' },
        ],
      },
      postgresDialect,
      '',
    );
    expect([...copyChunks(layout, [{ id: 1, name: 'a' }, { id: 2 }])].join('')).toBe('1\ta\n2\t\\N\n');
  });
});
