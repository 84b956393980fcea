import type { ColumnType, Row } from '../../sync/contracts.js';
import { missingKeyError, type TableLayout } from '../layout.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

/**
 * Rows as PostgreSQL COPY text format: tab-separated, `\N` for null, and
 * backslash, newline, carriage return and tab escaped. Built by string
 * concatenation into ~64 KB chunks so a page costs no per-row arrays.
 */
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const CHUNK_CHARS = 1 << 16;

function escapeCopy(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPES[ch]!) : text;
}

/** PostgreSQL text cannot hold NUL; it is dropped rather than failing the page. */
function withoutNul(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, '') : text;
}

/** jsonb rejects the \u0000 escape; remove it where it is an escape (odd run of backslashes). */
function jsonWithoutNul(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json;
}

export function copyField(type: ColumnType, value: unknown, column: string): string {
  if (isAbsent(type, value)) return '\\N';
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : String(toNumeric(value, column));
    case 'boolean':
      return toBoolean(value, column) ? 't' : 'f';
    case 'timestamp':
      return canonicalTimestamp(value, column);
    case 'json':
      return escapeCopy(jsonWithoutNul(toJsonText(value)));
    default:
      return escapeCopy(withoutNul(toText(value)));
  }
}

export function* copyChunks(layout: TableLayout, rows: readonly Row[]): Generator<string> {
  const columns = layout.columns;
  const width = columns.length;
  let chunk = '';
  for (const row of rows) {
    for (let i = 0; i < width; i++) {
      const c = columns[i]!;
      const value = row[c.name];
      if (c.primaryKey && (value === null || value === undefined)) throw missingKeyError(layout, c.name);
      chunk += i === 0 ? copyField(c.type, value, c.name) : `\t${copyField(c.type, value, c.name)}`;
    }
    chunk += '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Keeps the last row per primary key: one INSERT ... ON CONFLICT cannot touch a row twice. */
export function lastRowPerKey(layout: TableLayout, rows: readonly Row[]): readonly Row[] {
  const keys = layout.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const keyOf =
    keys.length === 1
      ? (row: Row): unknown => row[keys[0]!]
      : (row: Row): unknown => keys.map((k) => String(row[k])).join('\u0001');
  const seen = new Set<unknown>();
  let duplicates = false;
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) duplicates = true;
    seen.add(key);
  }
  if (!duplicates) return rows;
  const last = new Map<unknown, Row>();
  for (const row of rows) {
    const key = keyOf(row);
    last.delete(key);
    last.set(key, row);
  }
  return [...last.values()];
}
