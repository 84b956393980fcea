import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type {
  Bookmark,
  CustomFieldColumn,
  Destination,
  EncodedPage,
  Row,
  RunRecord,
  TableSchema,
} from '../../sync/contracts.js';
import { identifierHash } from '../identifiers.js';
import { layoutFor, type TableLayout } from '../layout.js';
import type { DestinationSettings } from '../settings.js';
import { TextBytes } from '../text-bytes.js';
import { asTextPage, encodeTextPage, lastLinePerKey, type TextBatch, type TextPage } from '../text-page.js';
import { postgresText } from './copy-text.js';
import { postgresDialect as dialect } from './dialect.js';
import { postgresError } from './errors.js';
import { PostgresTables } from './tables.js';
import { sweepSchema, sweepSql } from '../sweep.js';

const q = dialect.quote;
const ENGINE = 'PostgreSQL';
/** SQLSTATE of a duplicate key. */
const UNIQUE_VIOLATION = '23505';
/** Encoding is synchronous, so one growing buffer serves every page of every table. */
const scratch = new TextBytes(postgresText);

/**
 * PostgreSQL through a pg.Pool. Each write: BEGIN; if none of the batch's keys
 * exists yet, COPY the rows straight into the table (under a savepoint: should
 * another writer add one of the keys meanwhile, the COPY fails on the key and
 * the batch takes the next path); otherwise COPY them into a session-local
 * staging table and INSERT ... SELECT ... ON CONFLICT DO UPDATE into the table;
 * then upsert the bookmark and COMMIT. No table lock: one conflicted with
 * autovacuum, which PostgreSQL starts on a table soon after a large load, and
 * stalled the write behind it for up to a second.
 */
