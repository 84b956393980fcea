import { ApiError } from '../../http/api-types.js';
import type { ApiRequest, ApiResponse } from '../../http/api-types.js';
import { ok } from '../../http/envelope.js';
import type { SimRecord } from '../../world/record.js';
import type { RecordStore } from '../../world/store.js';

/** Parses a positive integer path id or answers 400. */
export function pathId(req: ApiRequest, name = 'id'): number {
  const id = Number(req.params[name]);
  if (!Number.isInteger(id) || id < 1)
    throw new ApiError(400, `Path parameter '${name}' must be a positive integer.`);
  return id;
}

export function notFound(label: string): ApiError {
  return new ApiError(404, `${label} not found`, { additional_data: { code: 'NOT_FOUND' } });
}

/** GET one record by id; 404 once it is gone (including after the 30-day purge). */
export function v2Single<R extends SimRecord>(
  req: ApiRequest,
  store: RecordStore<R>,
  label: string,
  shape: (r: R) => Record<string, unknown>,
  visible: (r: R) => boolean = () => true,
): ApiResponse {
  const record = store.get(pathId(req));
  if (!record || !visible(record)) throw notFound(label);
  return ok(shape(record));
}
