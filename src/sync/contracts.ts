/**
 * The two seams of a sync: a Source (the Pipedrive connector) and a Destination
 * (SQLite, PostgreSQL, MySQL/MariaDB). The engine in this folder depends only on
 * these types, so the CLI, the demo and the Kubernetes Job all run the same code.
 */

/** Column types a destination knows how to store. Each engine maps them to its own SQL types. */
export type ColumnType =
  | 'string' // short text, indexed-friendly (VARCHAR(255) where the engine needs a length)
  | 'text' // unbounded text
  | 'integer' // 64-bit integer ids and counts
  | 'number' // double precision
  | 'decimal' // exact numeric (money)
  | 'boolean'
  | 'timestamp' // UTC instant, given as an ISO 8601 string ending in Z
  | 'date' // calendar date, given as YYYY-MM-DD
  | 'time' // time of day, given as HH:MM:SS
  | 'json'; // arrays and objects, stored as JSON

export interface Column {
  /** Column name in the destination, snake_case, unique within the table. */
  name: string;
  type: ColumnType;
  /** Human description (custom fields: the field's current name in Pipedrive). */
  description?: string;
  /** For custom-field columns: the Pipedrive field key (hash) the column was derived from. */
  fieldKey?: string;
}

/** A custom field as the destination's `_pipedrive_custom_fields` table records it. */
export interface CustomFieldColumn {
  table: string;
  /** Column (or first of the columns) the field maps to; frozen once written. */
  column: string;
  fieldKey: string;
  /** The field's current name in Pipedrive (updated on rename; the column is not renamed). */
  currentName: string;
  fieldType: string;
  /** Option ids and labels for enum/set fields. */
  options?: { id: number | string; label: string }[];
}

/** One table of the catalog as discovered for a given account. */
export interface TableSchema {
  name: string;
  primaryKey: string[];
  columns: Column[];
  /** True when the table can be read incrementally from a bookmark. */
  incremental: boolean;
  customFields: CustomFieldColumn[];
}

/** Values are JSON-compatible: timestamps as ISO strings, json columns as arrays/objects. */
export type Row = Record<string, unknown>;

/**
 * A page's rows in one destination's own write form (COPY text, INSERT tuples, bound values), made by
 * `Destination.encode` as soon as the page is read. The rows themselves can then be dropped at once
 * instead of living until their batch commits: a sync holds thousands of rows per table in flight, and
 * keeping them as objects made the garbage collector the largest cost of writing.
 */
export interface EncodedPage {
  readonly rowCount: number;
}

/** Opaque per-table progress marker owned by the source; the destination stores it verbatim. */
export type Bookmark = string;

/** One page read from the source, with the bookmark reached once the page is written. */
export interface Page {
  rows: Row[];
  /** Bookmark to commit with these rows; null means "do not move the bookmark". */
  bookmark: Bookmark | null;
  /**
   * Set on the last page of a read that listed every row the API still serves for the table (a full-mode
   * read, or a table without an update filter that is re-read in full every run). Once such a read has
   * been written without error, rows it did not list are gone from Pipedrive: the engine marks them
   * deleted (`Destination.markUnseenDeleted`). Absent on partial (incremental) reads.
   */
  complete?: boolean;
}

export type SyncMode = 'full' | 'incremental';

export interface ReadOptions {
  mode: SyncMode;
  /** The upper bound fixed at run start (Singer's signpost); incremental reads stop there. */
  signpost: Date;
}

export interface CheckResultOk {
  ok: true;
  account: {
    companyId: number;
    companyName: string;
    companyDomain: string;
    userId: number;
    userName: string;
    userEmail?: string;
  };
}
export interface CheckResultFailed {
  ok: false;
  /** CamelCase reason, reused as a Kubernetes condition reason. */
  reason:
    | 'InvalidCredentials'
    | 'Forbidden'
    | 'CompanyDomainMismatch'
    | 'PaymentRequired'
    | 'RateLimited'
    | 'ApiUnavailable';
  message: string;
}
export type CheckResult = CheckResultOk | CheckResultFailed;

/** API usage so far, for progress lines, reports and metrics. */
export interface ApiUsage {
  requests: number;
  tokensSpent: number;
  /** Last seen remaining daily budget (x-ratelimit / x-daily-requests-left headers), if known. */
  dailyTokensRemaining?: number;
  dailyTokensLimit?: number;
  rateLimited: number;
  /** Tokens spent per table so far, when the source can tell (the engine approximates otherwise). */
  tokensByTable?: Record<string, number>;
}

export interface DiscoverOptions {
  /** Custom-field columns already written to the destination: their names are frozen. */
  knownCustomFields: CustomFieldColumn[];
  /** Limit discovery to these tables (default: all). */
  tables?: string[];
}

export interface Source {
  check(): Promise<CheckResult>;
  /** Every table with its columns and types, custom fields included. */
  discover(options: DiscoverOptions): Promise<TableSchema[]>;
  /** Pages of rows; each page carries the bookmark it reaches. */
  read(table: TableSchema, bookmark: Bookmark | null, options: ReadOptions): AsyncIterable<Page>;
  usage(): ApiUsage;
}

export interface RunRecord {
  runId: string;
  startedAt: string;
  finishedAt: string;
  result: 'succeeded' | 'failed' | 'partial';
  rowsPerTable: Record<string, number>;
  message?: string;
}

export interface Destination {
  /** Connects and verifies write access; throws DestinationError otherwise. */
  check(): Promise<void>;
  /** Creates the table or adds missing columns; never drops or retypes. */
  ensureTable(table: TableSchema): Promise<void>;
  /** Bookmarks per table, as committed. */
  readBookmarks(): Promise<Map<string, Bookmark>>;
  readCustomFields(): Promise<CustomFieldColumn[]>;
  /** Inserts or updates the custom-field registry (current names, options). */
  writeCustomFields(fields: CustomFieldColumn[]): Promise<void>;
  /**
   * Turns rows into this destination's write form, stamped with the destination's `now` as their
   * `_synced_at`. Synchronous and CPU-only; call it after `ensureTable` for the table. Throws a
   * DestinationError for a row the table cannot hold (no primary-key value, a value of the wrong type).
   */
  encode(table: TableSchema, rows: Row[]): EncodedPage;
  /**
   * Upserts the pages' rows by primary key (the last row wins where a key repeats) and stores the
   * bookmark, all in one transaction. Pages must come from this destination's `encode`.
   */
  write(table: TableSchema, pages: readonly EncodedPage[], bookmark: Bookmark | null): Promise<void>;
  /**
   * The delete sweep after a complete read: sets `is_deleted = true` (and `_synced_at` to now) on the
   * table's rows not written since `seenSince`, i.e. with `_synced_at < seenSince`, that are not flagged
   * yet; adds a nullable boolean `is_deleted` column first if the table lacks one. Never deletes a row.
   * `seenSince` must come from the clock that stamps `_synced_at` (the destination's `now`) and precede
   * the first write of the read. Returns how many rows it flagged.
   */
  markUnseenDeleted(table: TableSchema, seenSince: Date): Promise<number>;
  /**
   * True when the table holds no row. The engine asks before a run's first write: a table empty then
   * has nothing for the delete sweep to find (every row in it at the end was written by the run), so a
   * first full sync skips the sweep's scan of the whole table.
   */
  isEmpty(table: TableSchema): Promise<boolean>;
  recordRun(run: RunRecord): Promise<void>;
  close(): Promise<void>;
}
