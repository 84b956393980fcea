import type { EncodedPage, Row } from '../../sync/contracts.js';
import { DestinationError } from '../../sync/errors.js';
import type { TableLayout } from '../layout.js';
import { mysqlDialect as dialect } from './dialect.js';
import { mysqlDatetime, tupleEncoder } from './literals.js';

const q = dialect.quote;

/** The fixed parts of a table's multi-row upsert: `INSERT INTO t (...) VALUES ` and `ON DUPLICATE KEY UPDATE ...`. */
export interface UpsertStatement {
  head: string;
  tail: string;
}

export function upsertStatement(layout: TableLayout): UpsertStatement {
  const physical = layout.columns.map((c) => c.physical);
  physical.push(layout.syncedAt);
  const update = physical.filter((c) => !layout.primaryKey.includes(c));
  return {
    head: `INSERT INTO ${q(layout.table)} (${physical.map(q).join(', ')}) VALUES `,
    tail: dialect.upsertClause(layout.primaryKey, update),
  };
}

/**
 * A page as the VALUES lists of multi-row upserts, each already sized for one
 * statement: one flat string per statement, where the tuples it joins (and the
 * rows they came from) could be freed as soon as the page was read.
 */
export class InsertTuplesPage implements EncodedPage {
  constructor(
    readonly rowCount: number,
    /** `(v1, ..., synced_at), (...)`: each fits a statement of `statementChars` with head and tail. */
    readonly bodies: readonly string[],
  ) {}
}

/** Tuples grouped below the statement size (a single huge row goes alone). */
export function encodeTuplesPage(
  layout: TableLayout,
  rows: readonly Row[],
  syncedAt: string,
  statementChars: number,
): InsertTuplesPage {
  const { head, tail } = upsertStatement(layout);
  const limit = statementChars - head.length - tail.length;
  const stamp = `'${mysqlDatetime(syncedAt)}'`;
  const values = tupleEncoder(layout);
  const bodies: string[] = [];
  let tuples: string[] = [];
  let size = 0;
  for (const row of rows) {
    const tuple = `(${values(row)}, ${stamp})`;
    if (tuples.length > 0 && size + tuple.length > limit) {
      bodies.push(tuples.join(', '));
      tuples = [];
      size = 0;
    }
    tuples.push(tuple);
    size += tuple.length + 2;
  }
  if (tuples.length > 0) bodies.push(tuples.join(', '));
  return new InsertTuplesPage(rows.length, bodies);
}

export function asTuplesPage(page: EncodedPage): InsertTuplesPage {
  if (page instanceof InsertTuplesPage) return page;
  throw new DestinationError('MySQL was given rows encoded for another destination.', { retryable: false });
}
