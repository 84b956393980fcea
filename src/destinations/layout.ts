import type { ColumnType, TableSchema } from '../sync/contracts.js';
import { DestinationError } from '../sync/errors.js';
import { RESERVED_COLUMNS, RESERVED_TABLES, SYSTEM_COLUMN, type DdlColumn, type Dialect } from './dialect.js';
import { physicalIdentifier } from './identifiers.js';

export interface PhysicalColumn extends DdlColumn {
  /** The column name in the TableSchema and in rows. */
  name: string;
}

/** Where a TableSchema lives in one engine: physical names, system column last. */
export interface TableLayout {
  /** Logical name (prefix + table name): the key in the bookkeeping tables. */
  key: string;
  table: string;
  /** Data columns in schema order, without the system column. */
  columns: PhysicalColumn[];
  primaryKey: string[];
  syncedAt: string;
}

export function physicalTableName(dialect: Dialect, prefix: string, table: string): string {
  return physicalIdentifier(prefix + table, dialect.identifiers, RESERVED_TABLES);
}

export function physicalColumnName(dialect: Dialect, column: string): string {
  return physicalIdentifier(column, dialect.identifiers, RESERVED_COLUMNS);
}

/** Pure: maps a schema onto an engine's names. Duplicate columns keep their first type. */
export function planTable(schema: TableSchema, dialect: Dialect, prefix: string): TableLayout {
  if (schema.primaryKey.length === 0) {
    throw new DestinationError(`Table "${schema.name}" has no primary key; rows cannot be upserted.`, {
      retryable: false,
    });
  }
  const seen = new Set<string>();
  const columns: PhysicalColumn[] = [];
  const add = (name: string, type: ColumnType): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const primaryKey = schema.primaryKey.includes(name);
    columns.push({ name, physical: physicalColumnName(dialect, name), type, primaryKey });
  };
  for (const column of schema.columns) add(column.name, column.type);
  for (const key of schema.primaryKey) add(key, 'string');
  return {
    key: prefix + schema.name,
    table: physicalTableName(dialect, prefix, schema.name),
    columns,
    primaryKey: schema.primaryKey.map((k) => physicalColumnName(dialect, k)),
    syncedAt: SYSTEM_COLUMN,
  };
}

const layouts = new WeakMap<TableSchema, Map<string, TableLayout>>();

/** planTable memoised per schema object: write() is called once per page. */
export function layoutFor(schema: TableSchema, dialect: Dialect, prefix: string): TableLayout {
  let byEngine = layouts.get(schema);
  if (!byEngine) layouts.set(schema, (byEngine = new Map()));
  // The column count guards against a schema object that grew in place.
  const cacheKey = `${dialect.engine}\u0000${prefix}\u0000${schema.columns.length}`;
  let layout = byEngine.get(cacheKey);
  if (!layout) byEngine.set(cacheKey, (layout = planTable(schema, dialect, prefix)));
  return layout;
}

export function missingKeyError(layout: TableLayout, column: string): DestinationError {
  return new DestinationError(
    `A row of table "${layout.key}" has no value for primary-key column "${column}".`,
    {
      retryable: false,
    },
  );
}
