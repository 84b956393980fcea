import type { EncodedPage, Row } from '../../sync/contracts.js';
import { DestinationError } from '../../sync/errors.js';
import { missingKeyError, type TableLayout } from '../layout.js';
import { readColumn } from '../row-encoder.js';
import { sqliteValueEncoder, type BoundValue, type SqliteValueEncoder } from './encode.js';

export type { BoundValue };

/**
 * A page as the values better-sqlite3 binds, one array per row (columns in
 * layout order, `_synced_at` last): numbers and strings only, so the row
 * objects, their json values and the connector's mapping can be freed as soon
 * as the page is read. One array per row, not one per page: an array of a
 * whole page's values is large enough to be allocated in the old generation,
 * which only a full collection frees, and the sync's peak memory grew with the
 * table (peak RSS 230 MB at 1M records vs 186 MB at 100k).
 */
export class BoundValuesPage implements EncodedPage {
  constructor(readonly rows: readonly BoundValue[][]) {}

  get rowCount(): number {
    return this.rows.length;
  }
}

/** A row's bound values, `syncedAt` last. */
type RowValues = (row: Row, syncedAt: string) => BoundValue[];

const made = new WeakMap<TableLayout, RowValues>();

/**
 * One generated function per layout: an array literal of every column's value, each read by a property
 * access written out by name (monomorphic, as row-encoder.ts explains), each through its column's own
 * encoder. A loop of keyed reads with a type switch per value cost twice as much.
 */
function rowValues(layout: TableLayout): RowValues {
  let found = made.get(layout);
  if (found) return found;
  // A key column whose value encodes to NULL ('' in an integer key too) fails the row.
  const values = layout.columns.map((c, i) =>
    c.primaryKey ? `key(e[${i}](${readColumn(c.name)}), ${i})` : `e[${i}](${readColumn(c.name)})`,
  );
  const body = `"use strict"; return (e, key) => (row, syncedAt) => [${values.join(', ')}, syncedAt];`;
  type Key = (value: BoundValue, i: number) => BoundValue;
  const make = new Function(body) as () => (e: SqliteValueEncoder[], key: Key) => RowValues;
  found = make()(
    layout.columns.map((c) => sqliteValueEncoder(c.type, c.name)),
    (value, i) => {
      if (value === null) throw missingKeyError(layout, layout.columns[i]!.name);
      return value;
    },
  );
  made.set(layout, found);
  return found;
}

export function encodeValuesPage(
  layout: TableLayout,
  rows: readonly Row[],
  syncedAt: string,
): BoundValuesPage {
  const values = rowValues(layout);
  return new BoundValuesPage(rows.map((row) => values(row, syncedAt)));
}

export function asValuesPage(page: EncodedPage): BoundValuesPage {
  if (page instanceof BoundValuesPage) return page;
  throw new DestinationError('SQLite was given rows encoded for another destination.', { retryable: false });
}
