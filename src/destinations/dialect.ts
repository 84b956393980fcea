import type { ColumnType } from '../sync/contracts.js';
import type { IdentifierRules } from './identifiers.js';

/**
 * What differs between engines, as data: identifier rules and quoting, column
 * types, placeholders and the upsert clause. Everything else is shared.
 */
export interface Dialect {
  readonly engine: 'sqlite' | 'postgres' | 'mysql';
  /** Human name used in error messages. */
  readonly label: string;
  readonly identifiers: IdentifierRules;
  quote(identifier: string): string;
  /** SQL type for a column; primary-key text columns may need a bounded type. */
  columnType(type: ColumnType, primaryKey: boolean): string;
  /** Placeholder for the 1-based parameter `index`. */
  placeholder(index: number): string;
  /** Clause appended to `INSERT ... VALUES (...)` so an existing key is updated. */
  upsertClause(primaryKey: string[], update: string[]): string;
  /** Appended to CREATE TABLE (MySQL: charset and binary collation). */
  readonly tableOptions: string;
}

/** Logical names the destination owns itself. */
export const SYSTEM_COLUMN = '_synced_at';
export const STATE_TABLE = '_pipedrive_sync_state';
export const CUSTOM_FIELDS_TABLE = '_pipedrive_custom_fields';
export const RUNS_TABLE = '_pipedrive_sync_runs';

export const RESERVED_COLUMNS: ReadonlySet<string> = new Set([SYSTEM_COLUMN]);
export const RESERVED_TABLES: ReadonlySet<string> = new Set([STATE_TABLE, CUSTOM_FIELDS_TABLE, RUNS_TABLE]);

export function doubleQuote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export interface DdlColumn {
  physical: string;
  type: ColumnType;
  primaryKey: boolean;
}

export function columnDefinition(dialect: Dialect, column: DdlColumn): string {
  const notNull = column.primaryKey ? ' NOT NULL' : '';
  return `${dialect.quote(column.physical)} ${dialect.columnType(column.type, column.primaryKey)}${notNull}`;
}

export function createTableSql(
  dialect: Dialect,
  qualified: string,
  columns: DdlColumn[],
  pk: string[],
): string {
  const defs = columns.map((c) => columnDefinition(dialect, c));
  defs.push(`PRIMARY KEY (${pk.map((p) => dialect.quote(p)).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${qualified} (${defs.join(', ')})${dialect.tableOptions}`;
}

/** `INSERT INTO t (a, b) VALUES (?, ?) <upsert>` for one row; `insertOnly` columns keep their first value. */
export function upsertRowSql(
  dialect: Dialect,
  qualified: string,
  columns: string[],
  pk: string[],
  insertOnly: string[] = [],
): string {
  const list = columns.map((c) => dialect.quote(c)).join(', ');
  const values = columns.map((_, i) => dialect.placeholder(i + 1)).join(', ');
  const update = columns.filter((c) => !pk.includes(c) && !insertOnly.includes(c));
  return `INSERT INTO ${qualified} (${list}) VALUES (${values})${dialect.upsertClause(pk, update)}`;
}
