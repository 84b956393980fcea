import type { ColumnType } from '../../sync/contracts.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

export type BoundValue = string | number | null;
export type SqliteValueEncoder = (value: unknown) => BoundValue;

/**
 * One column's values as better-sqlite3 binds them: numbers, strings or null (booleans become 0/1).
 * Chosen once per column, so a row's values are not dispatched on their type one by one.
 */
export function sqliteValueEncoder(type: ColumnType, column: string): SqliteValueEncoder {
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return (value) => {
        if (typeof value === 'number' && Number.isFinite(value)) return value;
        return isAbsent(type, value) ? null : toNumeric(value, column);
      };
    case 'boolean':
      return (value) => (isAbsent(type, value) ? null : toBoolean(value, column) ? 1 : 0);
    case 'timestamp':
      return (value) => (isAbsent(type, value) ? null : canonicalTimestamp(value, column));
    case 'json':
      return (value) => (isAbsent(type, value) ? null : toJsonText(value));
    default:
      return (value) => {
        // The common case first; '' is text in string/text columns and "no value" in date/time ones.
        if (typeof value === 'string' && value !== '') return value;
        return isAbsent(type, value) ? null : toText(value);
      };
  }
}

/** One value as better-sqlite3 binds it (bookkeeping rows; pages go through values-page.ts). */
export function encodeSqlite(type: ColumnType, value: unknown, column: string): BoundValue {
  return sqliteValueEncoder(type, column)(value);
}
