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

/** The number two ASCII digits at `at` spell, or -1 when either is not a digit. */
function digitPair(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** The number two ASCII digits at `at` spell (the callers checked they are digits). */
const twoDigits = (text: string, at: number): number =>
  (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/** "YYYY-MM-DD" naming a real day from year 1 on (no month 13, no 31 April): what every DATE column takes. */
function isCalendarDay(text: string): boolean {
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
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
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return false;
  // Each field read once, as a number (-1 when not two digits): this runs for every timestamp of every row.
  const hours = digitPair(text, 11);
  const minutes = digitPair(text, 14);
  const seconds = digitPair(text, 17);
  return (
    digitPair(text, 0) >= 0 &&
    digitPair(text, 2) >= 0 &&
    digitPair(text, 5) >= 0 &&
    digitPair(text, 8) >= 0 &&
    // A real day and time of day: "2025-02-30T10:00:00Z" is no instant; the slow path returns null for it.
    isCalendarDay(text) &&
    hours >= 0 &&
    hours < 24 &&
    minutes >= 0 &&
    minutes < 60 &&
    seconds >= 0 &&
    seconds < 60
  );
}

/**
 * The one instant form every engine takes, or null: a Date can reach year 275760 (and below year 1), which
 * toISOString writes as "+275760-..." and no database column accepts (nor year 0000).
 */
function fourDigitYearInstant(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.length === 24 && !iso.startsWith('0000') ? iso : null;
}

export function toTimestamp(value: unknown): string | null {
  // Fast path for what v2 sends: already UTC, only the milliseconds may be missing.
  if (typeof value === 'string' && isCanonicalInstant(value)) {
    return value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  }
  if (typeof value === 'number') {
    // Seconds or milliseconds since the epoch; a number no Date can hold is no instant (not a RangeError).
    return fourDigitYearInstant(new Date(value * (value < 1e12 ? 1000 : 1)));
  }
  if (typeof value !== 'string' || value.trim() === '' || value.startsWith('0000-00-00')) return null;
  const text = value.trim();
  // v1 writes UTC without a zone; treat a zone-less time as UTC, never as local time.
  const naive = V1_TIME.exec(text);
  const iso = naive
    ? `${naive[1]}T${naive[2]}${naive[2]?.length === 5 ? ':00' : ''}${naive[3] ?? ''}Z`
    : text;
  // Date() rolls an impossible day over (February 30 becomes March 2): such a text is no instant.
  if (/^\d{4}-\d{2}-\d{2}/.test(iso) && !isCalendarDay(iso)) return null;
  return fourDigitYearInstant(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso));
}

/** "HH:MM:SS" within one day, or null: an engine's TIME column rejects 25:61:99. */
function timeOfDay(hours: string, minutes: string, seconds: string): string | null {
  return Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60
    ? `${hours}:${minutes}:${seconds}`
    : null;
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
    return isCalendarDay(value) ? value : null;
  }
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match?.[1] !== undefined && isCalendarDay(match[1]) ? match[1] : null;
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
    // Within one day it is its own value: no substrings to build.
    return twoDigits(raw, 0) < 24 && twoDigits(raw, 3) < 60 && twoDigits(raw, 6) < 60 ? raw : null;
  }
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(raw.trim());
  if (!match) return null;
  return timeOfDay((match[1] ?? '').padStart(2, '0'), match[2] ?? '', match[3] ?? '00');
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

/** 2^63: integer columns are 64-bit (BIGINT); a larger magnitude is no id or count, and no engine stores it. */
const INT64_LIMIT = 2 ** 63;

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
      return n === null || !(Math.abs(n) < INT64_LIMIT) ? null : Math.trunc(n);
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
          ? Math.abs(value) < INT64_LIMIT
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
