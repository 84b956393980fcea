import fc from 'fast-check';
import type { TableSpec } from '../../src/connector/catalog/types.js';
import { nameCustomFields } from '../../src/connector/naming.js';
import type { FieldDefinition } from '../../src/connector/naming.js';
import type { TableSchema } from '../../src/sync/contracts.js';
import { ADDRESS_KEYS, hostileText, looseValue } from './row-mapping-arbitraries.js';

/** A catalog table as discover() gives it for some custom fields, and records of that table to map. */

export function schemaFor(spec: TableSpec, fields: FieldDefinition[], naming: 'name' | 'key'): TableSchema {
  const builtin = spec.columns.map(([name, type]) => ({ name, type }));
  const named = spec.customFields
    ? nameCustomFields(
        spec.name,
        fields,
        builtin.map((c) => c.name),
        [],
        naming,
      )
    : { columns: [], customFields: [] };
  return {
    name: spec.name,
    primaryKey: spec.primaryKey,
    columns: [...builtin, ...named.columns],
    incremental: spec.incremental !== 'full',
    customFields: named.customFields,
  };
}

/** A record with arbitrary JSON in every built-in column and every custom field key (and its v1 suffixes). */
export function recordFor(spec: TableSpec, fields: FieldDefinition[]): fc.Arbitrary<Record<string, unknown>> {
  const builtin = Object.fromEntries(
    spec.columns.map(([name]) => [name, fc.option(looseValue, { nil: undefined })]),
  );
  const custom = Object.fromEntries(
    fields.flatMap((field) => [
      [field.key, fc.option(looseValue, { nil: undefined })],
      ...['currency', 'until', ...ADDRESS_KEYS].map((suffix) => [
        `${field.key}_${suffix}`,
        fc.option(looseValue, { nil: undefined }),
      ]),
    ]),
  );
  const v2Fields = fc.oneof(fc.record(custom, { requiredKeys: [] }), looseValue);
  return fc
    .tuple(
      fc.record(builtin, { requiredKeys: [] }),
      fc.record(custom, { requiredKeys: [] }),
      v2Fields,
      fc.dictionary(hostileText, looseValue, { maxKeys: 3 }),
    )
    .map(
      ([own, v1Custom, v2Custom, noise]) =>
        // Through JSON, as every record arrives: no undefined, NaN or null-prototype objects.
        JSON.parse(
          JSON.stringify({
            ...noise,
            ...own,
            ...(spec.dialect === 'v1' ? v1Custom : { custom_fields: v2Custom }),
          }),
        ) as Record<string, unknown>,
    );
}
