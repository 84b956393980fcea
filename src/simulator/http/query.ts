import { ApiError } from './api-types.js';

export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ApiError(400, `Parameter '${name}' must be an integer.`);
  return value;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ApiError(400, `Parameter '${name}' must be a boolean.`);
}

/** Comma lists and repeated keys are both accepted (spec form vs the SDK's serialisation). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const all = query.getAll(name).concat(query.getAll(`${name}[]`));
  if (all.length === 0) return undefined;
  const items = all
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

export function idListParam(query: URLSearchParams, name: string, max = 100): number[] | undefined {
  const items = listParam(query, name);
  if (!items) return undefined;
  if (items.length > max) throw new ApiError(400, `Parameter '${name}' accepts at most ${max} ids.`);
  return items.map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new ApiError(400, `Parameter '${name}' must be a list of integers.`);
    return n;
  });
}

/** RFC 3339 timestamps (v2 and the newer v1 filters). */
export function rfc3339Param(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) {
    throw new ApiError(400, `Parameter '${name}' must be an RFC 3339 date-time, e.g. 2025-01-01T10:20:00Z.`);
  }
  return Date.parse(raw);
}

/** v1 `YYYY-MM-DD HH:MM:SS` (UTC) timestamps. */
export function v1TimeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(raw);
  if (!match) throw new ApiError(400, `Parameter '${name}' must look like YYYY-MM-DD HH:MM:SS.`);
  return Date.parse(`${match[1]}T${match[2]}Z`);
}

export function limitParam(query: URLSearchParams, fallback = 100, max = 500): number {
  const limit = intParam(query, 'limit') ?? fallback;
  if (limit < 1) throw new ApiError(400, `Parameter 'limit' must be at least 1.`);
  // Larger limits are clamped to the endpoint maximum rather than rejected.
  return Math.min(limit, max);
}

export function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ApiError(400, `Parameter '${name}' must be one of: ${allowed.join(', ')}.`);
  }
  return raw as T;
}
