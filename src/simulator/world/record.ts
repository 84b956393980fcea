/** Fields every simulated record carries; times are epoch milliseconds (shapes format them per version). */
export interface SimRecord {
  id: number;
  add_time: number;
  update_time: number;
  is_deleted: boolean;
  delete_time: number | null;
  /** Custom field values in the v2 encoding, keyed by field hash key. */
  custom?: Record<string, unknown>;
}

export type SortValue = number | string | null;

/** Orders (value, id) pairs; null sorts first, like SQL NULLS FIRST on ascending order. */
export function compareKeys(a: SortValue, aId: number, b: SortValue, bId: number): number {
  if (a !== b) {
    if (a === null) return -1;
    if (b === null) return 1;
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return aId - bId;
}

export function sortValue(record: SimRecord, key: string): SortValue {
  const value = (record as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

export const DAY_MS = 86_400_000;
/** Deleted records stay listable this long, then are purged. */
export const PURGE_AFTER_MS = 30 * DAY_MS;
