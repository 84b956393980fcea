import type { ColumnType, Row } from '../sync/contracts.js';
import { missingKeyError, type TableLayout } from './layout.js';

/** Encodes one value of a column into the engine's text (a COPY field, an SQL literal). */
export type ValueEncoder = (value: unknown) => string;
/** A whole row as its values' texts joined by the engine's separator. */
export type RowEncoder = (row: Row) => string;

/**
 * Row encoders per layout, for an engine that writes rows as text. Each is one generated function that
 * reads every column by a property access written out by name: rows of a table share one shape, so
 * every read site stays monomorphic, where a loop of keyed reads over 70-odd names was megamorphic (the
 * larger part of encoding). Names appear only as JSON string literals, so no column name can change the
 * code. A row without a value in a primary-key column fails. Made once per layout and kept with it.
 */
export function rowEncoders(
  separator: string,
  encoderFor: (type: ColumnType, column: string) => ValueEncoder,
): (layout: TableLayout) => RowEncoder {
  const made = new WeakMap<TableLayout, RowEncoder>();
  return (layout) => {
    let found = made.get(layout);
    if (found) return found;
    const read = (name: string) => `row[${JSON.stringify(name)}]`;
    const checks = layout.columns
      .map((c, i) => (c.primaryKey ? `if (${read(c.name)} == null) missing(${i});` : ''))
      .join(' ');
    const values = layout.columns
      .map((c, i) => `e[${i}](${read(c.name)})`)
      .join(` + ${JSON.stringify(separator)} + `);
    const body = `"use strict"; return (e, missing) => (row) => { ${checks} return ${values}; };`;
    const missing = (i: number): never => {
      throw missingKeyError(layout, layout.columns[i]!.name);
    };
    const make = new Function(body) as () => (e: ValueEncoder[], m: (i: number) => never) => RowEncoder;
    found = make()(
      layout.columns.map((c) => encoderFor(c.type, c.name)),
      missing,
    );
    made.set(layout, found);
    return found;
  };
}
