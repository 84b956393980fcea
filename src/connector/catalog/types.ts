/**
 * The shape of the table catalog. Tables are data: one generic reader walks
 * any entry, so adding a Pipedrive endpoint is adding a row, not a class.
 */
import type { ColumnType } from '../../sync/contracts.js';

export type ApiVersion = 'v1' | 'v2';

/** How an endpoint pages: v2/v1-collection cursors, v1 start/limit offsets, or everything at once. */
export type Paging = 'cursor' | 'offset' | 'none';

/** Which *Fields endpoint describes a table's custom fields. */
export type FieldEntity = 'deal' | 'person' | 'organization' | 'product' | 'activity' | 'project' | 'lead';

/** Payload dialect: v1 nests relations and puts custom fields at the top level; v2 is flat with `custom_fields`. */
export type Dialect = 'v1' | 'v2';

export interface Endpoint {
  version: ApiVersion;
  /** Path after /api/v1 or /api/v2, e.g. `/deals/archived` or `/deals/{id}/followers`. */
  path: string;
  /** x-token-cost of one call. */
  cost: number;
  paging: Paging;
  /** Largest page the endpoint serves. */
  maxLimit: number;
  /** Fixed query parameters (status lists, include_fields, folders...). */
  query?: Record<string, string>;
  /** Rows are at `data[rowsAt]` instead of `data` (goals/find). */
  rowsAt?: string;
  /** Values merged into every row (is_archived for archived endpoints, a mail folder...). */
  stamp?: Record<string, unknown>;
}

/**
 * How a table is read incrementally:
 * - `updated-since`: the endpoint filters on update_time (inclusive) and sorts ascending;
 * - `descending`: no filter, but it sorts by update_time descending, so a read stops at the bookmark;
 * - `full`: small table, re-read every run;
 * - `parents`: a child table, re-read for the parents changed since the bookmark.
 */
export type IncrementalMode = 'updated-since' | 'descending' | 'full' | 'parents';

export interface ChildSource {
  /** Parent table whose changed rows drive the reads. */
  parent: string;
  /** A batch endpoint takes up to `batchSize` parent ids in `idsParam`; otherwise `{id}` in the path. */
  batch?: { idsParam: string; batchSize: number };
  /** Column in each child row naming its parent (added when the payload lacks it). */
  parentColumn: string;
  /**
   * Parent column that counts children; parents with 0 are skipped (no empty calls). Unused for now:
   * a count that disagrees with the child endpoint would silently drop rows, so we only trust it
   * once it has been checked against the real API.
   */
  countColumn?: string;
  /** Query parameter carrying the parent id instead of the path (organizationRelationships?org_id=). */
  parentParam?: string;
}

export type ColumnSpec = readonly [name: string, type: ColumnType];

export interface TableSpec {
  name: string;
  primaryKey: string[];
  columns: ColumnSpec[];
  /** Read in order; rows of all endpoints land in the same table. */
  endpoints: Endpoint[];
  dialect: Dialect;
  incremental: IncrementalMode;
  /** Endpoint parameter names for the update filter (v2 default: updated_since/updated_until). */
  updateFilter?: { since: string; until?: string };
  /** Sort parameters for incremental reads. */
  sort?: Record<string, string>;
  customFields?: FieldEntity;
  child?: ChildSource;
  /** Built from other tables rather than read (custom_field_definitions). */
  synthetic?: 'custom-field-definitions';
  /** Rename payload keys to columns (v1 `deleted` stays, v2 id-less followers...). */
  rename?: Record<string, string>;
}
