/**
 * The byte writer behind bulk loads, in PostgreSQL's flavor, against the text encoder it replaced
 * (copy-text.ts, whose fields copy-text.test.ts pins): for any row, the page's
 * bytes are exactly the UTF-8 of the text lines. Covers escapes, NUL, every
 * column type, characters of 1 to 4 UTF-8 bytes and lone surrogates.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { planTable, postgresDialect } from '../../src/destinations/index.js';
import { copyLineEncoder, postgresText } from '../../src/destinations/postgres/copy-text.js';
import { TextBytes } from '../../src/destinations/text-bytes.js';
import { encodeTextPage } from '../../src/destinations/text-page.js';
import { COLUMN_TYPES as TYPES } from '../contract/destination.fixtures.js';
import type { ColumnType, Row, TableSchema } from '../../src/sync/contracts.js';

const schema: TableSchema = {
  name: 't',
  primaryKey: ['id'],
  incremental: false,
  customFields: [],
  columns: [{ name: 'id', type: 'integer' }, ...TYPES.map((type) => ({ name: `c_${type}`, type }))],
};
const layout = planTable(schema, postgresDialect, '');
const scratch = new TextBytes(postgresText);
const encodeCopyPage = (rows: Row[], syncedAt: string) =>
  encodeTextPage('PostgreSQL', scratch, layout, rows, `\t${syncedAt}\n`);

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom('\\', '\t', '\n', '\r', '\0', 'N', 'a', 'é', '€', '🚀', '\ud800', '\udc00'),
    maxLength: 12,
  }),
);
const valueFor: Record<ColumnType, fc.Arbitrary<unknown>> = {
  string: fc.oneof(text, fc.constant(''), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
  text: fc.oneof(text, fc.constant(null), fc.integer(), fc.boolean()),
  // Integers are written digit by digit: every length, the sign, -0 and the edges of safe integers.
  integer: fc.oneof(
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constantFrom(0, -0, 9, 10, 99, 100, 1e15, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1e21),
    fc.constant(null),
    fc.constant(''),
    fc.constant('42'),
  ),
  number: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.maxSafeInteger(),
    fc.constant(null),
  ),
  decimal: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constant('123456789012345678901.5'),
  ),
  boolean: fc.oneof(fc.boolean(), fc.constant(null), fc.constantFrom(0, 1, 'true', 'false')),
  timestamp: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constant('2024-03-01 08:00:00'),
    fc.constant(null),
  ),
  date: fc.oneof(fc.constant('2024-03-01'), fc.constant(''), fc.constant(null)),
  time: fc.oneof(fc.constant('08:30:00'), fc.constant(null)),
  json: fc.oneof(fc.jsonValue(), fc.record({ a: text }), fc.constant(null)),
};
const row: fc.Arbitrary<Row> = fc.record(
  Object.fromEntries([
    ['id', fc.integer({ min: 1 })],
    ...TYPES.map((type) => [`c_${type}`, valueFor[type]] as const),
  ]),
);

const textLines = (rows: Row[], syncedAt: string): Buffer => {
  const line = copyLineEncoder(layout);
  return Buffer.from(rows.map((r) => `${line(r)}\t${syncedAt}\n`).join(''), 'utf8');
};

describe('PostgreSQL COPY bytes', () => {
  test('equal the UTF-8 of the text encoding, row for row', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const page = encodeCopyPage(rows, '2024-01-31T10:00:00.000Z');
        expect(page.text.equals(textLines(rows, '2024-01-31T10:00:00.000Z'))).toBe(true);
        expect(page.rowCount).toBe(rows.length);
        expect(page.keys).toEqual(rows.map((r) => r.id));
      }),
      { numRuns: 300 },
    );
  });

  test('a page that fails half-way leaves nothing behind for the next one', () => {
    const good: Row = { id: 1, c_text: 'kept' };
    expect(() => encodeCopyPage([good, { id: 2, c_integer: 'not a number' }], 'x')).toThrow(
      /expects a number/,
    );
    expect(encodeCopyPage([good], 'x').text.equals(textLines([good], 'x'))).toBe(true);
  });
});
