/**
 * Generates the function that builds a table's rows: one object literal with every column, each value read
 * from the record by a property access written out by name. V8 then creates each row with its final shape
 * in one step, and each read site sees one key only, where a loop over 70-odd columns (or one closure per
 * custom field sharing its code with the others) made every keyed read and store megamorphic: that was
 * most of the cost of mapping. The source is compiled once per table plan and set of fixed columns; every
 * name in it is a JSON string literal, so no column name or field key can change the code.
 */
import type { Row } from '../sync/contracts.js';
import type { FieldColumnValue } from './custom-values.js';
import type { Normaliser } from './values.js';

type Payload = Record<string, unknown>;

export interface BuilderPlan {
  builtin: { name: string; nested: boolean }[];
  /** Custom fields by key, each with the columns it writes, in the table's column order. */
  custom: { key: string; columns: FieldColumnValue[] }[];
  /** Every column of the row, in order (built-in ones first); a name listed twice takes the later value. */
  names: string[];
  /** Columns whose value comes from a row-level rule (is_deleted, is_archived) instead of the record. */
  derived: ReadonlySet<string>;
}

/** Per page: the built-in normalisers, the values of fixed columns, the custom column functions, the rules. */
export interface BuilderInputs {
  normalisers: Normaliser[];
  fixed: unknown[];
  custom: FieldColumnValue['value'][];
  derived: Record<string, (record: Payload, nested: Payload | undefined) => unknown>;
}

export type RowBuilder = (record: Payload, nested: Payload | undefined, fields: Payload | undefined) => Row;
export type RowBuilderFactory = (inputs: BuilderInputs) => RowBuilder;

/** A property key in generated source. */
function sourceKey(name: string): string {
  // A literal "__proto__" key would set the prototype instead of creating the column.
  return name === '__proto__' ? '["__proto__"]' : JSON.stringify(name);
}

export function compileRowBuilder(plan: BuilderPlan, fixed: ReadonlySet<string>): RowBuilderFactory {
  const values = new Map<string, string>();
  plan.builtin.forEach((column, i) => {
    const name = JSON.stringify(column.name);
    let value = `n[${i}](record[${name}])`;
    if (plan.derived.has(column.name)) value = `d[${name}](record, nested)`;
    else if (fixed.has(column.name)) value = `v[${i}]`;
    else if (column.nested)
      value = `(nested !== undefined && ${name} in nested ? n[${i}](nested[${name}]) : ${value})`;
    values.set(column.name, value);
  });
  const reads: string[] = [];
  let next = 0;
  plan.custom.forEach((field, k) => {
    reads.push(`const f${k} = fields === undefined ? undefined : fields[${JSON.stringify(field.key)}];`);
    for (const column of field.columns) values.set(column.name, `c[${next++}](f${k}, record)`);
  });
  // A later writer of the same column wins, as it did when columns were written one by one.
  const keys = plan.names.map((name) => `${sourceKey(name)}: ${values.get(name) ?? 'null'}`);
  const body = `"use strict"; return (inputs) => { const n = inputs.normalisers, v = inputs.fixed, c = inputs.custom, d = inputs.derived; return (record, nested, fields) => { ${reads.join(' ')} return {${keys.join(', ')}}; }; };`;
  return new Function(body)() as RowBuilderFactory;
}
