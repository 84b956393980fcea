import { ApiError } from '../../http/api-types.js';
import type { ApiRequest, ApiResponse } from '../../http/api-types.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import { limitParam, v1TimeParam } from '../../http/query.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import type { SimRecord } from '../../world/record.js';
import type { RecordStore } from '../../world/store.js';
import type { World } from '../../world/world.js';

export interface V1ListSpec<R extends SimRecord> {
  world: World;
  store: RecordStore<R>;
  filter(req: ApiRequest): (record: R) => boolean;
  shape(req: ApiRequest, rel: RelatedObjects): (record: R) => Record<string, unknown>;
  /** v1 names that differ from the record field (e.g. deal `user_id` is `owner_id`). */
  sortAliases?: Record<string, string>;
  maxLimit?: number;
  related?: boolean;
}

/** Parses v1 `sort=field DIR` (first field only; later fields are tie-breakers we replace with id). */
export function v1Sort(
  req: ApiRequest,
  aliases: Record<string, string> = {},
): { key: string; desc: boolean } {
  const raw = req.query.get('sort');
  if (!raw) return { key: 'id', desc: false };
  const match = /^\s*([a-z_]+)(?:\s+(ASC|DESC|asc|desc))?/.exec(raw.split(',')[0] ?? '');
  if (!match) throw new ApiError(400, `Parameter 'sort' must look like 'update_time DESC'.`);
  const field = match[1] as string;
  return { key: aliases[field] ?? field, desc: (match[2] ?? 'ASC').toUpperCase() === 'DESC' };
}

/** A v1 offset-paginated list with `related_objects`. */
export function v1OffsetList<R extends SimRecord>(req: ApiRequest, spec: V1ListSpec<R>): ApiResponse {
  const window = offsetWindow(req.query, spec.maxLimit ?? 500);
  const sort = v1Sort(req, spec.sortAliases);
  const rows = spec.store.scan({
    sortKey: sort.key,
    desc: sort.desc,
    filter: spec.filter(req),
    limit: window.start + window.limit + 1,
  });
  const { page, pagination } = offsetPage(rows, window);
  const rel = new RelatedObjects(spec.world);
  const shape = spec.shape(req, rel);
  const data = page.map(shape);
  return v1Ok(data, { pagination }, spec.related === false ? undefined : rel.toJSON());
}

/** v1 `/collection`: cursor over ids with `since`/`until` on update_time, flat rows, no related objects. */
export function v1CollectionList<R extends SimRecord>(
  req: ApiRequest,
  spec: V1ListSpec<R>,
  entityName: string,
): ApiResponse {
  const limit = limitParam(req.query);
  const since = v1TimeParam(req.query, 'since');
  const until = v1TimeParam(req.query, 'until');
  const after = decodeCursor(req.query.get('cursor'), entityName, 'asc');
  const entityFilter = spec.filter(req);
  const rows = spec.store.scan({
    sortKey: 'id',
    desc: false,
    after: after ? { k: after.id, id: after.id } : undefined,
    filter: (r) =>
      (since === undefined || r.update_time >= since) &&
      (until === undefined || r.update_time < until) &&
      entityFilter(r),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? encodeCursor({ field: entityName, fieldValue: last.id, sortDirection: 'asc', id: last.id })
      : null;
  const rel = new RelatedObjects(spec.world);
  return v1Ok(page.map(spec.shape(req, rel)), { next_cursor: next });
}
