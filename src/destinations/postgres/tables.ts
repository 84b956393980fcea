import type pg from 'pg';
import type {
  Bookmark,
  ColumnType,
  CustomFieldColumn,
  RunRecord,
  TableSchema,
} from '../../sync/contracts.js';
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
import { createTableSql, CUSTOM_FIELDS_TABLE, RUNS_TABLE, STATE_TABLE, upsertRowSql } from '../dialect.js';
import { identifierHash } from '../identifiers.js';
import { logAddedColumn, missingColumns, tableColumns } from '../table-evolution.js';
import { layoutFor } from '../layout.js';
import type { DestinationSettings } from '../settings.js';
import { postgresDialect as dialect } from './dialect.js';
import { postgresError } from './errors.js';

const q = dialect.quote;

/** Schema management and the bookkeeping tables; rows are written by PostgresDestination. */
export class PostgresTables {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly settings: DestinationSettings,
  ) {}

  init(): Promise<void> {
    this.ready ??= this.run('prepare the schema', async () => {
      // Checked first: CREATE SCHEMA needs the database-level CREATE privilege even when the schema exists.
      const found = await this.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (found.rowCount === 0) await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${q(this.schema)}`);
      for (const t of BOOKKEEPING_TABLES)
        await this.pool.query(createTableSql(dialect, this.qualify(t.name), t.columns, t.primaryKey));
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
        createTableSql(dialect, this.qualify(layout.table), tableColumns(layout), layout.primaryKey),
      );
      const { rows } = await this.pool.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
        [this.schema, layout.table],
      );
      const existing = rows.map((r) => r.column_name);
      for (const { column, definition } of missingColumns(dialect, layout, existing)) {
        await this.pool.query(
          `ALTER TABLE ${this.qualify(layout.table)} ADD COLUMN IF NOT EXISTS ${definition}`,
        );
        logAddedColumn(this.settings.logger, layout, column);
      }
    });
  }

  async readBookmarks(): Promise<Map<string, Bookmark>> {
    await this.init();
    const { rows } = await this.run('read bookmarks', () =>
      this.pool.query<{ table_name: string; bookmark: string | null }>(
        `SELECT table_name, bookmark FROM ${this.qualify(STATE_TABLE)}`,
      ),
    );
    return bookmarksUnder(rows, this.settings.tablePrefix);
  }

  async readCustomFields(): Promise<CustomFieldColumn[]> {
    await this.init();
    const { rows } = await this.run('read the custom-field registry', () =>
      this.pool.query(`SELECT * FROM ${this.qualify(CUSTOM_FIELDS_TABLE)} ORDER BY table_name, column_name`),
    );
    return (rows as Record<string, unknown>[]).flatMap(
      (r) => customFieldFromRow(r, this.settings.tablePrefix) ?? [],
    );
  }

  async writeCustomFields(fields: CustomFieldColumn[]): Promise<void> {
    await this.init();
    const now = this.settings.now();
    const text = upsertRowSql(
      dialect,
      this.qualify(CUSTOM_FIELDS_TABLE),
      CUSTOM_FIELD_COLUMNS,
      ['table_name', 'field_key'],
      ['column_name'],
    );
    const types = bookkeepingTypes(CUSTOM_FIELDS_TABLE, CUSTOM_FIELD_COLUMNS);
    await this.run('write the custom-field registry', async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        for (const f of fields) {
          const values = customFieldValues(f, this.settings.tablePrefix, now).map((v, i) =>
            param(types[i]!, v),
          );
          await client.query({ name: `pd_${identifierHash(text)}`, text, values });
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.init();
    const text = upsertRowSql(dialect, this.qualify(RUNS_TABLE), RUN_COLUMNS, ['run_id']);
    const types = bookkeepingTypes(RUNS_TABLE, RUN_COLUMNS);
    const values = runValues(run).map((v, i) => param(types[i]!, v));
    await this.run(`record run ${run.runId}`, () =>
      this.pool.query({ name: `pd_${identifierHash(text)}`, text, values }),
    );
  }

  /** The bookmark upsert as literal SQL, so it can share a round trip with COMMIT. */
  stateUpsertSql(client: pg.ClientBase, key: string, bookmark: Bookmark, at: string): string {
    const literals = [key, bookmark, at].map((v) => client.escapeLiteral(v)).join(', ');
    const columns = STATE_COLUMNS.map(q).join(', ');
    const upsert = dialect.upsertClause(['table_name'], STATE_COLUMNS.slice(1));
    return `INSERT INTO ${this.qualify(STATE_TABLE)} (${columns}) VALUES (${literals})${upsert}`;
  }

  private qualify(table: string): string {
    return `${q(this.schema)}.${q(table)}`;
  }

  private async run<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw postgresError(action, error);
    }
  }
}

/** pg turns JS arrays into PostgreSQL arrays, so json parameters are sent as text. */
function param(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return type === 'json' ? JSON.stringify(value) : value;
}
