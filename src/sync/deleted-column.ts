/**
 * The `is_deleted` column every synced table carries. The source flags the
 * deletions it can see (soft-deleted deals, v2 `is_deleted`); the engine's
 * delete sweep flags rows a complete read no longer lists. A table whose
 * source schema has no such column gets one, so that a row written again
 * (seen again) is written with the source's value instead of keeping `true`.
 */
import type { TableSchema } from './contracts.js';

export const DELETED_COLUMN = 'is_deleted';

/** The schema itself when it has `is_deleted`, otherwise a copy with a boolean `is_deleted` appended. */
export function withDeletedColumn(table: TableSchema): TableSchema {
  if (table.columns.some((c) => c.name === DELETED_COLUMN)) return table;
  return { ...table, columns: [...table.columns, { name: DELETED_COLUMN, type: 'boolean' }] };
}
