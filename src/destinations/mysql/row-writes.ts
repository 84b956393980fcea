import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { EncodedPage } from '../../sync/contracts.js';
import { identifierHash } from '../identifiers.js';
import type { TableLayout } from '../layout.js';
import { asTextPage, lastLinePerKey, TextPage, type TextBatch } from '../text-page.js';
import { mysqlDialect as dialect } from './dialect.js';
import { loadLines } from './load-text.js';
import { asTuplesPage, upsertStatement, type InsertTuplesPage } from './tuples-page.js';

const q = dialect.quote;
export const ENGINE = 'MySQL';

/** A batch's pages, all in one of the two forms MysqlDestination.encode makes. */
export type MysqlBatch = { form: 'load'; pages: TextPage[] } | { form: 'insert'; pages: InsertTuplesPage[] };

export function mysqlBatch(pages: readonly EncodedPage[]): MysqlBatch {
  if (pages.length > 0 && pages.every((p) => p instanceof TextPage)) {
    return { form: 'load', pages: pages.map((p) => asTextPage(p, ENGINE)) };
  }
  return { form: 'insert', pages: pages.map(asTuplesPage) };
}

/** Upserts a batch's rows inside the caller's transaction. */
export async function upsertBatch(
  connection: PoolConnection,
  layout: TableLayout,
  batch: MysqlBatch,
): Promise<void> {
  if (batch.form === 'load') return loadRows(connection, layout, lastLinePerKey(batch.pages));
  const { head, tail } = upsertStatement(layout);
  for (const page of batch.pages) for (const body of page.bodies) await connection.query(head + body + tail);
}

/**
 * New rows (a first full sync) are loaded straight into the table; otherwise the lines go to a keyless
 * temporary table and one INSERT ... SELECT ... ON DUPLICATE KEY UPDATE applies them in order.
 */
async function loadRows(connection: PoolConnection, layout: TableLayout, batch: TextBatch): Promise<void> {
  const target = q(layout.table);
  const columns = [...layout.columns.map((c) => q(c.physical)), q(layout.syncedAt)].join(', ');
  const lines = batch.keys.length;
  if (await noneExist(connection, layout, batch.keys)) {
    await connection.query('SAVEPOINT pd_direct_load');
    if ((await loadLines(connection, target, columns, batch.chunks, lines)) === 'loaded') return;
    // A key arrived meanwhile or compares equal to another under the collation: upsert instead.
    await connection.query('ROLLBACK TO SAVEPOINT pd_direct_load');
  }
  const stage = q(`_pd_stage_${identifierHash(`${target}(${columns})`)}`);
  // Temporary tables do not end the transaction; without a key the stage keeps every line.
  await connection.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} AS SELECT ${columns} FROM ${target} LIMIT 0`,
  );
  await connection.query(`DELETE FROM ${stage}`);
  await loadLines(connection, stage, columns, batch.chunks, lines);
  await connection.query(
    `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${stage}${upsertStatement(layout).tail}`,
  );
  await connection.query(`DELETE FROM ${stage}`);
}

/**
 * True when no key of the batch is in the table (single-column keys only). A plain read, no locks: a
 * key another writer inserts in between makes the load skip its row, and that load is redone through
 * the upsert (loadRows). Locking the keys' gaps here made two writers of one table deadlock on their
 * inserts.
 */
async function noneExist(
  connection: PoolConnection,
  layout: TableLayout,
  keys: readonly unknown[],
): Promise<boolean> {
  const key = layout.columns.filter((c) => c.primaryKey);
  if (key.length !== 1 || keys.length === 0) return false;
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT 1 FROM ${q(layout.table)} WHERE ${q(key[0]!.physical)} IN (?) LIMIT 1`,
    [keys],
  );
  return rows.length === 0;
}
