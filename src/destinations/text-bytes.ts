import type { ColumnType, Row } from '../sync/contracts.js';
import type { TableLayout } from './layout.js';
import { keyChecks, readColumn } from './row-encoder.js';
import { canonicalTimestamp, isAbsent, toBoolean, toJsonText, toNumeric, toText } from './values.js';

/**
 * How an engine's bulk-load text differs from the next one's. Both PostgreSQL's
 * COPY and MySQL's LOAD DATA read tab-separated lines with `\N` for null and
 * backslash escapes for backslash, tab, newline and carriage return.
 */
export interface TextFlavor {
  /** NUL in text: dropped (PostgreSQL text cannot hold it) or written as the `\0` escape (MySQL). */
  nul: 'drop' | 'escape';
  booleans: { true: string; false: string };
  /** A timestamp column's value from its canonical `YYYY-MM-DDTHH:MM:SS.sssZ` form. */
  timestamp: (canonical: string) => string;
  /** A json column's value from its JSON text. */
  json: (text: string) => string;
}

/** The `sep` of a line's last field: nothing follows it but the line's end. */
export const NO_SEPARATOR = -1;
const TAB = 0x09;

/** Per ASCII code: 0 to copy it, the letter after a backslash to escape it, or DROP. */
const DROP = 0xff;
function escapes(nul: TextFlavor['nul']): Uint8Array {
  const escaped = new Uint8Array(128);
  escaped[0x5c] = 0x5c; // \ -> \\
  escaped[0x09] = 0x74; // tab -> \t
  escaped[0x0a] = 0x6e; // newline -> \n
  escaped[0x0d] = 0x72; // carriage return -> \r
  escaped[0x00] = nul === 'drop' ? DROP : 0x30; // NUL -> \0
  return escaped;
}

/**
 * Bulk-load text written straight into bytes: UTF-8 encoded and escaped in one
 * pass over each value's characters (copy-text.ts, the text encoder for
 * PostgreSQL, is the tests' oracle). Building a line by string concatenation
 * made a tree of ~140 string pieces per row that then had to be flattened and
 * encoded again: that cost as much as encoding the values, and it was garbage.
 */
export class TextBytes {
  private bytes = new Uint8Array(1 << 20);
  private at = 0;
  private readonly escaped: Uint8Array;

  constructor(readonly flavor: TextFlavor) {
    this.escaped = escapes(flavor.nul);
  }

  /** Drops whatever a page that failed half-way left behind. */
  start(): void {
    this.at = 0;
  }

  /**
   * Text escaped: `\`, newline, carriage return and tab get a backslash; NUL per the flavor. Every write
   * ends with `sep` (the field separator; NO_SEPARATOR after a line's last field): one call per field
   * instead of two, which mattered at ~70 fields per row.
   */
  text(value: string, sep: number): void {
    const n = value.length;
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units; an escape 2 for 1).
    this.room(3 * n + 1);
    const b = this.bytes;
    const escapedOf = this.escaped;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) {
        const escaped = escapedOf[c]!;
        if (escaped === 0) b[at++] = c;
        else if (escaped !== DROP) {
          b[at++] = 92;
          b[at++] = escaped;
        } else {
          // A NUL to drop: start over without it (this.at has not moved), so the characters around it
          // can pair up as they do in copy-text.ts.
          return this.text(value.replace(/\0/g, ''), sep);
        }
      } else if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const p = 0x10000 + ((c - 0xd800) << 10) + (value.charCodeAt(++i) - 0xdc00);
        b[at++] = 0xf0 | (p >> 18);
        b[at++] = 0x80 | ((p >> 12) & 0x3f);
        b[at++] = 0x80 | ((p >> 6) & 0x3f);
        b[at++] = 0x80 | (p & 0x3f);
      } else {
        // A lone surrogate becomes U+FFFD, as Buffer.from does.
        const u = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
        b[at++] = 0xe0 | (u >> 12);
        b[at++] = 0x80 | ((u >> 6) & 0x3f);
        b[at++] = 0x80 | (u & 0x3f);
      }
    }
    if (sep !== NO_SEPARATOR) b[at++] = sep;
    this.at = at;
  }

  /** Text known to be ASCII with nothing to escape: digits, timestamps, `\N`. */
  ascii(value: string, sep: number): void {
    const n = value.length;
    this.room(n + 1);
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = value.charCodeAt(i);
    if (sep !== NO_SEPARATOR) b[at++] = sep;
    this.at = at;
  }

  /**
   * A safe integer's decimal digits, as String() writes them, without making the string: ids and counts
   * are a third of all fields, and each String() was a string allocated only to be copied here.
   */
  integer(value: number, sep: number): void {
    this.room(18);
    const b = this.bytes;
    let at = this.at;
    let n = value;
    if (n < 0) {
      b[at++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let limit = 10; limit <= n; limit *= 10) digits++;
    at += digits;
    for (let i = at - 1; n >= 10; i--) {
      const rest = Math.floor(n / 10);
      b[i] = 0x30 + (n - rest * 10);
      n = rest;
    }
    b[at - digits] = 0x30 + n;
    if (sep !== NO_SEPARATOR) b[at++] = sep;
    this.at = at;
  }

  /** The bytes written since the last take, copied out (the buffer is reused for the next page). */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.at);
    out.set(this.bytes.subarray(0, this.at));
    this.at = 0;
    return out;
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
}

