import type { ColumnType, Row } from '../sync/contracts.js';
import { missingKeyError, type TableLayout } from './layout.js';

/** Encodes one value of a column into the engine's text (a COPY field, an SQL literal). */
export type ValueEncoder = (value: unknown) => string;
/** A whole row as its values' texts joined by the engine's separator. */
export type RowEncoder = (row: Row) => string;

/** Code reading one column of `row` by a property access written out by name, the name as a JSON string literal. */
export const readColumn = (name: string): string => `row[${JSON.stringify(name)}]`;

/** Code failing a row that has no value in a primary-key column, with the `missing` function it calls. */
export function keyChecks(layout: TableLayout): { code: string; missing: (i: number) => never } {
  return {
    code: layout.columns
      .map((c, i) => (c.primaryKey ? `if (${readColumn(c.name)} == null) missing(${i});` : ''))
      .join(' '),
    missing: (i) => {
      throw missingKeyError(layout, layout.columns[i]!.name);
    },
  };
}

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
    const checks = keyChecks(layout);
    const values = layout.columns
      .map((c, i) => `e[${i}](${readColumn(c.name)})`)
      .join(` + ${JSON.stringify(separator)} + `);
    const body = `"use strict"; return (e, missing) => (row) => { ${checks.code} return ${values}; };`;
    const make = new Function(body) as () => (e: ValueEncoder[], m: (i: number) => never) => RowEncoder;
    found = make()(
      layout.columns.map((c) => encoderFor(c.type, c.name)),
      checks.missing,
    );
    made.set(layout, found);
    return found;
  };
}
