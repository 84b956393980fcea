/**
 * Reads the endpoints of a list table in order, from the bookmark up to the
 * signpost, and says after each page which bookmark it reaches:
 * - update filter (v2 lists, v1 notes/leads): `updated_since` = bookmark
 *   (inclusive), `updated_until` = signpost, update_time ascending, so the
 *   bookmark moves with every page;
 * - descending sort (v1 lists without a filter): stop at the first row older
 *   than the bookmark; the bookmark moves when the endpoint is done;
 * - full: everything, every time.
 * Rows out of order or repeated mean the API broke its promise: the read
 * stops with a malformed-response error before the bookmark passes them.
 */
import type { Bookmark, ReadOptions } from '../../sync/contracts.js';
import type { ApiClient } from '../api-client.js';
import type { Endpoint, TableSpec } from '../catalog/types.js';
import { malformed } from '../http-errors.js';
import { toTimestamp } from '../values.js';
import { encodeBookmark, parseBookmark } from './bookmark.js';
import { endpointPages } from './pages.js';
import type { RawRow } from './pages.js';

export interface ScanPage {
  rows: RawRow[];
  endpoint: Endpoint;
  bookmark: Bookmark | null;
}

export interface ScanContext {
  client: ApiClient;
  pageSize: number;
}

type Order = 'ascending' | 'descending' | 'none';

function endpointOrder(spec: TableSpec, endpoint: Endpoint): Order {
  if (spec.incremental === 'full' || spec.incremental === 'parents') return 'none';
  if (endpoint.query?.sort?.includes('DESC')) return 'descending';
  return spec.incremental === 'updated-since' ? 'ascending' : 'none';
}

/**
 * A row's identity for the duplicate check: a single id as sent (a number or a string; Pipedrive does not
 * mix them within an endpoint), so 200,000 ids need no string conversions; anything else as JSON text.
 */
function keyOf(row: RawRow, spec: TableSpec, what: string): number | string {
  if (spec.primaryKey.length === 1) {
    const id = row[spec.primaryKey[0] ?? 'id'];
    if (id === null || id === undefined) throw malformed(what, 'a row has no id');
    if (typeof id === 'number' || typeof id === 'string') return id;
    return JSON.stringify(id);
  }
  const parts = spec.primaryKey.map((column) => row[column]);
  if (parts.some((part) => part === null || part === undefined)) throw malformed(what, 'a row has no id');
  return JSON.stringify(parts);
}

export async function* scanTable(
  context: ScanContext,
  spec: TableSpec,
  bookmark: Bookmark | null,
  options: ReadOptions,
): AsyncGenerator<ScanPage> {
  const state = parseBookmark(options.mode === 'incremental' ? bookmark : null);
  const signpost = options.signpost.toISOString();
  for (const [index, endpoint] of spec.endpoints.entries()) {
    const order = endpointOrder(spec, endpoint);
    const since = state.since[index] ?? null;
    const query: Record<string, string> = { ...endpoint.query, ...spec.sort };
    const filter = spec.updateFilter;
    // A full read lists everything (no upper bound) so it is complete: rows changed during the
    // run are listed too instead of looking deleted.
    const bounded = options.mode === 'incremental';
    if (order === 'ascending' && filter) {
      if (since) query[filter.since] = since.replace(/\.000Z$/, 'Z');
      if (filter.until && bounded) query[filter.until] = signpost.replace(/\.000Z$/, 'Z');
    }
    const call = { path: endpoint.path, query, table: spec.name };
    const what = context.client.describe({ ...call, version: endpoint.version, cost: endpoint.cost });
    const seen = new Set<number | string>();
    let previous: string | null = null;
    const ahead = order !== 'descending' || since === null;
    for await (const page of endpointPages(context.client, endpoint, call, context.pageSize, ahead)) {
      // The rows kept are a prefix of the page: all of it unless the bookmark or signpost is reached.
      let kept = 0;
      let stop = false;
      for (const row of page.rows) {
        const key = keyOf(row, spec, what);
        // One hash lookup per row instead of two: a key already there leaves the size as it was.
        const size = seen.size;
        seen.add(key);
        if (seen.size === size) throw malformed(what, `row ${key} appears twice`);
        const updated = order === 'none' ? null : toTimestamp(row.update_time);
        if (updated !== null) {
          if (previous !== null && (order === 'ascending' ? updated < previous : updated > previous)) {
            throw malformed(what, `rows are not sorted by update_time (${order})`);
          }
          previous = updated;
          if (order === 'ascending' && bounded && !filter?.until && updated >= signpost) {
            stop = true;
            break;
          }
          if (order === 'descending' && since !== null && updated < since) {
            stop = true;
            break;
          }
        }
        kept += 1;
      }
      const rows = kept === page.rows.length ? page.rows : page.rows.slice(0, kept);
      const done = stop || page.last;
      if (done) state.since[index] = signpost;
      else if (order === 'ascending' && previous !== null) state.since[index] = previous;
      const moves = done || order === 'ascending';
      yield { rows, endpoint, bookmark: moves ? encodeBookmark(state) : null };
      if (done) break;
    }
  }
}
