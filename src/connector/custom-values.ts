/**
 * Custom-field values to column values (pure). v1 puts a field at the top
 * level under its key with suffix keys (`<key>_currency`, `<key>_until`,
 * `<key>_locality`...); v2 nests it in `custom_fields[key]` as a scalar or an
 * object ({value, currency}, {value, until}, an address object).
 */
import type { CustomFieldColumn, Row } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { Dialect } from './catalog/types.js';
import { fieldColumns } from './naming.js';
import { normalise, relationId } from './values.js';

type Payload = Record<string, unknown>;

function member(value: unknown, name: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Payload)[name] : undefined;
}

function labelOf(field: CustomFieldColumn, id: unknown): string | null {
  if (id === null || id === undefined || id === '') return null;
  const objectLabel = member(id, 'label');
  if (typeof objectLabel === 'string') return objectLabel;
  const raw = member(id, 'id') ?? id;
  const option = field.options?.find((o) => String(o.id) === String(raw));
  // An option deleted in Pipedrive keeps its id: better the id than nothing.
  return option ? option.label : String(raw);
}

function setLabels(field: CustomFieldColumn, value: unknown): string[] | null {
  if (value === null || value === undefined || value === '') return null;
  const ids = Array.isArray(value)
    ? value
    : String(value)
        .split(',')
        .map((part) => part.trim());
  return ids.filter((id) => id !== '').map((id) => labelOf(field, id) ?? '');
}

/** Fills the columns of one custom field from a record. */
export function customFieldValues(
  record: Payload,
  field: CustomFieldColumn,
  dialect: Dialect,
  row: Row,
): void {
  const key = field.fieldKey;
  const raw = dialect === 'v2' ? member(record.custom_fields, key) : record[key];
  const suffix = (name: string): unknown => (dialect === 'v1' ? record[`${key}_${name}`] : member(raw, name));
  const main =
    dialect === 'v2' && raw && typeof raw === 'object' && !Array.isArray(raw) ? member(raw, 'value') : raw;
  const col = field.column;
  const [first] = fieldColumns(col, field.fieldType);
  switch (field.fieldType) {
    case 'enum':
      row[col] = labelOf(field, raw);
      return;
    case 'set':
      row[col] = setLabels(field, raw);
      return;
    case 'monetary':
      row[col] = normalise(main, 'decimal');
      row[`${col}_currency`] = normalise(suffix('currency'), 'string');
      return;
    case 'daterange':
    case 'timerange': {
      const type = field.fieldType === 'daterange' ? 'date' : 'time';
      row[col] = normalise(main, type);
      row[`${col}_until`] = normalise(suffix('until'), type);
      return;
    }
    case 'address':
      row[col] = normalise(main, 'text');
      for (const part of ADDRESS_PARTS) row[`${col}_${part}`] = normalise(suffix(part), 'string');
      return;
    default:
      if (!first || first.type === 'json') {
        row[col] = raw ?? null;
        return;
      }
      row[col] = normalise(first.type === 'integer' ? relationId(main) : main, first.type);
  }
}
