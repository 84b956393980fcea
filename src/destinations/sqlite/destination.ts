import type Database from 'better-sqlite3';
import type {
  Bookmark,
  CustomFieldColumn,
  Destination,
  EncodedPage,
  Row,
  RunRecord,
  TableSchema,
} from '../../sync/contracts.js';
import {
  BOOKKEEPING_TABLES,
  CUSTOM_FIELD_COLUMNS,
  RUN_COLUMNS,
  STATE_COLUMNS,
  customFieldFromRow,
  bookkeepingTypes,
  bookmarksUnder,
  customFieldValues,
  runValues,
} from '../bookkeeping.js';
import { createTableSql, CUSTOM_FIELDS_TABLE, RUNS_TABLE, STATE_TABLE, upsertRowSql } from '../dialect.js';
import { logAddedColumn, missingColumns, tableColumns } from '../table-evolution.js';
import { layoutFor, type TableLayout } from '../layout.js';
import type { DestinationHooks, DestinationSettings } from '../settings.js';
import { sqliteDialect as dialect } from './dialect.js';
import { encodeSqlite } from './encode.js';
import { sqliteError } from './errors.js';
import { asValuesPage, encodeValuesPage, type BoundValuesPage } from './values-page.js';
import { sweepSchema, sweepSql } from '../sweep.js';

const q = dialect.quote;

/** SQLite through better-sqlite3: synchronous, one transaction per write, cached statements. */
export class SqliteDestination implements Destination {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly hooks: DestinationHooks;
  private ready = false;

  constructor(
    private readonly db: Database.Database,
    private readonly settings: DestinationSettings,
  ) {
    this.hooks = settings.hooks ?? {};
  }

  async check(): Promise<void> {
    this.guard('check the database', () => this.init());
  }

  async ensureTable(table: TableSchema): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    this.guard(`create table "${table.name}"`, () => {
      this.init();
      this.db.exec(createTableSql(dialect, q(layout.table), tableColumns(layout), layout.primaryKey));
      const existing = (
        this.db.prepare(`PRAGMA table_info(${q(layout.table)})`).all() as { name: string }[]
      ).map((c) => c.name);
      for (const { column, definition } of missingColumns(dialect, layout, existing)) {
        this.db.exec(`ALTER TABLE ${q(layout.table)} ADD COLUMN ${definition}`);
        logAddedColumn(this.settings.logger, layout, column);
      }
    });
  }

  async readBookmarks(): Promise<Map<string, Bookmark>> {
    return this.guard('read bookmarks', () => {
      this.init();
      const rows = this.db.prepare(`SELECT table_name, bookmark FROM ${q(STATE_TABLE)}`).all() as Record<
        string,
        unknown
      >[];
      return bookmarksUnder(rows, this.settings.tablePrefix);
    });
  }

  async readCustomFields(): Promise<CustomFieldColumn[]> {
    return this.guard('read the custom-field registry', () => {
      this.init();
      const rows = this.db
        .prepare(`SELECT * FROM ${q(CUSTOM_FIELDS_TABLE)} ORDER BY table_name, column_name`)
        .all();
      return (rows as Record<string, unknown>[]).flatMap(
        (r) => customFieldFromRow(r, this.settings.tablePrefix) ?? [],
      );
    });
  }

  async writeCustomFields(fields: CustomFieldColumn[]): Promise<void> {
    const now = this.settings.now();
    this.guard('write the custom-field registry', () => {
      this.init();
      const stmt = this.statement(
        CUSTOM_FIELDS_TABLE,
        CUSTOM_FIELD_COLUMNS,
        ['table_name', 'field_key'],
        ['column_name'],
      );
      const types = bookkeepingTypes(CUSTOM_FIELDS_TABLE, CUSTOM_FIELD_COLUMNS);
      this.db.transaction(() => {
        for (const f of fields)
          stmt.run(
            customFieldValues(f, this.settings.tablePrefix, now).map((v, i) =>
              encodeSqlite(types[i]!, v, CUSTOM_FIELD_COLUMNS[i]!),
            ),
          );
      })();
    });
  }

  encode(table: TableSchema, rows: Row[]): BoundValuesPage {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    return encodeValuesPage(layout, rows, this.settings.now().toISOString());
  }

  async write(table: TableSchema, pages: readonly EncodedPage[], bookmark: Bookmark | null): Promise<void> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    const encoded = pages.map(asValuesPage);
    const rowCount = encoded.reduce((n, p) => n + p.rowCount, 0);
    if (rowCount === 0 && bookmark === null) return;
    const syncedAt = this.settings.now().toISOString();
    this.guard(`write ${rowCount} rows to table "${table.name}"`, () => {
      this.init();
      this.db.transaction(() => {
        if (rowCount > 0) this.upsertRows(layout, encoded);
        this.hooks.beforeBookmark?.(table.name);
        if (bookmark !== null) {
          this.statement(STATE_TABLE, STATE_COLUMNS, ['table_name']).run(layout.key, bookmark, syncedAt);
        }
      })();
    });
  }

  async isEmpty(table: TableSchema): Promise<boolean> {
    const layout = layoutFor(table, dialect, this.settings.tablePrefix);
    return this.guard(`read table "${table.name}"`, () => {
      return this.db.prepare(`SELECT 1 FROM ${q(layout.table)} LIMIT 1`).get() === undefined;
    });
  }

  async markUnseenDeleted(table: TableSchema, seenSince: Date): Promise<number> {
    const schema = sweepSchema(table);
    if (schema !== table) await this.ensureTable(schema);
    const layout = layoutFor(schema, dialect, this.settings.tablePrefix);
    const now = this.settings.now().toISOString();
    return this.guard(`mark unseen rows of table "${table.name}" deleted`, () => {
      this.init();
      const sql = sweepSql(dialect, q(layout.table), layout);
      return this.db.prepare(sql).run(now, seenSince.toISOString()).changes;
    });
  }

  async recordRun(run: RunRecord): Promise<void> {
    this.guard(`record run ${run.runId}`, () => {
      this.init();
      const types = bookkeepingTypes(RUNS_TABLE, RUN_COLUMNS);
      const values = runValues(run).map((v, i) => encodeSqlite(types[i]!, v, RUN_COLUMNS[i]!));
      this.statement(RUNS_TABLE, RUN_COLUMNS, ['run_id']).run(values);
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private upsertRows(layout: TableLayout, pages: readonly BoundValuesPage[]): void {
    const physical = layout.columns.map((c) => c.physical);
    physical.push(layout.syncedAt);
    const stmt = this.statement(layout.table, physical, layout.primaryKey);
    for (const page of pages) for (const row of page.rows) stmt.run(row);
  }

  /** Upsert statement for a table and column list, prepared once. */
  private statement(
    table: string,
    columns: string[],
    pk: string[],
    insertOnly: string[] = [],
  ): Database.Statement {
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const sql = upsertRowSql(dialect, q(table), columns, pk, insertOnly);
      this.statements.set(key, (stmt = this.db.prepare(sql)));
    }
    return stmt;
  }

  private init(): void {
    if (this.ready) return;
    for (const t of BOOKKEEPING_TABLES)
      this.db.exec(createTableSql(dialect, q(t.name), t.columns, t.primaryKey));
    this.ready = true;
  }

  private guard<T>(action: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw sqliteError(action, error);
    }
  }
}
