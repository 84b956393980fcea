/**
 * Custom-field values to column values (pure). v1 puts a field at the top
 * level under its key with suffix keys (`<key>_currency`, `<key>_until`,
 * `<key>_locality`...); v2 nests it in `custom_fields[key]` as a scalar or an
 * object ({value, currency}, {value, until}, an address object).
 * Each field is compiled once into one small function per column (column
 * names and option labels worked out up front), because it runs for every
 * field of every row; the row builder reads the field's raw value by its key.
 */
import type { ColumnType, CustomFieldColumn } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { Dialect } from './catalog/types.js';
import { fieldColumns } from './naming.js';
import { normaliserFor, relationId } from './values.js';

type Payload = Record<string, unknown>;
/**
 * One column of a custom field: its value from the field's raw value (`fields[key]`, where `fields` is what
 * `fieldSource` returns; undefined when absent) and the record (v1 keeps suffix values beside the field).
 */
export interface FieldColumnValue {
  name: string;
  value: (raw: unknown, record: Payload) => unknown;
}

function member(value: unknown, name: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Payload)[name] : undefined;
}

/**
 * An option id as text. String() is not total over JSON: an object with a `toString` member (valid JSON)
 * makes it throw, so objects are written as their JSON text.
 */
function idText(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isObject(value: unknown): value is Payload {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Where a table's field keys live in a record: the record itself in v1, its `custom_fields` object in v2
 * (undefined when that is not an object).
 */
export function fieldSource(record: Payload, dialect: Dialect): Payload | undefined {
  if (dialect === 'v1') return record;
  const fields = record.custom_fields;
  return isObject(fields) ? fields : undefined;
}

export function compileField(field: CustomFieldColumn, dialect: Dialect): FieldColumnValue[] {
  const col = field.column;
  const labels = new Map((field.options ?? []).map((o) => [String(o.id), o.label]));
  const labelOf = (id: unknown): string | null => {
    if (id === null || id === undefined || id === '') return null;
    if (typeof id === 'number') return labels.get(String(id)) ?? String(id);
    const objectLabel = member(id, 'label');
    if (typeof objectLabel === 'string') return objectLabel;
    const raw = idText(member(id, 'id') ?? id);
    // An option deleted in Pipedrive keeps its id: better the id than nothing.
    return labels.get(raw) ?? raw;
  };
  const v2 = dialect === 'v2';
  const main = (value: unknown) => (v2 && isObject(value) ? value.value : value);
  // v1 suffix keys (`<key>_currency`...) are built once here, not per row.
  const suffixOf = (name: string) => {
    const flatKey = `${field.fieldKey}_${name}`;
    return v2
      ? (value: unknown): unknown => member(value, name)
      : (_value: unknown, record: Payload): unknown => record[flatKey];
  };

  switch (field.fieldType) {
    case 'enum':
      return [{ name: col, value: (raw) => labelOf(raw) }];
    case 'set':
      return [
        {
          name: col,
          value: (raw) => {
            if (raw === null || raw === undefined || raw === '') return null;
            const ids = Array.isArray(raw) ? raw : idText(raw).split(',');
            const out: (string | null)[] = [];
            for (const id of ids) {
              if (idText(id).trim() !== '') out.push(labelOf(typeof id === 'string' ? id.trim() : id));
            }
            return out;
          },
        },
      ];
    case 'monetary': {
      const amount = normaliserFor('decimal');
      const text = normaliserFor('string');
      const suffix = suffixOf('currency');
      return [
        { name: col, value: (raw) => amount(main(raw)) },
        { name: `${col}_currency`, value: (raw, record) => text(suffix(raw, record)) },
      ];
    }
    case 'daterange':
    case 'timerange': {
      const type: ColumnType = field.fieldType === 'daterange' ? 'date' : 'time';
      const norm = normaliserFor(type);
      const suffix = suffixOf('until');
      return [
        { name: col, value: (raw) => norm(main(raw)) },
        { name: `${col}_until`, value: (raw, record) => norm(suffix(raw, record)) },
      ];
    }
    case 'address': {
      const full = normaliserFor('text');
      const text = normaliserFor('string');
      return [
        { name: col, value: (raw) => full(main(raw)) },
        ...ADDRESS_PARTS.map((part): FieldColumnValue => {
          const suffix = suffixOf(part);
          return { name: `${col}_${part}`, value: (raw, record) => text(suffix(raw, record)) };
        }),
      ];
    }
    default: {
      const type = fieldColumns(col, field.fieldType)[0]?.type ?? 'json';
      if (type === 'json') return [{ name: col, value: (raw) => raw ?? null }];
      const norm = normaliserFor(type);
      return [
        {
          name: col,
          value: (raw) => {
            const value = main(raw);
            return norm(type === 'integer' ? relationId(value) : value);
          },
        },
      ];
    }
  }
}
