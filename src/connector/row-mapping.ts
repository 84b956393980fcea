/**
 * Payload to row (pure): built-in columns normalised by type, v1 relation
 * objects flattened to ids, the v2 address object and the lead value object
 * spread into columns, deleted/archived flags made explicit, and every custom
 * field mapped through its frozen column name. The column plan of a table is
 * worked out once per schema, not per row: this runs for every record read.
 */
import type { Row, TableSchema } from '../sync/contracts.js';
import { ADDRESS_PARTS } from './catalog/columns.js';
import type { Dialect, TableSpec } from './catalog/types.js';
import { compileField, fieldSource } from './custom-values.js';
import type { FieldMapper } from './custom-values.js';
import { fieldColumns } from './naming.js';
import { columnNormaliserFor } from './values.js';
import type { Normaliser } from './values.js';

type Payload = Record<string, unknown>;

/** Where a column's raw value comes from: the page's extra values, a nested object, the record. */
function pick(record: Payload, nested: Payload | undefined, extra: Payload, name: string): unknown {
  if (name in extra) return extra[name];
  if (nested !== undefined && name in nested) return nested[name];
  return record[name];
}

/** v1 has no is_deleted on most entities: derive it from the flags it does have. */
function deletedFlag(record: Payload, nested: Payload | undefined, extra: Payload): boolean {
  const isDeleted = pick(record, nested, extra, 'is_deleted');
  if (typeof isDeleted === 'boolean') return isDeleted;
  if (pick(record, nested, extra, 'status') === 'deleted' || pick(record, nested, extra, 'deleted') === true)
    return true;
  const active = pick(record, nested, extra, 'active_flag');
  if (active === false || active === 0) return true;
  return pick(record, nested, extra, 'active') === false;
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

/** Column names nestedValues can produce: only these ever need the nested lookup. */
const NESTED_NAMES = new Set([
  'address',
  ...ADDRESS_PARTS.map((part) => `address_${part}`),
  'value',
  'value_currency',
]);

interface BuiltinColumn {
  name: string;
  normalise: Normaliser;
  /** True when a nested object (address, lead value) may supply the value instead of the record. */
  nested: boolean;
}

/** Everything about a table's rows that does not depend on the row: worked out once per table and dialect. */
interface ColumnPlan {
  builtin: BuiltinColumn[];
  custom: FieldMapper[];
  deleted: boolean;
  archived: boolean;
  /** Whether any column can come from a nested object, so rows without such columns skip nestedValues. */
  nested: boolean;
  dialect: Dialect;
  /**
   * Every column the row gets, in the order they are written, all null: copying it gives each row its final
   * shape in one step, instead of growing an object key by key (the slow part with 70-odd columns).
   */
  template: () => Row;
}

function rowTemplate(builtin: BuiltinColumn[], table: TableSchema): () => Row {
  const names: string[] = builtin.map((column) => column.name);
  for (const field of table.customFields) {
    for (const column of fieldColumns(field.column, field.fieldType)) names.push(column.name);
  }
  // An object literal with every key (JSON-quoted, so any column name is a safe string literal): V8 then
  // builds each row from one boilerplate with its final shape.
  const body = `return () => ({${names.map((name) => `${JSON.stringify(name)}: null`).join(', ')}});`;
  return new Function(body)() as () => Row;
}

const plans = new WeakMap<TableSchema, Map<Dialect, ColumnPlan>>();

function planFor(table: TableSchema, spec: TableSpec): ColumnPlan {
  let byDialect = plans.get(table);
  if (!byDialect) {
    byDialect = new Map();
    plans.set(table, byDialect);
  }
  let plan = byDialect.get(spec.dialect);
  if (!plan) {
    const builtin = table.columns
      .filter((c) => !c.fieldKey)
      .map((c) => ({
        name: c.name,
        normalise: columnNormaliserFor(c.type),
        nested: NESTED_NAMES.has(c.name),
      }));
    plan = {
      builtin,
      custom: table.customFields.map((field) => compileField(field, spec.dialect)),
      deleted: builtin.some((c) => c.name === 'is_deleted'),
      archived: builtin.some((c) => c.name === 'is_archived'),
      nested: builtin.some((c) => c.nested),
      dialect: spec.dialect,
      template: rowTemplate(builtin, table),
    };
    byDialect.set(spec.dialect, plan);
  }
  return plan;
}

export interface RowContext {
  /** Values that apply to every row of the page: the endpoint's stamp, the parent id of a child read. */
  extra?: Payload;
}

export type RowMapper = (record: Payload) => Row;

/**
 * The mapping of every row of one page (same table, same extra values), prepared once: columns fed by the
 * page's extra values are normalised once, the others read straight from the record.
 */
export function rowMapper(table: TableSchema, spec: TableSpec, context: RowContext = {}): RowMapper {
  const plan = planFor(table, spec);
  const extra = context.extra ?? {};
  // A column the page's extra values supply is normalised once, and read from nowhere else.
  const columns = plan.builtin.map((column) =>
    column.name in extra
      ? { ...column, fixed: true, value: column.normalise(extra[column.name]) }
      : { ...column, fixed: false, value: undefined },
  );
  const { custom, dialect, template } = plan;
  const count = columns.length;
  return (record) => {
    const nested = plan.nested ? nestedValues(record) : undefined;
    const row = template();
    for (let i = 0; i < count; i += 1) {
      const column = columns[i]!;
      const name = column.name;
      if (column.fixed) row[name] = column.value;
      else if (column.nested && nested !== undefined && name in nested)
        row[name] = column.normalise(nested[name]);
      else row[name] = column.normalise(record[name]);
    }
    if (plan.deleted) row.is_deleted = deletedFlag(record, nested, extra);
    if (plan.archived) {
      const archived = pick(record, nested, extra, 'is_archived');
      row.is_archived =
        typeof archived === 'boolean' ? archived : pick(record, nested, extra, 'archive_time') != null;
    }
    if (custom.length > 0) {
      const fields = fieldSource(record, dialect);
      for (const map of custom) map(fields, record, row);
    }
    return row;
  };
}

/** One record to a row; a page of records is better served by one `rowMapper`. */
export function toRow(record: Payload, table: TableSchema, spec: TableSpec, context: RowContext = {}): Row {
  return rowMapper(table, spec, context)(record);
}
