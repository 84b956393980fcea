import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type {
  Bookmark,
  CustomFieldColumn,
  Destination,
  EncodedPage,
  Row,
  RunRecord,
  TableSchema,
} from '../../sync/contracts.js';
import { layoutFor } from '../layout.js';
import type { DestinationSettings } from '../settings.js';
import { mysqlDialect as dialect } from './dialect.js';
import { mysqlError } from './errors.js';
import { TextBytes } from '../text-bytes.js';
import { encodeTextPage } from '../text-page.js';
import { mysqlDatetime } from './literals.js';
import { mysqlText } from './load-text.js';
import { ENGINE, mysqlBatch, upsertBatch } from './row-writes.js';
import { encodeTuplesPage } from './tuples-page.js';
import { MysqlTables } from './tables.js';
import { sweepSchema, sweepSql } from '../sweep.js';

const q = dialect.quote;
/** Encoding is synchronous, so one growing buffer serves every page of every table. */
const scratch = new TextBytes(mysqlText);

/**
 * MySQL/MariaDB through a mysql2 pool. Each write is one transaction: the rows
 * by LOAD DATA LOCAL INFILE where the server allows it (load-text.ts,
 * row-writes.ts), otherwise multi-row INSERT ... ON DUPLICATE KEY UPDATE
 * statements sized below max_allowed_packet; then the bookmark.
 */
export class MysqlDestination implements Destination {
  private readonly tables: MysqlTables;

  constructor(
    private readonly pool: Pool,
    private readonly settings: DestinationSettings,
    localInfile: boolean,
  ) {
    this.tables = new MysqlTables(pool, settings, localInfile);
  }

  check = (): Promise<void> => this.tables.check();
  ensureTable = (table: TableSchema): Promise<void> => this.tables.ensureTable(table);
  readBookmarks = (): Promise<Map<string, Bookmark>> => this.tables.readBookmarks();
  readCustomFields = (): Promise<CustomFieldColumn[]> => this.tables.readCustomFields();
  writeCustomFields = (fields: CustomFieldColumn[]): Promise<void> => this.tables.writeCustomFields(fields);
  recordRun = (run: RunRecord): Promise<void> => this.tables.recordRun(run);
  close = (): Promise<void> => this.pool.end();

  async isEmpty(table: TableSchema): Promise<boolean> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    try {
      const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT 1 FROM ${q(layout.table)} LIMIT 1`);
      return rows.length === 0;
    } catch (error) {
      throw mysqlError(`read table "${table.name}"`, error);
    }
  }

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

  /**
   * LOAD DATA text where the server takes it (the cheaper path by half), INSERT tuples otherwise. Needs
   * the table's ensureTable first: that is when the server's limits and options are known.
   */
  encode(table: TableSchema, rows: Row[]): EncodedPage {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    const now = this.settings.now().toISOString();
    if (this.tables.bulkLoad)
      return encodeTextPage(ENGINE, scratch, layout, rows, `\t${mysqlDatetime(now)}\n`);
    return encodeTuplesPage(layout, rows, now, this.tables.maxStatementChars);
  }

  async write(table: TableSchema, pages: readonly EncodedPage[], bookmark: Bookmark | null): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    const batch = mysqlBatch(pages);
    const rowCount = pages.reduce((n, p) => n + p.rowCount, 0);
    if (rowCount === 0 && bookmark === null) return;
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
      if (rowCount > 0) await upsertBatch(connection, layout, batch);
      this.settings.hooks?.beforeBookmark?.(table.name);
      if (bookmark !== null) await this.tables.writeBookmark(connection, layout.key, bookmark, syncedAt);
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => (broken = true));
      throw mysqlError(`write ${rowCount} rows to table "${table.name}"`, error);
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }
}
