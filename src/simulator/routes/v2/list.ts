import { ApiError } from '../../http/api-types.js';
import type { ApiRequest, ApiResponse } from '../../http/api-types.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { ok } from '../../http/envelope.js';
import { enumParam, idListParam, limitParam, listParam, rfc3339Param } from '../../http/query.js';
import { compareKeys, sortValue } from '../../world/record.js';
import type { SimRecord } from '../../world/record.js';
import type { RecordStore } from '../../world/store.js';

export interface V2ListSpec<R extends SimRecord> {
  store: RecordStore<R>;
  sortable: readonly string[];
  /** Whether `updated_since` / `updated_until` apply. */
  timeFilters: boolean;
  /** Entity filters from the query; return false to drop a record. */
  filter(req: ApiRequest): (record: R) => boolean;
  shape(req: ApiRequest): (record: R) => Record<string, unknown>;
  idsParam?: string;
}

/** A cursor-paginated v2 list: sort_by/sort_direction, updated_since/until, ids, cursor, limit. */
export function v2List<R extends SimRecord>(req: ApiRequest, spec: V2ListSpec<R>): ApiResponse {
  const { query } = req;
  const limit = limitParam(query);
  const sortKey = enumParam(query, 'sort_by', spec.sortable, 'id');
  const direction = enumParam(query, 'sort_direction', ['asc', 'desc'] as const, 'asc');
  const after = decodeCursor(query.get('cursor'), sortKey, direction);
  const since = spec.timeFilters ? rfc3339Param(query, 'updated_since') : undefined;
  const until = spec.timeFilters ? rfc3339Param(query, 'updated_until') : undefined;
  const ids = idListParam(query, spec.idsParam ?? 'ids');
  const entityFilter = spec.filter(req);
  const filter = (r: R): boolean =>
    (since === undefined || r.update_time >= since) &&
    (until === undefined || r.update_time < until) &&
    entityFilter(r);
  const position = after ? { k: after.fieldValue, id: after.id } : undefined;
  let rows: R[];
  if (ids) {
    const sign = direction === 'desc' ? -1 : 1;
    rows = [...new Set(ids)]
      .map((id) => spec.store.get(id))
      .filter((r): r is R => r !== undefined && filter(r))
      .sort((a, b) => sign * compareKeys(sortValue(a, sortKey), a.id, sortValue(b, sortKey), b.id))
      .filter(
        (r) => !position || sign * compareKeys(sortValue(r, sortKey), r.id, position.k, position.id) > 0,
      )
      .slice(0, limit + 1);
  } else {
    const store = spec.store;
    const monotone = store.isMonotone('update_time');
    rows = store.scan({
      sortKey,
      desc: direction === 'desc',
      after: position,
      filter,
      limit: limit + 1,
      baseFloorId: monotone && since !== undefined ? store.baseIdAtLeast('update_time', since) : undefined,
      baseCeilId: monotone && until !== undefined ? store.baseIdAtLeast('update_time', until) : undefined,
    });
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          field: sortKey,
          fieldValue: sortValue(last, sortKey),
          sortDirection: direction,
          id: last.id,
        })
      : null;
  const shape = spec.shape(req);
  return ok(page.map(shape), { next_cursor: nextCursor });
}

/** `include_fields` validated against the entity's optional fields. */
export function includeFields(req: ApiRequest, allowed: readonly string[]): Set<string> | undefined {
  const names = listParam(req.query, 'include_fields');
  if (!names) return undefined;
  for (const name of names) {
    if (!allowed.includes(name)) throw new ApiError(400, `Unknown include_fields value '${name}'.`);
  }
  return new Set(names);
}

/** `custom_fields` projection (at most 15 keys). */
export function customFieldKeys(req: ApiRequest): Set<string> | undefined {
  const keys = listParam(req.query, 'custom_fields');
  if (!keys) return undefined;
  if (keys.length > 15) throw new ApiError(400, 'Parameter custom_fields accepts at most 15 keys.');
  return new Set(keys);
}

export function numberFilter(req: ApiRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new ApiError(400, `Parameter '${name}' must be an integer.`);
  return n;
}
