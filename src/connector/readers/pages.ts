/**
 * Walks one endpoint page by page (cursor, offset or a single response) and
 * refuses anything that would silently lose or repeat rows: rows that are not
 * objects, a missing list, a cursor seen before, an offset that does not move
 * forward. The caller only ever sees pages that passed these checks.
 */
import type { ApiCall, ApiClient, Envelope } from '../api-client.js';
import type { Endpoint } from '../catalog/types.js';
import { malformed } from '../http-errors.js';

export type RawRow = Record<string, unknown>;

export interface RawPage {
  rows: RawRow[];
  /** True on the last page of the endpoint. */
  last: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function rowsOf(envelope: Envelope, endpoint: Endpoint, what: string): RawRow[] {
  let data = envelope.data;
  if (endpoint.rowsAt !== undefined) data = isObject(data) ? data[endpoint.rowsAt] : data;
  // v1 answers an empty list with data: null.
  if (data === null || data === undefined) return [];
  if (isObject(data) && endpoint.paging === 'none') return [data];
  if (!Array.isArray(data)) throw malformed(what, `data is ${typeof data}, not a list`);
  for (const row of data) if (!isObject(row)) throw malformed(what, 'a row is not an object');
  return data as RawRow[];
}

interface OffsetInfo {
  more: boolean;
  nextStart?: number;
}

function offsetInfo(envelope: Envelope): OffsetInfo {
  const additional = isObject(envelope.additional_data) ? envelope.additional_data : {};
  // /v1/leads has been seen with the pagination block flat in additional_data.
  const pagination = isObject(additional.pagination) ? additional.pagination : additional;
  const more = pagination.more_items_in_collection === true;
  const next = pagination.next_start;
  return { more, ...(typeof next === 'number' ? { nextStart: next } : {}) };
}

function nextCursor(envelope: Envelope, what: string): string | null {
  const additional = isObject(envelope.additional_data) ? envelope.additional_data : {};
  const cursor = additional.next_cursor;
  if (cursor === null || cursor === undefined || cursor === '') return null;
  if (typeof cursor !== 'string') throw malformed(what, 'next_cursor is not a string');
  return cursor;
}

export async function* endpointPages(
  client: ApiClient,
  endpoint: Endpoint,
  call: Omit<ApiCall, 'version' | 'cost'>,
  pageSize: number,
  /** False when the caller may stop before the end (a descending read reaching its bookmark). */
  ahead = true,
): AsyncGenerator<RawPage> {
  const base: ApiCall = { ...call, version: endpoint.version, cost: endpoint.cost };
  const what = client.describe(base);
  const limit = String(Math.min(pageSize, endpoint.maxLimit));
  if (endpoint.paging === 'none') {
    yield { rows: rowsOf(await client.get(base), endpoint, what), last: true };
    return;
  }
  if (endpoint.paging === 'cursor') {
    const seen = new Set<string>();
    const fetchPage = (cursor: string | null) =>
      started(client.get({ ...base, query: { ...call.query, limit, ...(cursor ? { cursor } : {}) } }));
    let pending = fetchPage(null);
    for (;;) {
      const envelope = await pending;
      const rows = rowsOf(envelope, endpoint, what);
      const cursor = nextCursor(envelope, what);
      if (cursor !== null) {
        if (seen.has(cursor)) throw malformed(what, 'the cursor repeats (the listing never ends)');
        seen.add(cursor);
      }
      // Ask for the next page while the caller maps and writes this one.
      if (cursor !== null && ahead) pending = fetchPage(cursor);
      yield { rows, last: cursor === null };
      if (cursor !== null && !ahead) pending = fetchPage(cursor);
      if (cursor === null) return;
    }
  }
  const fetchOffset = (start: number) =>
    started(client.get({ ...base, query: { ...call.query, start: String(start), limit } }));
  let start = 0;
  let pending = fetchOffset(start);
  for (;;) {
    const envelope = await pending;
    const rows = rowsOf(envelope, endpoint, what);
    const info = offsetInfo(envelope);
    const next = info.more ? (info.nextStart ?? start + rows.length) : undefined;
    if (next !== undefined && next <= start) throw malformed(what, 'pagination does not move forward');
    if (next !== undefined && ahead) pending = fetchOffset(next);
    yield { rows, last: next === undefined };
    if (next !== undefined && !ahead) pending = fetchOffset(next);
    if (next === undefined) return;
    start = next;
  }
}

/**
 * A request started ahead of need. If the caller stops early (a budget stop,
 * a break) nobody awaits it, so its failure must not become an unhandled rejection.
 */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
