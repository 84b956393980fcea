import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Bookmark, CustomFieldColumn, RunRecord, TableSchema } from '../../sync/contracts.js';
import {
  BOOKKEEPING_TABLES,
  CUSTOM_FIELD_COLUMNS,
  RUN_COLUMNS,
  STATE_COLUMNS,
  bookkeepingTypes,
  bookmarksUnder,
  customFieldFromRow,
  customFieldValues,
  runValues,
} from '../bookkeeping.js';
import { createTableSql, CUSTOM_FIELDS_TABLE, RUNS_TABLE, STATE_TABLE } from '../dialect.js';
import { logAddedColumn, missingColumns, tableColumns } from '../table-evolution.js';
import { layoutFor } from '../layout.js';
import type { DestinationSettings } from '../settings.js';
import { mysqlDialect as dialect } from './dialect.js';
import { mysqlError } from './errors.js';
import { mysqlLiteral } from './literals.js';
import { localInfileWorks } from './load-text.js';

const q = dialect.quote;

/** Schema management and the bookkeeping tables; rows are written by MysqlDestination. */
export class MysqlTables {
  private ready: Promise<void> | undefined;
  /** Largest statement we build, from the server's max_allowed_packet. */
  maxStatementChars = 128 << 10;
  /** Rows go by LOAD DATA LOCAL INFILE: allowed by the URL, and found working at init. */
  bulkLoad = false;

  constructor(
    private readonly pool: Pool,
    private readonly settings: DestinationSettings,
    private readonly localInfile: boolean,
  ) {}

  init(): Promise<void> {
    this.ready ??= this.run('prepare the database', async () => {
      for (const t of BOOKKEEPING_TABLES)
        await this.pool.query(createTableSql(dialect, q(t.name), t.columns, t.primaryKey));
      const [rows] = await this.pool.query<RowDataPacket[]>('SELECT @@max_allowed_packet AS packet');
      const packet = Number(rows[0]?.packet ?? 4 << 20);
      // A UTF-16 unit is at most 3 UTF-8 bytes; keep statements well below the packet limit. Past
      // 128 K characters a statement saves no round trip worth its cost: the text of a larger one lives
      // long enough to be copied by the garbage collector (measured: 1 M-character statements cost a
      // quarter more CPU). A batch is a few dozen statements in one transaction.
      this.maxStatementChars = Math.max(64 << 10, Math.min(128 << 10, Math.floor(packet / 3) - (64 << 10)));
      if (this.localInfile) {
        const connection = await this.pool.getConnection();
        try {
          this.bulkLoad = await localInfileWorks(connection);
        } finally {
          connection.release();
        }
        if (!this.bulkLoad) {
          this.settings.logger?.info(
            'LOAD DATA LOCAL INFILE is not available on this MySQL server; writing rows with INSERT statements',
          );
        }
      }
    }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  check = (): Promise<void> => this.init();

  async ensureTable(table: TableSchema): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    await this.init();
    await this.run(`create table "${table.name}"`, async () => {
      await this.pool.query(
        createTableSql(dialect, q(layout.table), tableColumns(layout), layout.primaryKey),
      );
      const [rows] = await this.pool.query<RowDataPacket[]>(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
        [layout.table],
      );
      const existing = rows.map((r) => String(r.name));
      for (const { column, definition } of missingColumns(dialect, layout, existing)) {
        await this.pool.query(`ALTER TABLE ${q(layout.table)} ADD COLUMN ${definition}`);
        logAddedColumn(this.settings.logger, layout, column);
      }
    });
  }

  async readBookmarks(): Promise<Map<string, Bookmark>> {
    await this.init();
    const [rows] = await this.run('read bookmarks', () =>
      this.pool.query<RowDataPacket[]>(`SELECT table_name, bookmark FROM ${q(STATE_TABLE)}`),
    );
    return bookmarksUnder(rows, this.settings.tablePrefix);
  }

  async readCustomFields(): Promise<CustomFieldColumn[]> {
    await this.init();
    const [rows] = await this.run('read the custom-field registry', () =>
      this.pool.query<RowDataPacket[]>(
        `SELECT * FROM ${q(CUSTOM_FIELDS_TABLE)} ORDER BY table_name, column_name`,
      ),
    );
    return rows.flatMap((r) => customFieldFromRow(r, this.settings.tablePrefix) ?? []);
  }

  async writeCustomFields(fields: CustomFieldColumn[]): Promise<void> {
    if (fields.length === 0) return;
    await this.init();
    const now = this.settings.now();
    const tuples = fields.map((f) => customFieldValues(f, this.settings.tablePrefix, now));
    const sql = this.upsertSql(CUSTOM_FIELDS_TABLE, CUSTOM_FIELD_COLUMNS, tuples, [
      'table_name',
      'field_key',
      'column_name',
    ]);
    await this.run('write the custom-field registry', () => this.pool.query(sql));
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.init();
    const sql = this.upsertSql(RUNS_TABLE, RUN_COLUMNS, [runValues(run)], ['run_id']);
    await this.run(`record run ${run.runId}`, () => this.pool.query(sql));
  }

  /** Stores the bookmark on the write transaction's connection. */
  async writeBookmark(
    connection: PoolConnection,
    key: string,
    bookmark: Bookmark,
    at: string,
  ): Promise<void> {
    await connection.query(this.upsertSql(STATE_TABLE, STATE_COLUMNS, [[key, bookmark, at]], ['table_name']));
  }

  /** Multi-row upsert of bookkeeping values; `keep` columns are never overwritten. */
  private upsertSql(table: string, columns: string[], tuples: unknown[][], keep: string[]): string {
    const types = bookkeepingTypes(table, columns);
    const values = tuples.map(
      (t) => `(${t.map((v, i) => mysqlLiteral(types[i]!, v, columns[i]!)).join(', ')})`,
    );
    const update = columns.filter((c) => !keep.includes(c));
    return `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${values.join(', ')}${dialect.upsertClause(keep, update)}`;
  }

  private async run<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mysqlError(action, error);
    }
  }
}
