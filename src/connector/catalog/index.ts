/**
 * The catalog for a schema: the schema's own tables, the v1-only tables and
 * the synthetic custom-field definitions table.
 */
import { cols } from './columns.js';
import { SHARED_TABLES } from './shared-tables.js';
import type { TableSpec } from './types.js';
import { V1_TABLES } from './v1-tables.js';
import { V2_TABLES } from './v2-tables.js';

export type SchemaVersion = 'V1' | 'V2';

const DEFINITIONS: TableSpec = {
  name: 'custom_field_definitions',
  primaryKey: ['table_name', 'field_key'],
  columns: cols('table_name:s field_key:s column_name:s name:s field_type:s options:j entity:s'),
  endpoints: [],
  dialect: 'v2',
  incremental: 'full',
  synthetic: 'custom-field-definitions',
};

export function catalog(schema: SchemaVersion): TableSpec[] {
  const own = schema === 'V2' ? V2_TABLES : V1_TABLES;
  return [...own, ...SHARED_TABLES, DEFINITIONS].sort((a, b) => a.name.localeCompare(b.name));
}

export function findTable(schema: SchemaVersion, name: string): TableSpec | undefined {
  return catalog(schema).find((table) => table.name === name);
}
