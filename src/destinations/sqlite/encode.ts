import type { ColumnType } from '../../sync/contracts.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

/** One value as better-sqlite3 binds it: numbers, strings or null (booleans become 0/1). */
export function encodeSqlite(type: ColumnType, value: unknown, column: string): string | number | null {
  if (isAbsent(type, value)) return null;
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return toNumeric(value, column);
    case 'boolean':
      return toBoolean(value, column) ? 1 : 0;
    case 'timestamp':
      return canonicalTimestamp(value, column);
    case 'json':
      return toJsonText(value);
    default:
      return toText(value);
  }
}
