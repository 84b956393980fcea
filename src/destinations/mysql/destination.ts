import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type {
  Bookmark,
  CustomFieldColumn,
  Destination,
  Row,
  RunRecord,
  TableSchema,
} from '../../sync/contracts.js';
import { layoutFor, type TableLayout } from '../layout.js';
import type { DestinationSettings } from '../settings.js';
import { mysqlDialect as dialect } from './dialect.js';
import { mysqlError } from './errors.js';
import { mysqlDatetime, tupleEncoder } from './literals.js';
import { MysqlTables } from './tables.js';
import { sweepSchema, sweepSql } from '../sweep.js';

const q = dialect.quote;

/**
 * MySQL/MariaDB through a mysql2 pool. Each write is one transaction holding
 * multi-row INSERT ... ON DUPLICATE KEY UPDATE statements sized below
 * max_allowed_packet, then the bookmark.
 */
export class MysqlDestination implements Destination {
  private readonly tables: MysqlTables;

  constructor(
    private readonly pool: Pool,
    private readonly settings: DestinationSettings,
  ) {
    this.tables = new MysqlTables(pool, settings);
  }

  check = (): Promise<void> => this.tables.check();
  ensureTable = (table: TableSchema): Promise<void> => this.tables.ensureTable(table);
  readBookmarks = (): Promise<Map<string, Bookmark>> => this.tables.readBookmarks();
  readCustomFields = (): Promise<CustomFieldColumn[]> => this.tables.readCustomFields();
  writeCustomFields = (fields: CustomFieldColumn[]): Promise<void> => this.tables.writeCustomFields(fields);
  recordRun = (run: RunRecord): Promise<void> => this.tables.recordRun(run);
  close = (): Promise<void> => this.pool.end();

  async markUnseenDeleted(table: TableSchema, seenSince: Date): Promise<number> {
    const schema = sweepSchema(table);
    if (schema !== table) await this.tables.ensureTable(schema);
    await this.tables.init();
    const layout = layoutFor(schema, dialect, this.settings.tablePrefix);
    const stamps = [this.settings.now(), seenSince].map((d) => mysqlDatetime(d.toISOString()));
    try {
      const [result] = await this.pool.query<ResultSetHeader>(
        sweepSql(dialect, q(layout.table), layout),
        stamps,
      );
      return result.affectedRows;
    } catch (error) {
      throw mysqlError(`mark unseen rows of table "${table.name}" deleted`, error);
    }
  }

  async write(table: TableSchema, rows: Row[], bookmark: Bookmark | null): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    if (rows.length === 0 && bookmark === null) return;
    await this.tables.init();
    const syncedAt = this.settings.now().toISOString();
    let connection: PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (error) {
      throw mysqlError('connect', error);
    }
    let broken = false;
    try {
      await connection.query('START TRANSACTION');
      for (const sql of this.statements(layout, rows, syncedAt)) await connection.query(sql);
      this.settings.hooks?.beforeBookmark?.(table.name);
      if (bookmark !== null) await this.tables.writeBookmark(connection, layout.key, bookmark, syncedAt);
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => (broken = true));
      throw mysqlError(`write ${rows.length} rows to table "${table.name}"`, error);
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  /** Multi-row upserts, each below the packet limit (a single huge row goes alone). */
  private *statements(layout: TableLayout, rows: Row[], syncedAt: string): Generator<string> {
    const physical = layout.columns.map((c) => c.physical);
    physical.push(layout.syncedAt);
    const update = physical.filter((c) => !layout.primaryKey.includes(c));
    const head = `INSERT INTO ${q(layout.table)} (${physical.map(q).join(', ')}) VALUES `;
    const tail = dialect.upsertClause(layout.primaryKey, update);
    const stamp = `'${mysqlDatetime(syncedAt)}'`;
    const limit = this.tables.maxStatementChars - head.length - tail.length;
    const values = tupleEncoder(layout);
    let body = '';
    for (const row of rows) {
      const tuple = `(${values(row)}, ${stamp})`;
      if (body !== '' && body.length + tuple.length + 2 > limit) {
        yield head + body + tail;
        body = '';
      }
      body = body === '' ? tuple : `${body}, ${tuple}`;
    }
    if (body !== '') yield head + body + tail;
  }
}