type FieldWriter = (value: unknown, out: TextBytes, sep: number) => void;
const NULL = '\\N';

function fieldWriter(type: ColumnType, column: string, flavor: TextFlavor): FieldWriter {
  const { booleans, timestamp, json } = flavor;
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return (value, out, sep) => {
        if (typeof value === 'number' && Number.isSafeInteger(value)) out.integer(value, sep);
        else if (typeof value === 'number' && Number.isFinite(value)) out.ascii(String(value), sep);
        else if (isAbsent(type, value)) out.ascii(NULL, sep);
        else out.text(String(toNumeric(value, column)), sep);
      };
    case 'boolean':
      return (value, out, sep) =>
        out.ascii(
          isAbsent(type, value) ? NULL : toBoolean(value, column) ? booleans.true : booleans.false,
          sep,
        );
    case 'timestamp':
      return (value, out, sep) =>
        out.ascii(isAbsent(type, value) ? NULL : timestamp(canonicalTimestamp(value, column)), sep);
    case 'json':
      return (value, out, sep) => {
        if (isAbsent(type, value)) out.ascii(NULL, sep);
        else out.text(json(toJsonText(value)), sep);
      };
    default:
      return (value, out, sep) => {
        // '' is text in string/text columns and "no value" in date/time ones.
        if (typeof value === 'string' && value !== '') out.text(value, sep);
        else if (isAbsent(type, value)) out.ascii(NULL, sep);
        else out.text(toText(value), sep);
      };
  }
}

/** Writes one row's line, `end` (the `_synced_at` field and the newline) included. */
export type LineWriter = (row: Row, out: TextBytes, end: string) => void;

const made = new WeakMap<TextFlavor, WeakMap<TableLayout, LineWriter>>();

/**
 * One generated function per layout, reading each column by a property access written out by name, as
 * row-encoder.ts does for text (same reasons: monomorphic reads; names only as JSON string literals).
 */
export function lineWriter(layout: TableLayout, flavor: TextFlavor): LineWriter {
  let byLayout = made.get(flavor);
  if (!byLayout) made.set(flavor, (byLayout = new WeakMap()));
  let found = byLayout.get(layout);
  if (found) return found;
  const checks = keyChecks(layout);
  const last = layout.columns.length - 1;
  const fields = layout.columns
    .map((c, i) => `w[${i}](${readColumn(c.name)}, out, ${i === last ? NO_SEPARATOR : TAB});`)
    .join(' ');
  const body = `"use strict"; return (w, missing) => (row, out, end) => { ${checks.code} ${fields} out.ascii(end, ${NO_SEPARATOR}); };`;
  const make = new Function(body) as () => (w: FieldWriter[], m: (i: number) => never) => LineWriter;
  found = make()(
    layout.columns.map((c) => fieldWriter(c.type, c.name, flavor)),
    checks.missing,
  );
  byLayout.set(layout, found);
  return found;
}
