/**
 * Payload to row (pure): built-in columns normalised by type, v1 relation
 * objects flattened to ids, the v2 address object and the lead value object
 * spread into columns, deleted/archived flags made explicit, and every custom
 * field mapped through its frozen column name.
 */
import type { Row, TableSchema } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { TableSpec } from './catalog/types.js';
import { customFieldValues } from './custom-values.js';
import { normalise, relationId } from './values.js';

type Payload = Record<string, unknown>;

/** v1 has no is_deleted on most entities: derive it from the flags it does have. */
function deletedFlag(record: Payload): boolean {
  if (typeof record.is_deleted === 'boolean') return record.is_deleted;
  if (record.status === 'deleted' || record.deleted === true) return true;
  if (record.active_flag === false || record.active_flag === 0) return true;
  return record.active === false;
}

/** Spreads nested objects (v2 address, lead value) into the flat keys the columns use. */
function flatten(record: Payload, spec: TableSpec): Payload {
  const flat: Payload = { ...record };
  const address = record.address;
  if (address && typeof address === 'object' && !Array.isArray(address)) {
    const object = address as Payload;
    flat.address = object.value ?? object.formatted_address ?? null;
    for (const part of ADDRESS_PARTS) flat[`address_${part}`] = object[part];
  }
  const value = record.value;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'amount' in value) {
    flat.value = (value as Payload).amount;
    flat.value_currency = (value as Payload).currency;
  }
  if (spec.child && flat[spec.child.parentColumn] === undefined) delete flat[spec.child.parentColumn];
  return flat;
}

export interface RowContext {
  /** Values that apply to every row of the page: the endpoint's stamp, the parent id of a child read. */
  extra?: Payload;
}

export function toRow(record: Payload, table: TableSchema, spec: TableSpec, context: RowContext = {}): Row {
  const flat = { ...flatten(record, spec), ...context.extra };
  const row: Row = {};
  const customColumns = new Set(table.columns.filter((c) => c.fieldKey).map((c) => c.name));
  for (const column of table.columns) {
    if (customColumns.has(column.name)) continue;
    const raw = column.type === 'json' ? flat[column.name] : relationId(flat[column.name]);
    row[column.name] = normalise(raw, column.type);
  }
  if ('is_deleted' in row) row.is_deleted = deletedFlag(flat);
  if ('is_archived' in row) {
    row.is_archived = typeof flat.is_archived === 'boolean' ? flat.is_archived : flat.archive_time != null;
  }
  for (const field of table.customFields) customFieldValues(record, field, spec.dialect, row);
  return row;
}
