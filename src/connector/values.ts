/**
 * Normalising single values to a column type: v1's "YYYY-MM-DD HH:MM:SS"
 * and v2's RFC 3339 become the same UTC instant, 0/1 become booleans, and
 * v1 relation objects ({ value: 17, name: ... }) become their id.
 */
import type { ColumnType } from '../sync/contracts.js';

/** v1 relation objects carry the id in `value` (sometimes `id`). */
export function relationId(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if ('value' in object) return object.value;
    if ('id' in object) return object.id;
  }
  return value;
}

const V1_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/;

/** Digits at every position of `text` in [from, to). */
function digits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.mmmZ": what v2 sends, already UTC. Checked by
 * character codes, not a regex, because it runs for every timestamp of every row.
 */
export function isCanonicalInstant(text: string): boolean {
  const length = text.length;
  if (length !== 20 && length !== 24) return false;
  if (text.charCodeAt(length - 1) !== 90 /* Z */) return false;
  if (length === 24 && (text.charCodeAt(19) !== 46 /* . */ || !digits(text, 20, 23))) return false;
  return (
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    digits(text, 0, 4) &&
    digits(text, 5, 7) &&
    digits(text, 8, 10) &&
    digits(text, 11, 13) &&
    digits(text, 14, 16) &&
    digits(text, 17, 19)
  );
}

export function toTimestamp(value: unknown): string | null {
  // Fast path for what v2 sends: already UTC, only the milliseconds may be missing.
  if (typeof value === 'string' && isCanonicalInstant(value)) {
    return value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  }
  if (typeof value === 'number') {
    // Seconds or milliseconds since the epoch; a number no Date can hold is no instant (not a RangeError).
    const date = new Date(value * (value < 1e12 ? 1000 : 1));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (typeof value !== 'string' || value.trim() === '' || value.startsWith('0000-00-00')) return null;
  const text = value.trim();
  // v1 writes UTC without a zone; treat a zone-less time as UTC, never as local time.
  const naive = V1_TIME.exec(text);
  const iso = naive
    ? `${naive[1]}T${naive[2]}${naive[2]?.length === 5 ? ':00' : ''}${naive[3] ?? ''}Z`
    : text;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Fast path: a bare "YYYY-MM-DD" (what both versions send) is its own date.
  if (
    value.length === 10 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    digits(value, 0, 4) &&
    digits(value, 5, 7) &&
    digits(value, 8, 10)
  ) {
    return value.startsWith('0000') ? null : value;
  }
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match && !match[1]?.startsWith('0000') ? (match[1] ?? null) : null;
}

export function toTime(value: unknown): string | null {
  const raw =
    value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
  if (typeof raw !== 'string') return null;
  // Fast path: "HH:MM:SS" (what both versions send) is already the column's form.
  if (
    raw.length === 8 &&
    raw.charCodeAt(2) === 58 &&
    raw.charCodeAt(5) === 58 &&
    digits(raw, 0, 2) &&
    digits(raw, 3, 5) &&
    digits(raw, 6, 8)
  ) {
    return raw;
  }
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(raw.trim());
  if (!match) return null;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`;
}

export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false' || value === '') return false;
  return null;
}

export function toNumber(value: unknown): number | null {
  const raw = relationId(value);
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return null;
}

export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A value shaped for its column; undefined and unparseable values become null. */
export function normalise(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'timestamp':
      return toTimestamp(value);
    case 'date':
      return toDate(value);
    case 'time':
      return toTime(value);
    case 'boolean':
      return toBoolean(value);
    case 'integer': {
      const n = toNumber(value);
      return n === null ? null : Math.trunc(n);
    }
    case 'number':
    case 'decimal':
      return toNumber(value);
    case 'string':
    case 'text':
      return toText(relationIdIfObject(value));
    case 'json':
      return value;
  }
}

/** A string column fed a v1 relation object keeps the id, not the whole object. */
function relationIdIfObject(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) && 'value' in value
    ? relationId(value)
    : value;
}

export type Normaliser = (value: unknown) => unknown;

/**
 * `normalise(value, type)` specialised for one column type, chosen once per column: the common case (a
 * primitive already of the column's type) returns without the switch and the generic checks; anything
 * else goes through `normalise`, so results are identical.
 */
export function normaliserFor(type: ColumnType): Normaliser {
  switch (type) {
    case 'timestamp':
      return (value) => (typeof value === 'string' ? toTimestamp(value) : normalise(value, type));
    case 'date':
      return toDate;
    case 'time':
      return toTime;
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : normalise(value, type));
    case 'integer':
      return (value) =>
        typeof value === 'number'
          ? Number.isFinite(value)
            ? Math.trunc(value)
            : null
          : normalise(value, type);
    case 'number':
    case 'decimal':
      return (value) =>
        typeof value === 'number' ? (Number.isFinite(value) ? value : null) : normalise(value, type);
    case 'string':
    case 'text':
      return (value) => (typeof value === 'string' ? value : normalise(value, type));
    case 'json':
      return (value) => value ?? null;
  }
}

/** A built-in column's value: v1 relation objects give their id (except to JSON columns), then normalised. */
export function columnNormaliserFor(type: ColumnType): Normaliser {
  const fast = normaliserFor(type);
  if (type === 'json') return fast;
  return (value) =>
    value !== null && typeof value === 'object' ? normalise(relationId(value), type) : fast(value);
}
