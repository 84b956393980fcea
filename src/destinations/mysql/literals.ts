import mysql from 'mysql2';
import type { ColumnType } from '../../sync/contracts.js';
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
      return mysql.escape(toJsonText(value));
    default:
      return mysql.escape(toText(value));
  }
}

/** `2024-01-31T10:00:00.000Z` -> `2024-01-31 10:00:00.000` (DATETIME holds UTC). */
export function mysqlDatetime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