export class PostgresDestination implements Destination {
  /** Staging tables already created on each pooled connection. */
  private readonly staged = new WeakMap<pg.PoolClient, Set<string>>();
  private readonly tables: PostgresTables;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly settings: DestinationSettings,
  ) {
    this.tables = new PostgresTables(pool, schema, settings);
  }

  check = (): Promise<void> => this.tables.check();
  ensureTable = (table: TableSchema): Promise<void> => this.tables.ensureTable(table);
  readBookmarks = (): Promise<Map<string, Bookmark>> => this.tables.readBookmarks();
  readCustomFields = (): Promise<CustomFieldColumn[]> => this.tables.readCustomFields();
  writeCustomFields = (fields: CustomFieldColumn[]): Promise<void> => this.tables.writeCustomFields(fields);
  recordRun = (run: RunRecord): Promise<void> => this.tables.recordRun(run);

  encode(table: TableSchema, rows: Row[]): TextPage {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    return encodeTextPage(ENGINE, scratch, layout, rows, `\t${this.settings.now().toISOString()}\n`);
  }

  async write(table: TableSchema, pages: readonly EncodedPage[], bookmark: Bookmark | null): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    const encoded = pages.map((p) => asTextPage(p, ENGINE)).filter((p) => p.rowCount > 0);
    const rowCount = encoded.reduce((n, p) => n + p.rowCount, 0);
    if (rowCount === 0 && bookmark === null) return;
    await this.tables.init();
    const syncedAt = this.settings.now().toISOString();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw postgresError('connect', error);
    }
    let broken: Error | undefined;
    try {
      // Rows and bookmark still commit atomically; only the flush to disk is deferred (a
      // crash loses the last few pages together with their bookmarks, and they are re-read).
      await client.query('BEGIN; SET LOCAL synchronous_commit TO OFF');
      if (rowCount > 0) await this.upsertRows(client, layout, lastLinePerKey(encoded));
      this.settings.hooks?.beforeBookmark?.(table.name);
      // Bookmark and COMMIT travel in one round trip (simple protocol, escaped literals).
      const state =
        bookmark === null ? '' : `${this.tables.stateUpsertSql(client, layout.key, bookmark, syncedAt)}; `;
      await client.query(`${state}COMMIT`);
    } catch (error) {
      // A failed BEGIN..COMMIT also rolls back temp tables created in it.
      this.staged.delete(client);
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw postgresError(`write ${rowCount} rows to table "${table.name}"`, error);
    } finally {
      client.release(broken);
    }
  }

  close = (): Promise<void> => this.pool.end();

  async isEmpty(table: TableSchema): Promise<boolean> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    try {
      const result = await this.pool.query(`SELECT 1 FROM ${q(this.schema)}.${q(layout.table)} LIMIT 1`);
      return result.rows.length === 0;
    } catch (error) {
      throw postgresError(`read table "${table.name}"`, error);
    }
  }

  async markUnseenDeleted(table: TableSchema, seenSince: Date): Promise<number> {
    const schema = sweepSchema(table);
    if (schema !== table) await this.tables.ensureTable(schema);
    await this.tables.init();
    const layout = layoutFor(schema, dialect, this.settings.tablePrefix);
    const sql = sweepSql(dialect, `${q(this.schema)}.${q(layout.table)}`, layout);
    try {
      const result = await this.pool.query(sql, [this.settings.now().toISOString(), seenSince.toISOString()]);
      return result.rowCount ?? 0;
    } catch (error) {
      throw postgresError(`mark unseen rows of table "${table.name}" deleted`, error);
    }
  }

  private async upsertRows(client: pg.PoolClient, layout: TableLayout, batch: TextBatch): Promise<void> {
    const target = `${q(this.schema)}.${q(layout.table)}`;
    const columns = [...layout.columns.map((c) => q(c.physical)), q(layout.syncedAt)].join(', ');
    if (await this.allNew(client, layout, target, batch.keys)) {
      // Nothing to update: one COPY straight into the table does what the upsert would, at half the
      // server's work (no staging table to fill and read back). The common case of a first full sync.
      await client.query('SAVEPOINT pd_direct_copy');
      try {
        await copyIn(client, `${target} (${columns})`, batch.chunks);
        await client.query('RELEASE SAVEPOINT pd_direct_copy');
        return;
      } catch (error) {
        // A key another writer committed since the check: upsert instead. Anything else fails the write.
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
        await client.query('ROLLBACK TO SAVEPOINT pd_direct_copy');
      }
    }
    const stage = q(`_pd_stage_${identifierHash(`${target}(${columns})`)}`);
    let staged = this.staged.get(client);
    if (!staged) this.staged.set(client, (staged = new Set()));
    if (!staged.has(stage)) {
      // ON COMMIT DELETE ROWS: the table lives as long as the connection, emptied by each commit.
      await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${target}) ON COMMIT DELETE ROWS`);
      staged.add(stage);
    }
    await copyIn(client, `${stage} (${columns})`, batch.chunks);
    const update = layout.columns.filter((c) => !c.primaryKey).map((c) => q(c.physical));
    update.push(q(layout.syncedAt));
    const text =
      `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${stage}` +
      ` ON CONFLICT (${layout.primaryKey.map(q).join(', ')}) DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
    await client.query({ name: `pd_${identifierHash(text)}`, text });
  }

  /**
   * True when no row of the batch exists in the table yet (single-column keys only). Another writer may
   * add one before the COPY: the COPY then fails on the key and upsertRows takes the staging path.
   */
  private async allNew(
    client: pg.PoolClient,
    layout: TableLayout,
    target: string,
    keys: readonly unknown[],
  ): Promise<boolean> {
    const keyColumns = layout.columns.filter((c) => c.primaryKey);
    if (keyColumns.length !== 1 || keys.length === 0) return false;
    const key = keyColumns[0]!;
    // Keys the COPY would reject or rewrite (NUL is dropped from text) take the staging path, as before.
    const plain = (v: unknown): boolean =>
      typeof v === 'number' || (typeof v === 'string' && !v.includes('\0'));
    if (!keys.every(plain)) return false;
    const text = `SELECT EXISTS (SELECT 1 FROM ${target} WHERE ${q(key.physical)} = ANY($1::${dialect.columnType(key.type, true)}[])) AS found`;
    const result = await client.query<{ found: boolean }>({
      name: `pd_${identifierHash(text)}`,
      text,
      values: [keys.map(String)],
    });
    return result.rows[0]?.found === false;
  }
}

async function copyIn(client: pg.PoolClient, into: string, chunks: readonly Buffer[]): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${into} FROM STDIN`)));
}
