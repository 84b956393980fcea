/**
 * The two promises a bookmark makes, checked from outside with plain SQL and
 * the simulator's world after every killed or failed run:
 * - it never moves backwards (per endpoint of a table, between any two reads);
 * - rows and bookmark agree: every record the bookmark claims as read (update
 *   time strictly before it) is stored, and no stored row is newer than it
 *   (no rows without their bookmark, no bookmark without its rows).
 * The bookmark is opaque to the engine; the connector stores
 * {"v":1,"since":[ISO per endpoint]}, which this check reads on its own.
 */
import type { RunningSimulator } from '../../src/simulator/index.js';
import type { SimRecord } from '../../src/simulator/world/record.js';
import type { DatabaseReader, SqlRow } from './database-reader.js';
import { readBookmarks } from './database-reader.js';
import { comparable } from './table-checksums.js';

type Bookmarks = Map<string, string>;

/** Epoch ms per endpoint index; null = that endpoint was never read. */
export function sinceOf(bookmark: string | undefined): (number | null)[] {
  if (bookmark === undefined) return [];
  const parsed = JSON.parse(bookmark) as { since?: (string | null)[] };
  return (parsed.since ?? []).map((s) => (s === null ? null : Date.parse(s)));
}

/** Messages for every bookmark that disappeared or moved back between two snapshots. */
export function bookmarkRegressions(before: Bookmarks, after: Bookmarks): string[] {
  const problems: string[] = [];
  for (const [table, old] of before) {
    const now = after.get(table);
    if (now === undefined) {
      problems.push(`${table}: bookmark disappeared (was ${old})`);
      continue;
    }
    const [a, b] = [sinceOf(old), sinceOf(now)];
    a.forEach((value, i) => {
      const next = b[i] ?? null;
      if (value !== null && (next === null || next < value))
        problems.push(`${table}: endpoint ${i} bookmark moved back from ${old} to ${now}`);
    });
  }
  return problems;
}

interface Partition {
  record: (r: SimRecord) => boolean;
  row: (r: SqlRow) => boolean;
}
const everything: Partition = { record: () => true, row: () => true };
const archived = (r: SqlRow | SimRecord): boolean =>
  comparable((r as unknown as SqlRow).is_archived, 'is_archived') === 1;

/** Tables read in update_time order (bookmark = last update time written), by endpoint index. */
const ASCENDING: Record<string, { entity: string; endpoints: Partition[] }> = {
  deals: {
    entity: 'deals',
    endpoints: [
      { record: (r) => !archived(r), row: (r) => !archived(r) },
      { record: archived, row: archived },
    ],
  },
  persons: { entity: 'persons', endpoints: [everything] },
  organizations: { entity: 'organizations', endpoints: [everything] },
  activities: { entity: 'activities', endpoints: [everything] },
  products: { entity: 'products', endpoints: [everything] },
};

export async function rowsAgreeWithBookmarks(
  reader: DatabaseReader,
  sim: RunningSimulator,
  bookmarks: Bookmarks,
): Promise<string[]> {
  const problems: string[] = [];
  const existing = new Set(await reader.tables());
  for (const [table, { entity, endpoints }] of Object.entries(ASCENDING)) {
    const columns = ['id', 'update_time', ...(table === 'deals' ? ['is_archived'] : [])];
    const rows = existing.has(table)
      ? await reader.query(`select ${columns.map(reader.column).join(', ')} from {table}`, table)
      : [];
    const since = sinceOf(bookmarks.get(table));
    endpoints.forEach((partition, i) => {
      const bound = since[i] ?? -Infinity;
      const stored = rows.filter(partition.row);
      const newer = stored.filter((r) => Number(comparable(r.update_time, 'update_time')) * 1000 > bound);
      if (newer.length > 0)
        problems.push(
          `${table}[${i}]: ${newer.length} rows newer than the bookmark (e.g. id ${String(newer[0]?.id)})`,
        );
      const ids = new Set(stored.map((r) => Number(r.id)));
      let missing = 0;
      let example = 0;
      for (const record of sim.world.records(entity)) {
        if (record.is_deleted || !partition.record(record)) continue;
        if (Math.floor(record.update_time / 1000) * 1000 < bound && !ids.has(record.id)) {
          missing += 1;
          example ||= record.id;
        }
      }
      if (missing > 0)
        problems.push(
          `${table}[${i}]: ${missing} records before the bookmark are not stored (e.g. id ${example})`,
        );
    });
  }
  return problems;
}

/** Reads the bookmarks, checks both promises against the previous snapshot, returns the new snapshot. */
export async function checkBookmarks(
  reader: DatabaseReader,
  sim: RunningSimulator,
  previous: Bookmarks,
): Promise<{ bookmarks: Bookmarks; problems: string[] }> {
  const bookmarks = await readBookmarks(reader);
  const problems = [
    ...bookmarkRegressions(previous, bookmarks),
    ...(await rowsAgreeWithBookmarks(reader, sim, bookmarks)),
  ];
  return { bookmarks, problems };
}
