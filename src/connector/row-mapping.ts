/**
 * Payload to row (pure): built-in columns normalised by type, v1 relation
 * objects flattened to ids, the v2 address object and the lead value object
 * spread into columns, deleted/archived flags made explicit, and every custom
 * field mapped through its frozen column name. The column plan of a table is
 * worked out once per schema, not per row: this runs for every record read.
 */
import type { Column, Row, TableSchema } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { TableSpec } from './catalog/types.js';
import { compileField } from './custom-values.js';
import type { FieldMapper } from './custom-values.js';
import { normalise, relationId } from './values.js';

type Payload = Record<string, unknown>;

/** v1 has no is_deleted on most entities: derive it from the flags it does have. */
function deletedFlag(get: (name: string) => unknown): boolean {
  const isDeleted = get('is_deleted');
  if (typeof isDeleted === 'boolean') return isDeleted;
  if (get('status') === 'deleted' || get('deleted') === true) return true;
  const active = get('active_flag');
  if (active === false || active === 0) return true;
  return get('active') === false;
}

/** Nested objects (v2 address, lead value) spread into the flat keys the columns use. */
function nestedValues(record: Payload): Payload | undefined {
  let out: Payload | undefined;
  const address = record.address;
  if (address && typeof address === 'object' && !Array.isArray(address)) {
    const object = address as Payload;
    out = { address: object.value ?? object.formatted_address ?? null };
    for (const part of ADDRESS_PARTS) out[`address_${part}`] = object[part];
  }
  const value = record.value;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'amount' in value) {
    out = { ...out, value: (value as Payload).amount, value_currency: (value as Payload).currency };
  }
  return out;
}

interface ColumnPlan {
  builtin: Column[];
  custom: FieldMapper[];
  deleted: boolean;
  archived: boolean;
}

const plans = new WeakMap<TableSchema, Map<TableSpec['dialect'], ColumnPlan>>();

function planFor(table: TableSchema, spec: TableSpec): ColumnPlan {
  let byDialect = plans.get(table);
  if (!byDialect) {
    byDialect = new Map();
    plans.set(table, byDialect);
  }
  let plan = byDialect.get(spec.dialect);
  if (!plan) {
    const builtin = table.columns.filter((c) => !c.fieldKey);
    plan = {
      builtin,
      custom: table.customFields.map((field) => compileField(field, spec.dialect)),
      deleted: builtin.some((c) => c.name === 'is_deleted'),
      archived: builtin.some((c) => c.name === 'is_archived'),
    };
    byDialect.set(spec.dialect, plan);
  }
  return plan;
}

export interface RowContext {
  /** Values that apply to every row of the page: the endpoint's stamp, the parent id of a child read. */
  extra?: Payload;
}

export function toRow(record: Payload, table: TableSchema, spec: TableSpec, context: RowContext = {}): Row {
  const plan = planFor(table, spec);
  const nested = nestedValues(record);
  const extra = context.extra;
  const get = (name: string): unknown => {
    if (extra && name in extra) return extra[name];
    if (nested && name in nested) return nested[name];
    return record[name];
  };
  const row: Row = {};
  for (const column of plan.builtin) {
    const raw = get(column.name);
    row[column.name] = normalise(column.type === 'json' ? raw : relationId(raw), column.type);
  }
  if (plan.deleted) row.is_deleted = deletedFlag(get);
  if (plan.archived) {
    const archived = get('is_archived');
    row.is_archived = typeof archived === 'boolean' ? archived : get('archive_time') != null;
  }
  for (const map of plan.custom) map(record, row);
  return row;
}
