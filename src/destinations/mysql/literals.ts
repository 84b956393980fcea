import mysql from 'mysql2';
import type { ColumnType, Row } from '../../sync/contracts.js';
import { missingKeyError, type TableLayout } from '../layout.js';
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

export type LiteralEncoder = (value: unknown) => string;

function encoderFor(type: ColumnType, column: string): LiteralEncoder {
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

const encoders = new WeakMap<TableLayout, LiteralEncoder[]>();

/** One encoder per column of the layout, made once: rows are encoded column by column. */
export function literalEncoders(layout: TableLayout): LiteralEncoder[] {
  let found = encoders.get(layout);
  if (!found) encoders.set(layout, (found = layout.columns.map((c) => encoderFor(c.type, c.name))));
  return found;
}

type TupleEncoder = (row: Row) => string;

const tuples = new WeakMap<TableLayout, TupleEncoder>();

/**
 * A row's values as `v1, v2, ...`, by one generated function per layout that reads each column by a
 * property access written out by name: rows of a table share one shape, so every read stays
 * monomorphic, where a loop of keyed reads over 70-odd names was megamorphic. Names appear only as
 * JSON string literals, so no column name can change the code. A row without its key fails.
 */
export function tupleEncoder(layout: TableLayout): TupleEncoder {
  let found = tuples.get(layout);
  if (found) return found;
  const read = (name: string) => `row[${JSON.stringify(name)}]`;
  const checks = layout.columns
    .map((c, i) => (c.primaryKey ? `if (${read(c.name)} == null) missing(${i});` : ''))
    .join(' ');
  const values = layout.columns.map((c, i) => `e[${i}](${read(c.name)})`).join(" + ', ' + ");
  const body = `"use strict"; return (e, missing) => (row) => { ${checks} return ${values}; };`;
  const missing = (i: number): never => {
    throw missingKeyError(layout, layout.columns[i]!.name);
  };
  const make = new Function(body) as () => (e: LiteralEncoder[], m: (i: number) => never) => TupleEncoder;
  found = make()(literalEncoders(layout), missing);
  tuples.set(layout, found);
  return found;
}

/** `2024-01-31T10:00:00.000Z` -> `2024-01-31 10:00:00.000` (DATETIME holds UTC). */
export function mysqlDatetime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
