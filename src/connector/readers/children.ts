/**
 * Child tables (deal products, participants, followers, comments...): walk
 * the parent table from the child's bookmark, so an incremental run only
 * revisits parents changed since then, and fetch their children through the
 * batch endpoint where one exists (deal products: 100 deals per call).
 * Parents whose count column says 0, and deleted parents, cost no call.
 */
import type { Bookmark, Page, ReadOptions, Row, TableSchema } from '../../sync/contracts.js';
import { SyncError } from '../../sync/errors.js';
import type { Endpoint, TableSpec } from '../catalog/types.js';
import { rowMapper } from '../row-mapping.js';
import { endpointPages } from './pages.js';
import type { RawRow } from './pages.js';
import { scanTable } from './scan.js';
import type { ScanContext } from './scan.js';

/** Parents that may vanish between the parent page and the child call before we call it an error. */
const MAX_MISSING_PARENTS = 3;

function needsChildren(parent: RawRow, countColumn: string | undefined): boolean {
  if (parent.is_deleted === true || parent.deleted === true || parent.status === 'deleted') return false;
  if (parent.active_flag === false) return false;
  if (!countColumn) return true;
  const count = parent[countColumn];
  // Unknown count (the API left the field out): ask rather than guess.
  return typeof count !== 'number' || count > 0;
}

interface ChildRead {
  context: ScanContext;
  table: TableSchema;
  spec: TableSpec;
  endpoint: Endpoint;
}

async function batchRows(read: ChildRead, ids: string[], rows: Row[]): Promise<void> {
  const { context, table, spec, endpoint } = read;
  const batch = spec.child?.batch;
  if (!batch) return;
  for (let i = 0; i < ids.length; i += batch.batchSize) {
    const query = { ...endpoint.query, [batch.idsParam]: ids.slice(i, i + batch.batchSize).join(',') };
    const call = { path: endpoint.path, query, table: spec.name };
    const toRow = rowMapper(table, spec);
    for await (const page of endpointPages(context.client, endpoint, call, context.pageSize)) {
      for (const record of page.rows) rows.push(toRow(record));
    }
  }
}

/** Returns false when the parent is gone (404). */
async function parentRows(read: ChildRead, id: string, rows: Row[]): Promise<boolean> {
  const { context, table, spec, endpoint } = read;
  const child = spec.child;
  if (!child) return true;
  const path = endpoint.path.replace('{id}', encodeURIComponent(id));
  const query = { ...endpoint.query, ...(child.parentParam ? { [child.parentParam]: id } : {}) };
  const hasParentColumn = table.columns.some((c) => c.name === child.parentColumn);
  const extra = hasParentColumn ? { [child.parentColumn]: Number.isNaN(Number(id)) ? id : Number(id) } : {};
  const toRow = rowMapper(table, spec, { extra });
  try {
    for await (const page of endpointPages(
      context.client,
      endpoint,
      { path, query, table: spec.name },
      context.pageSize,
    )) {
      for (const record of page.rows) rows.push(toRow(record));
    }
    return true;
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'not-found') return false;
    throw error;
  }
}

export async function* readChildren(
  context: ScanContext,
  table: TableSchema,
  spec: TableSpec,
  parentSpec: TableSpec,
  bookmark: Bookmark | null,
  options: ReadOptions,
): AsyncGenerator<Page> {
  const child = spec.child;
  const endpoint = spec.endpoints[0];
  if (!child || !endpoint) return;
  const read: ChildRead = { context, table, spec, endpoint };
  const effective: ReadOptions = spec.incremental === 'parents' ? options : { ...options, mode: 'full' };
  let found = 0;
  let missing = 0;
  for await (const parents of scanTable(context, parentSpec, bookmark, effective)) {
    const ids = parents.rows.filter((p) => needsChildren(p, child.countColumn)).map((p) => String(p.id));
    const rows: Row[] = [];
    if (child.batch) await batchRows(read, ids, rows);
    else {
      for (const id of ids) {
        if (await parentRows(read, id, rows)) found += 1;
        else missing += 1;
      }
      // A parent deleted between the two calls has no children; an endpoint that is missing
      // altogether must fail loudly instead of reading as an empty table.
      if (missing > MAX_MISSING_PARENTS && missing > found) {
        throw new SyncError(
          'not-found',
          `${spec.name}: ${endpoint.path} answered 404 for ${missing} parents`,
        );
      }
    }
    yield { rows: dedupe(rows, table.primaryKey), bookmark: parents.bookmark };
  }
}

/** Relationships are listed from both organisations; keep one row per key. */
function dedupe(rows: Row[], primaryKey: string[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(JSON.stringify(primaryKey.map((k) => row[k])), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}
