import type { ColumnType, Row } from '../../sync/contracts.js';
import type { TableLayout } from '../layout.js';
import { rowEncoders, type ValueEncoder } from '../row-encoder.js';
import type { TextFlavor } from '../text-bytes.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from '../values.js';

/**
 * Rows as PostgreSQL COPY text format: tab-separated, `\N` for null, and
 * backslash, newline, carriage return and tab escaped. Pages are written as
 * bytes by text-bytes.ts with `postgresText`; these string encoders are its
 * reference in the tests. Each column gets its encoder once per layout: the
 * per-value type dispatch and the double scan of strings (NUL, then escapes)
 * cost as much as the rest of a write.
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

/** COPY text for text-bytes.ts: the same choices as the encoders below. */
export const postgresText: TextFlavor = {
  nul: 'drop',
  booleans: { true: 't', false: 'f' },
  timestamp: (canonical) => canonical,
  json: jsonWithoutNul,
};

export function copyField(type: ColumnType, value: unknown, column: string): string {
  return encoderFor(type, column)(value);
}

/** COPY lines without their newline: fields joined by tabs. */
export const copyLineEncoder = rowEncoders('\t', encoderFor);

/** Rows as COPY text in ~64 KB chunks (no `_synced_at`), for tests and measurements. */
export function* copyChunks(layout: TableLayout, rows: readonly Row[]): Generator<string> {
  const line = copyLineEncoder(layout);
  let chunk = '';
  for (const row of rows) {
    chunk += line(row) + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
