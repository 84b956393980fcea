/**
 * discover(): every table of the schema with its built-in columns and, for
 * tables with custom fields, one or more columns per field, named by
 * naming.ts against the destination's frozen names.
 */
import type { Logger } from '../observability/logger.js';
import type { Column, CustomFieldColumn, DiscoverOptions, TableSchema } from '../sync/contracts.js';
import { SyncError } from '../sync/errors.js';
import type { TableSpec } from './catalog/types.js';
import type { FieldDefinitions } from './fields.js';
import { nameCustomFields } from './naming.js';
import type { FieldDefinition } from './naming.js';

export async function discoverTables(
  specs: TableSpec[],
  fields: FieldDefinitions,
  options: DiscoverOptions,
  naming: 'name' | 'key',
  logger?: Logger,
): Promise<TableSchema[]> {
  fields.forget();
  const wanted = options.tables ? new Set(options.tables) : undefined;
  const tables: TableSchema[] = [];
  for (const spec of specs) {
    if (wanted && !wanted.has(spec.name)) continue;
    const builtin: Column[] = spec.columns.map(([name, type]) => ({ name, type }));
    let customFields: CustomFieldColumn[] = [];
    let customColumns: Column[] = [];
    if (spec.customFields) {
      const definitions = await definitionsOrNone(fields, spec, logger);
      const named = nameCustomFields(
        spec.name,
        definitions,
        builtin.map((c) => c.name),
        options.knownCustomFields,
        naming,
      );
      customFields = named.customFields;
      customColumns = named.columns;
    }
    tables.push({
      name: spec.name,
      primaryKey: spec.primaryKey,
      columns: [...builtin, ...customColumns],
      incremental: spec.incremental !== 'full',
      customFields,
    });
  }
  return tables;
}

/** A fields endpoint the account may not use (scope, plan) leaves the table without custom columns. */
async function definitionsOrNone(
  fields: FieldDefinitions,
  spec: TableSpec,
  logger?: Logger,
): Promise<FieldDefinition[]> {
  if (!spec.customFields) return [];
  try {
    return await fields.get(spec.customFields);
  } catch (error) {
    if (error instanceof SyncError && (error.kind === 'forbidden' || error.kind === 'not-found')) {
      logger?.warn('custom fields unavailable', { table: spec.name, error: error.message });
      return [];
    }
    throw error;
  }
}
