import type { ColumnType } from '../sync/contracts.js';
import { DestinationError } from '../sync/errors.js';

/**
 * Value conversions shared by the engines. Rows are JSON-compatible: timestamps
 * arrive as ISO strings, json columns as arrays/objects. Each function is total
 * over the inputs a page can hold and throws a DestinationError otherwise.
 */

/**
 * True for values stored as SQL NULL. An empty string in a typed (non-text,
 * non-json) column means "no value" in Pipedrive payloads, not a parse error.
 */
export function isAbsent(type: ColumnType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return value === '' && type !== 'string' && type !== 'text' && type !== 'json';
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ISO_NO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
/** Pipedrive v1 writes "2024-01-31 10:00:00" meaning UTC. */
const SPACE_NO_ZONE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, the one timestamp form every engine receives. */
export function canonicalTimestamp(value: unknown, column: string): string {
  if (typeof value === 'string') {
    if (CANONICAL_ISO.test(value)) return value;
    if (ISO_NO_MILLIS.test(value)) return `${value.slice(0, 19)}.000Z`;
    const text = SPACE_NO_ZONE.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value).toISOString();
  }
  throw invalid(value, column, 'a timestamp');
}

export function toBoolean(value: unknown, column: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  throw invalid(value, column, 'a boolean');
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(value);
}

/** Text for string-like columns: objects become JSON, scalars their string form. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Numbers and numeric strings pass; anything else is a clear error. */
export function toNumeric(value: unknown, column: string): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return value;
  if (typeof value === 'bigint') return value.toString();
  throw invalid(value, column, 'a number');
}

function invalid(value: unknown, column: string, what: string): DestinationError {
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  return new DestinationError(`Column "${column}" expects ${what}, got ${shown}.`, { retryable: false });
}
