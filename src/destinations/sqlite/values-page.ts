import type { EncodedPage, Row } from '../../sync/contracts.js';
import { DestinationError } from '../../sync/errors.js';
import { missingKeyError, type TableLayout } from '../layout.js';
import { encodeSqlite } from './encode.js';

export type BoundValue = string | number | null;

/**
 * A page as the values better-sqlite3 binds, row after row in one flat array
 * (columns in layout order, `_synced_at` last): numbers and strings only, so
 * the row objects, their json values and the connector's mapping can be freed
 * as soon as the page is read.
 */
export class BoundValuesPage implements EncodedPage {
  constructor(
    readonly rowCount: number,
    /** Values per row: the layout's columns plus one. */
    readonly width: number,
    readonly values: readonly BoundValue[],
  ) {}
}

export function encodeValuesPage(
  layout: TableLayout,
  rows: readonly Row[],
  syncedAt: string,
): BoundValuesPage {
  const columns = layout.columns;
  const width = columns.length + 1;
  const values = new Array<BoundValue>(rows.length * width);
  let at = 0;
  for (const row of rows) {
    for (const c of columns) {
      const v = encodeSqlite(c.type, row[c.name], c.name);
      if (v === null && c.primaryKey) throw missingKeyError(layout, c.name);
      values[at++] = v;
    }
    values[at++] = syncedAt;
  }
  return new BoundValuesPage(rows.length, width, values);
}

export function asValuesPage(page: EncodedPage): BoundValuesPage {
  if (page instanceof BoundValuesPage) return page;
  throw new DestinationError('SQLite was given rows encoded for another destination.', { retryable: false });
}
