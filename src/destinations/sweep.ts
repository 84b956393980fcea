/**
 * The delete sweep as SQL, shared by the engines: after a complete read, rows
 * whose `_synced_at` predates the read were not listed, so they are gone from
 * Pipedrive. They are flagged, never removed, and stamped with the time of the
 * sweep so consumers that follow `_synced_at` see the change.
 */
import type { TableSchema } from '../sync/contracts.js';
import { DELETED_COLUMN, withDeletedColumn } from '../sync/deleted-column.js';
import type { Dialect } from './dialect.js';
import { physicalColumnName, type TableLayout } from './layout.js';

/** The schema the sweep needs: `is_deleted` added when the table lacks it (ensureTable adds the column). */
export const sweepSchema = (table: TableSchema): TableSchema => withDeletedColumn(table);

/**
 * `UPDATE ... SET is_deleted = TRUE, _synced_at = <p1> WHERE (_synced_at IS NULL OR _synced_at < <p2>)
 * AND is_deleted IS NOT TRUE`; already flagged rows keep their stamp and are not counted again.
 */
export function sweepSql(dialect: Dialect, qualifiedTable: string, layout: TableLayout): string {
  const deleted = dialect.quote(physicalColumnName(dialect, DELETED_COLUMN));
  const syncedAt = dialect.quote(layout.syncedAt);
  return (
    `UPDATE ${qualifiedTable} SET ${deleted} = TRUE, ${syncedAt} = ${dialect.placeholder(1)}` +
    ` WHERE (${syncedAt} IS NULL OR ${syncedAt} < ${dialect.placeholder(2)}) AND ${deleted} IS NOT TRUE`
  );
}
