/**
 * The table bookmark: for each endpoint of a table (deals: open/won/lost/
 * deleted, then archived) the update_time up to which it has been read.
 * Stored by the destination as an opaque string.
 */
import type { Bookmark } from '../../sync/contracts.js';

export interface TableState {
  /** Inclusive lower bound per endpoint index; missing = never read. */
  since: (string | null)[];
}

export function parseBookmark(bookmark: Bookmark | null): TableState {
  if (!bookmark) return { since: [] };
  try {
    const parsed = JSON.parse(bookmark) as { v?: number; since?: unknown };
    if (parsed.v === 1 && Array.isArray(parsed.since)) {
      return {
        since: parsed.since.map((s) => (typeof s === 'string' && !Number.isNaN(Date.parse(s)) ? s : null)),
      };
    }
  } catch {
    // An unreadable bookmark means a full read; never a crash.
  }
  return { since: [] };
}

export function encodeBookmark(state: TableState): Bookmark {
  return JSON.stringify({ v: 1, since: state.since });
}
