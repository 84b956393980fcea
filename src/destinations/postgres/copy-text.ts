import type { ColumnType, Row } from '../../sync/contracts.js';
import type { TableLayout } from '../layout.js';
import { rowEncoders, type ValueEncoder } from '../row-encoder.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

/**
 * Rows as PostgreSQL COPY text format: tab-separated, `\N` for null, and
 * backslash, newline, carriage return and tab escaped. Built by string
 * concatenation into ~64 KB chunks so a page costs no per-row arrays. Each
 * column gets its encoder once per layout: the per-value type dispatch and the
 * double scan of strings (NUL, then escapes) cost as much as the rest of a write.
 */
const SPECIAL = /[\\\n\r\t\0]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const CHUNK_CHARS = 1 << 16;
const NULL = '\\N';

/** PostgreSQL text cannot hold NUL; it is dropped rather than failing the page. */
function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  const kept = text.includes('\0') ? text.replace(/\0/g, '') : text;
  return kept.replace(SPECIAL_ALL, (ch) => ESCAPES[ch]!);
}

/** jsonb rejects the \u0000 escape; remove it where it is an escape (odd run of backslashes). */
function jsonWithoutNul(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json;
}

function encoderFor(type: ColumnType, column: string): ValueEncoder {
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return (value) => {
        if (typeof value === 'number' && Number.isFinite(value)) return String(value);
        return isAbsent(type, value) ? NULL : String(toNumeric(value, column));
      };
    case 'boolean':
      return (value) => (isAbsent(type, value) ? NULL : toBoolean(value, column) ? 't' : 'f');
    case 'timestamp':
      return (value) => (isAbsent(type, value) ? NULL : canonicalTimestamp(value, column));
    case 'json':
      return (value) => (isAbsent(type, value) ? NULL : escapeText(jsonWithoutNul(toJsonText(value))));
    default:
      return (value) => {
        // The common case first; '' is text in string/text columns and "no value" in date/time ones.
        if (typeof value === 'string' && value !== '') return escapeText(value);
        return isAbsent(type, value) ? NULL : escapeText(toText(value));
      };
  }
}

export function copyField(type: ColumnType, value: unknown, column: string): string {
  return encoderFor(type, column)(value);
}

/** COPY lines without their newline: fields joined by tabs. */
const lineEncoderFor = rowEncoders('\t', encoderFor);

/** `suffix`, when given, is appended to every line as one more (already encoded) field. */
export function* copyChunks(layout: TableLayout, rows: readonly Row[], suffix?: string): Generator<string> {
  const line = lineEncoderFor(layout);
  const end = suffix === undefined ? '\n' : `\t${suffix}\n`;
  let chunk = '';
  for (const row of rows) {
    chunk += line(row) + end;
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
