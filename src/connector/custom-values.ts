/**
 * Custom-field values to column values (pure). v1 puts a field at the top
 * level under its key with suffix keys (`<key>_currency`, `<key>_until`,
 * `<key>_locality`...); v2 nests it in `custom_fields[key]` as a scalar or an
 * object ({value, currency}, {value, until}, an address object).
 * Each field is compiled once into a small mapper (column names and option
 * labels worked out up front), because it runs for every field of every row.
 */
import type { ColumnType, CustomFieldColumn, Row } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { Dialect } from './catalog/types.js';
import { fieldColumns } from './naming.js';
import { normaliserFor, relationId } from './values.js';

type Payload = Record<string, unknown>;
/**
 * Writes one field's columns. `fields` is where the field keys live, looked up once per row by the caller:
 * the record itself in v1, its `custom_fields` object in v2 (undefined when that is not an object).
 */
export type FieldMapper = (fields: Payload | undefined, record: Payload, row: Row) => void;

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

/** Where a table's field keys live in a record (see FieldMapper). */
export function fieldSource(record: Payload, dialect: Dialect): Payload | undefined {
  if (dialect === 'v1') return record;
  const fields = record.custom_fields;
  return isObject(fields) ? fields : undefined;
}

export function compileField(field: CustomFieldColumn, dialect: Dialect): FieldMapper {
  const key = field.fieldKey;
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
  const raw = (fields: Payload | undefined): unknown => (fields === undefined ? undefined : fields[key]);
  const main = (value: unknown) => (v2 && isObject(value) ? value.value : value);
  // v1 suffix keys (`<key>_currency`...) are built once here, not per row.
  const suffixOf = (name: string) => {
    const flatKey = `${key}_${name}`;
    return v2
      ? (_record: Payload, value: unknown): unknown => member(value, name)
      : (record: Payload): unknown => record[flatKey];
  };

  switch (field.fieldType) {
    case 'enum':
      return (fields, _r, row) => {
        row[col] = labelOf(raw(fields));
      };
    case 'set':
      return (fields, _r, row) => {
        const value = raw(fields);
        if (value === null || value === undefined || value === '') row[col] = null;
        else {
          const ids = Array.isArray(value) ? value : idText(value).split(',');
          const out: (string | null)[] = [];
          for (const id of ids) {
            if (idText(id).trim() !== '') out.push(labelOf(typeof id === 'string' ? id.trim() : id));
          }
          row[col] = out;
        }
      };
    case 'monetary': {
      const currency = `${col}_currency`;
      const amount = normaliserFor('decimal');
      const text = normaliserFor('string');
      const suffix = suffixOf('currency');
      return (fields, r, row) => {
        const value = raw(fields);
        row[col] = amount(main(value));
        row[currency] = text(suffix(r, value));
      };
    }
    case 'daterange':
    case 'timerange': {
      const type: ColumnType = field.fieldType === 'daterange' ? 'date' : 'time';
      const until = `${col}_until`;
      const norm = normaliserFor(type);
      const suffix = suffixOf('until');
      return (fields, r, row) => {
        const value = raw(fields);
        row[col] = norm(main(value));
        row[until] = norm(suffix(r, value));
      };
    }
    case 'address': {
      const parts = ADDRESS_PARTS.map((part) => ({ name: `${col}_${part}`, suffix: suffixOf(part) }));
      const full = normaliserFor('text');
      const text = normaliserFor('string');
      return (fields, r, row) => {
        const value = raw(fields);
        row[col] = full(main(value));
        for (const part of parts) row[part.name] = text(part.suffix(r, value));
      };
    }
    default: {
      const type = fieldColumns(col, field.fieldType)[0]?.type ?? 'json';
      if (type === 'json') {
        return (fields, _r, row) => {
          row[col] = raw(fields) ?? null;
        };
      }
      const norm = normaliserFor(type);
      return (fields, _r, row) => {
        const value = main(raw(fields));
        row[col] = norm(type === 'integer' ? relationId(value) : value);
      };
    }
  }
}
