import fc from 'fast-check';
import { ADDRESS_PARTS } from '../../src/connector/catalog/columns.js';
import type { FieldDefinition } from '../../src/connector/naming.js';
import type { ColumnType } from '../../src/sync/contracts.js';

/** Generators for the row-mapping properties: hostile names, loose payload values, custom-field definitions. */

export const ADDRESS_KEYS: readonly string[] = ADDRESS_PARTS;

/** Names and labels a Pipedrive user could type, and the ones that collide with what we add. */
export const hostileText = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE deals; --",
    'SELECT',
    'order',
    'id',
    'ID',
    '_synced_at',
    'is_deleted',
    'is_archived',
    'update_time',
    'custom_fields',
    'value',
    'address',
    '"quoted"',
    '`tick`',
    'Ünïcödé Straße',
    '🚀 Launch 🚀',
    'a'.repeat(1000),
    '',
    ' ',
    'NULL',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    '1st',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom("'", '"', '`', ';', ' ', 'é', '🚀', '\0', '_', 'a', 'Z', '1', '-'),
    maxLength: 60,
  }),
);

/** Shapes each normaliser has a path for, so shrinking lands on the interesting ones. */
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
const timeLike = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map((parts) => parts.map((p) => String(p).padStart(2, '0')).join(':'));
const instantLike = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').slice(0, 19)),
  fc.tuple(dateLike, timeLike).map(([d, t]) => `${d}T${t}Z`),
  fc.tuple(dateLike, timeLike).map(([d, t]) => `${d} ${t}`),
  fc.constantFrom('0000-00-00 00:00:00', '0000-00-00', '', ' '),
);
const scalar = fc.oneof(
  fc.jsonValue({ maxDepth: 0 }),
  fc.double(),
  fc.integer(),
  fc.bigInt().map((n) => Number(n)),
  fc.constantFrom(0, 1, '0', '1', 'true', 'false', true, false, null, Number.MAX_VALUE, -0, 1e12, 8.64e15),
  hostileText,
  dateLike,
  timeLike,
  instantLike,
  fc.integer().map(String),
  fc.double().map(String),
);
/** JSON may name a member toString or valueOf: such an object has no string form of its own. */
const selfNamed = fc.record(
  { toString: scalar, valueOf: scalar, id: scalar },
  { requiredKeys: ['toString'] },
);

/** Any JSON a malformed response could hold, plus v1 relation objects and v2 value objects. */
export const looseValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.record({ value: scalar, name: hostileText }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ id: scalar, label: hostileText }, { requiredKeys: [] }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { value: scalar, until: scalar, currency: scalar, amount: scalar },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(scalar, selfNamed), { maxLength: 4 }) },
  { weight: 1, arbitrary: selfNamed },
);

export const FIELD_TYPES = [
  'varchar',
  'varchar_auto',
  'varchar_options',
  'phone',
  'text',
  'double',
  'int',
  'boolean',
  'date',
  'time',
  'enum',
  'set',
  'user',
  'org',
  'people',
  'deal',
  'stage',
  'project',
  'activity',
  'lead',
  'monetary',
  'daterange',
  'timerange',
  'address',
] as const;

const hexKey = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });
const option = fc.record({
  id: fc.oneof(
    fc.nat(),
    hexKey.map((k) => k.slice(0, 6)),
  ),
  label: hostileText,
});

/** Custom-field definitions with hostile names and option labels, every type and some unknown ones. */
export const fieldDefinitions: fc.Arbitrary<FieldDefinition[]> = fc.uniqueArray(
  fc.record({
    key: hexKey,
    name: hostileText,
    type: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...FIELD_TYPES) },
      { weight: 1, arbitrary: fc.constantFrom('hologram', '', 'constructor', 'toString') },
      { weight: 1, arbitrary: hostileText },
    ),
    // Built-in fields are listed too (edit_flag false); only custom ones become columns.
    isCustom: fc.oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    options: fc.array(option, { maxLength: 4 }),
  }),
  { maxLength: 6, selector: (f) => f.key },
);

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)$/;
/** 64-bit signed range: what BIGINT columns hold. */
const INT64 = 2 ** 63;

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isTimeOfDay(text: string): boolean {
  const match = TIME.exec(text);
  return !!match && Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3]) < 60;
}

/** A value every destination accepts for a column of this type: null, or the type's one form. */
export function isOfType(value: unknown, type: ColumnType): boolean {
  if (value === null) return true;
  switch (type) {
    case 'string':
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < INT64;
    case 'number':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
      // Same instant back, so no field overflowed into the next (2025-02-30 is not 2025-03-02).
      return !Number.isNaN(Date.parse(value)) && new Date(Date.parse(value)).toISOString() === value;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'time':
      return typeof value === 'string' && isTimeOfDay(value);
    case 'json':
      return value !== undefined && JSON.stringify(value) !== undefined;
  }
}
