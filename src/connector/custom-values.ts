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
import { normalise, relationId } from './values.js';

type Payload = Record<string, unknown>;
export type FieldMapper = (record: Payload, row: Row) => void;

function member(value: unknown, name: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Payload)[name] : undefined;
}

function isObject(value: unknown): value is Payload {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function compileField(field: CustomFieldColumn, dialect: Dialect): FieldMapper {
  const key = field.fieldKey;
  const col = field.column;
  const labels = new Map((field.options ?? []).map((o) => [String(o.id), o.label]));
  const labelOf = (id: unknown): string | null => {
    if (id === null || id === undefined || id === '') return null;
    const objectLabel = member(id, 'label');
    if (typeof objectLabel === 'string') return objectLabel;
    const raw = String(member(id, 'id') ?? id);
    // An option deleted in Pipedrive keeps its id: better the id than nothing.
    return labels.get(raw) ?? raw;
  };
  const raw = dialect === 'v2' ? (r: Payload) => member(r.custom_fields, key) : (r: Payload) => r[key];
  const main = (value: unknown) => (dialect === 'v2' && isObject(value) ? value.value : value);
  const suffix = (r: Payload, value: unknown, name: string): unknown =>
    dialect === 'v1' ? r[`${key}_${name}`] : member(value, name);

  switch (field.fieldType) {
    case 'enum':
      return (r, row) => {
        row[col] = labelOf(raw(r));
      };
    case 'set':
      return (r, row) => {
        const value = raw(r);
        if (value === null || value === undefined || value === '') row[col] = null;
        else {
          const ids = Array.isArray(value) ? value : String(value).split(',');
          row[col] = ids
            .filter((id) => String(id).trim() !== '')
            .map((id) => labelOf(typeof id === 'string' ? id.trim() : id));
        }
      };
    case 'monetary': {
      const currency = `${col}_currency`;
      return (r, row) => {
        const value = raw(r);
        row[col] = normalise(main(value), 'decimal');
        row[currency] = normalise(suffix(r, value, 'currency'), 'string');
      };
    }
    case 'daterange':
    case 'timerange': {
      const type: ColumnType = field.fieldType === 'daterange' ? 'date' : 'time';
      const until = `${col}_until`;
      return (r, row) => {
        const value = raw(r);
        row[col] = normalise(main(value), type);
        row[until] = normalise(suffix(r, value, 'until'), type);
      };
    }
    case 'address': {
      const parts = ADDRESS_PARTS.map((part) => [part, `${col}_${part}`] as const);
      return (r, row) => {
        const value = raw(r);
        row[col] = normalise(main(value), 'text');
        for (const [part, name] of parts) row[name] = normalise(suffix(r, value, part), 'string');
      };
    }
    default: {
      const type = fieldColumns(col, field.fieldType)[0]?.type ?? 'json';
      if (type === 'json') {
        return (r, row) => {
          row[col] = raw(r) ?? null;
        };
      }
      return (r, row) => {
        const value = main(raw(r));
        row[col] = normalise(type === 'integer' ? relationId(value) : value, type);
      };
    }
  }
}
