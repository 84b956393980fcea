import mysql from 'mysql2';
import type { ColumnType } from '../../sync/contracts.js';
import { rowEncoders, type ValueEncoder } from '../row-encoder.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

/**
 * Values as SQL literals for multi-row INSERTs: one round trip per batch instead
 * of one per row. Strings go through the driver's escaper; the session runs
 * without NO_BACKSLASH_ESCAPES, which that escaper assumes.
 */
export function mysqlLiteral(type: ColumnType, value: unknown, column: string): string {
  if (isAbsent(type, value)) return 'NULL';
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal': {
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return mysql.escape(String(toNumeric(value, column)));
    }
    case 'boolean':
      return toBoolean(value, column) ? '1' : '0';
    case 'timestamp':
      return `'${mysqlDatetime(canonicalTimestamp(value, column))}'`;
    case 'json':
      return quoted(toJsonText(value));
    default:
      return quoted(toText(value));
  }
}

/** What the driver's escaper rewrites; most strings hold none of it and only need quotes. */
// eslint-disable-next-line no-control-regex -- NUL, backspace and Ctrl-Z are exactly what MySQL escapes
const NEEDS_ESCAPE = /[\0\b\t\n\r\x1a"'\\]/;

function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? mysql.escape(text) : `'${text}'`;
}

function encoderFor(type: ColumnType, column: string): ValueEncoder {
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return (value) =>
        typeof value === 'number' && Number.isFinite(value)
          ? String(value)
          : mysqlLiteral(type, value, column);
    case 'string':
    case 'text':
      // The common case first: a string needs no conversion, only the driver's escaper.
      return (value) => (typeof value === 'string' ? quoted(value) : mysqlLiteral(type, value, column));
    default:
      return (value) => mysqlLiteral(type, value, column);
  }
}

/** A row's values as `v1, v2, ...`, for one tuple of a multi-row INSERT. */
export const tupleEncoder = rowEncoders(', ', encoderFor);

/** `2024-01-31T10:00:00.000Z` -> `2024-01-31 10:00:00.000` (DATETIME holds UTC). */
export function mysqlDatetime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
