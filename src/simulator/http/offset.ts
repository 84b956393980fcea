import { ApiError } from './api-types.js';
import { intParam, limitParam } from './query.js';

export interface OffsetWindow {
  start: number;
  limit: number;
}

export interface V1Pagination {
  start: number;
  limit: number;
  more_items_in_collection: boolean;
  next_start?: number;
}

/** v1 `start`/`limit` (default 100; caps differ per endpoint, e.g. files 100, callLogs 50). */
export function offsetWindow(query: URLSearchParams, max = 500, fallback = 100): OffsetWindow {
  const start = intParam(query, 'start') ?? 0;
  if (start < 0) throw new ApiError(400, `Parameter 'start' must not be negative.`);
  return { start, limit: limitParam(query, Math.min(fallback, max), max) };
}

/** Cuts one page from `rows` (which may hold one row past the window to signal more). */
export function offsetPage<T>(
  rows: readonly T[],
  window: OffsetWindow,
): { page: T[]; pagination: V1Pagination } {
  const page = rows.slice(window.start, window.start + window.limit);
  const more = rows.length > window.start + window.limit;
  const pagination: V1Pagination = {
    start: window.start,
    limit: window.limit,
    more_items_in_collection: more,
  };
  if (more) pagination.next_start = window.start + window.limit;
  return { page, pagination };
}
