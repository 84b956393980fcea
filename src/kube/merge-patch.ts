/**
 * Computes the JSON merge patch (RFC 7386) that turns `before` into `after`:
 * only changed keys, `null` for removed ones, nested objects patched key by key,
 * arrays and scalars replaced whole. An empty patch means nothing changed, so
 * the status write (and the watch event it would cause) can be skipped.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatchFor(before: unknown, after: unknown): Record<string, Json> {
  const patch: Record<string, Json> = {};
  const old = isObject(before) ? before : {};
  const next = isObject(after) ? after : {};
  for (const key of Object.keys(old)) {
    if (old[key] !== undefined && next[key] === undefined) patch[key] = null;
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const previous = old[key];
    if (isObject(value) && isObject(previous)) {
      const nested = mergePatchFor(previous, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (JSON.stringify(previous) !== JSON.stringify(value)) {
      patch[key] = JSON.parse(JSON.stringify(value)) as Json;
    }
  }
  return patch;
}

export function isEmptyPatch(patch: Record<string, unknown>): boolean {
  return Object.keys(patch).length === 0;
}
