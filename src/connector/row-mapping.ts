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
import { fieldColumns } from './naming.js';
import { compileRowBuilder } from './row-builder.js';
import type { BuilderPlan, RowBuilderFactory } from './row-builder.js';
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
interface ColumnPlan extends BuilderPlan {
  builtin: BuiltinColumn[];
  /** Whether any column can come from a nested object, so rows without such columns skip nestedValues. */
  nested: boolean;
  dialect: Dialect;
  /** Row builders compiled for this plan, by the set of columns a page's extra values fix. */
  builders: Map<string, RowBuilderFactory>;
}

function columnNames(builtin: BuiltinColumn[], table: TableSchema): string[] {
  const names: string[] = builtin.map((column) => column.name);
  for (const field of table.customFields) {
    for (const column of fieldColumns(field.column, field.fieldType)) names.push(column.name);
  }
  return names;
}

function builderFor(plan: ColumnPlan, extra: Payload): RowBuilderFactory {
  const fixedNames = plan.builtin.filter((column) => column.name in extra).map((column) => column.name);
  const signature = JSON.stringify(fixedNames);
  let factory = plan.builders.get(signature);
  if (!factory) {
    factory = compileRowBuilder(plan, new Set(fixedNames));
    plan.builders.set(signature, factory);
  }
  return factory;
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
    const deleted = builtin.some((c) => c.name === 'is_deleted');
    const archived = builtin.some((c) => c.name === 'is_archived');
    plan = {
      builtin,
      custom: table.customFields.map((field) => ({
        key: field.fieldKey,
        columns: compileField(field, spec.dialect),
      })),
      names: columnNames(builtin, table),
      derived: new Set([...(deleted ? ['is_deleted'] : []), ...(archived ? ['is_archived'] : [])]),
      nested: builtin.some((c) => c.nested),
      dialect: spec.dialect,
      builders: new Map(),
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
  const build = builderFor(
    plan,
    extra,
  )({
    normalisers: plan.builtin.map((column) => column.normalise),
    // A column the page's extra values supply is normalised once, and read from nowhere else.
    fixed: plan.builtin.map((column) =>
      column.name in extra ? column.normalise(extra[column.name]) : undefined,
    ),
    custom: plan.custom.flatMap((field) => field.columns.map((column) => column.value)),
    derived: {
      is_deleted: (record, nested) => deletedFlag(record, nested, extra),
      is_archived: (record, nested) => {
        const archived = pick(record, nested, extra, 'is_archived');
        return typeof archived === 'boolean' ? archived : pick(record, nested, extra, 'archive_time') != null;
      },
    },
  });
  const { dialect } = plan;
  const nested = plan.nested;
  const custom = plan.custom.length > 0;
  return (record) =>
    build(
      record,
      nested ? nestedValues(record) : undefined,
      custom ? fieldSource(record, dialect) : undefined,
    );
}

/** One record to a row; a page of records is better served by one `rowMapper`. */
export function toRow(record: Payload, table: TableSchema, spec: TableSpec, context: RowContext = {}): Row {
  return rowMapper(table, spec, context)(record);
}
