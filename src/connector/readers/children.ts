/**
 * Child tables (deal products, participants, followers, comments...): walk
 * the parent table from the child's bookmark, so an incremental run only
 * revisits parents changed since then, and fetch their children through the
 * batch endpoint where one exists (deal products: 100 deals per call).
 * Parents whose count column says 0, and deleted parents, cost no call.
 */
import type { Bookmark, Page, ReadOptions, Row, TableSchema } from '../../sync/contracts.js';
import { SyncError } from '../../sync/errors.js';
import type { TableSpec } from '../catalog/types.js';
import { toRow } from '../row-mapping.js';
import { endpointPages } from './pages.js';
import type { RawRow } from './pages.js';
import { scanTable } from './scan.js';
import type { ScanContext } from './scan.js';

function needsChildren(parent: RawRow, countColumn: string | undefined): boolean {
  if (parent.is_deleted === true || parent.deleted === true || parent.status === 'deleted') return false;
  if (parent.active_flag === false) return false;
  if (!countColumn) return true;
  const count = parent[countColumn];
  // Unknown count (the API left the field out): ask rather than guess.
  return typeof count !== 'number' || count > 0;
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
  const hasParentColumn = table.columns.some((c) => c.name === child.parentColumn);
  const effective: ReadOptions = spec.incremental === 'parents' ? options : { ...options, mode: 'full' };
  for await (const parents of scanTable(context, parentSpec, bookmark, effective)) {
    const ids = parents.rows.filter((p) => needsChildren(p, child.countColumn)).map((p) => String(p.id));
    const rows: Row[] = [];
    if (child.batch) {
      for (let i = 0; i < ids.length; i += child.batch.batchSize) {
        const chunk = ids.slice(i, i + child.batch.batchSize);
        const query = { ...endpoint.query, [child.batch.idsParam]: chunk.join(',') };
        const call = { path: endpoint.path, query, table: spec.name };
        for await (const page of endpointPages(context.client, endpoint, call, context.pageSize)) {
          for (const record of page.rows) rows.push(toRow(record, table, spec));
        }
      }
    } else {
      for (const id of ids) {
        const path = endpoint.path.replace('{id}', encodeURIComponent(id));
        const query = { ...endpoint.query, ...(child.parentParam ? { [child.parentParam]: id } : {}) };
        const extra = hasParentColumn
          ? { [child.parentColumn]: Number.isNaN(Number(id)) ? id : Number(id) }
          : {};
        try {
          for await (const page of endpointPages(
            context.client,
            endpoint,
            { path, query, table: spec.name },
            context.pageSize,
          )) {
            for (const record of page.rows) rows.push(toRow(record, table, spec, { extra }));
          }
        } catch (error) {
          // The parent was deleted or purged between the two calls: it has no children to read.
          if (error instanceof SyncError && error.kind === 'not-found') continue;
          throw error;
        }
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
