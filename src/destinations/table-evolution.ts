import type { Logger } from '../observability/logger.js';
import { columnDefinition, type DdlColumn, type Dialect } from './dialect.js';
import type { TableLayout } from './layout.js';

/**
 * How every engine creates and evolves a data table: the layout's columns plus
 * `_synced_at`; columns the table lacks are added, nullable because the rows
 * already there have no value for them. Nothing is dropped or retyped. Each
 * engine lists the columns it has and runs the ALTERs its own way.
 */

/** A data table's columns as created. */
export function tableColumns(layout: TableLayout): DdlColumn[] {
  return [...layout.columns, { physical: layout.syncedAt, type: 'timestamp', primaryKey: false }];
}

export interface MissingColumn {
  column: DdlColumn;
  /** The column's definition for `ALTER TABLE ... ADD COLUMN`. */
  definition: string;
}

/** The columns `existing` lacks; names compare case-insensitively where the engine folds case. */
export function missingColumns(
  dialect: Dialect,
  layout: TableLayout,
  existing: Iterable<string>,
): MissingColumn[] {
  const fold = dialect.identifiers.foldsCase ? (name: string) => name.toLowerCase() : (name: string) => name;
  const present = new Set([...existing].map(fold));
  return tableColumns(layout)
    .filter((column) => !present.has(fold(column.physical)))
    .map((column) => ({ column, definition: columnDefinition(dialect, { ...column, primaryKey: false }) }));
}

export function logAddedColumn(logger: Logger | undefined, layout: TableLayout, column: DdlColumn): void {
  logger?.info('Added column', { table: layout.key, column: column.physical, type: column.type });
}
