import type { Bookmark, ColumnType, CustomFieldColumn, RunRecord } from '../sync/contracts.js';
import { CUSTOM_FIELDS_TABLE, RUNS_TABLE, STATE_TABLE, type DdlColumn } from './dialect.js';

/**
 * The destination's own tables, as data. They are not prefixed: the table prefix
 * is part of the key stored in `table_name`, so several prefixes can share a schema.
 */
export interface BookkeepingTable {
  name: string;
  columns: DdlColumn[];
  primaryKey: string[];
}

const col = (physical: string, type: DdlColumn['type'], primaryKey = false): DdlColumn => ({
  physical,
  type,
  primaryKey,
});

export const BOOKKEEPING_TABLES: BookkeepingTable[] = [
  {
    name: STATE_TABLE,
    columns: [col('table_name', 'string', true), col('bookmark', 'text'), col('updated_at', 'timestamp')],
    primaryKey: ['table_name'],
  },
  {
    name: CUSTOM_FIELDS_TABLE,
    columns: [
      col('table_name', 'string', true),
      col('column_name', 'string'),
      col('field_key', 'string', true),
      col('current_name', 'text'),
      col('field_type', 'string'),
      col('options', 'json'),
      col('updated_at', 'timestamp'),
    ],
    primaryKey: ['table_name', 'field_key'],
  },
  {
    name: RUNS_TABLE,
    columns: [
      col('run_id', 'string', true),
      col('started_at', 'timestamp'),
      col('finished_at', 'timestamp'),
      col('result', 'string'),
      col('rows_per_table', 'json'),
      col('message', 'text'),
    ],
    primaryKey: ['run_id'],
  },
];

export const STATE_COLUMNS = ['table_name', 'bookmark', 'updated_at'];
/** column_name is frozen once written, so it is inserted but never updated. */
export const CUSTOM_FIELD_COLUMNS = [
  'table_name',
  'field_key',
  'column_name',
  'current_name',
  'field_type',
  'options',
  'updated_at',
];
export const RUN_COLUMNS = ['run_id', 'started_at', 'finished_at', 'result', 'rows_per_table', 'message'];

/** Parameter values in CUSTOM_FIELD_COLUMNS order; json/timestamps as the engine encodes them. */
export function customFieldValues(field: CustomFieldColumn, prefix: string, now: Date): unknown[] {
  return [
    prefix + field.table,
    field.fieldKey,
    field.column,
    field.currentName,
    field.fieldType,
    field.options ?? null,
    now.toISOString(),
  ];
}

export function runValues(run: RunRecord): unknown[] {
  return [run.runId, run.startedAt, run.finishedAt, run.result, run.rowsPerTable, run.message ?? null];
}

/** A stored registry row back to the contract type; options may come back as JSON text. */
export function customFieldFromRow(
  row: Record<string, unknown>,
  prefix: string,
): CustomFieldColumn | undefined {
  const table = String(row.table_name);
  if (!table.startsWith(prefix)) return undefined;
  const options = typeof row.options === 'string' ? (JSON.parse(row.options) as unknown) : row.options;
  const field: CustomFieldColumn = {
    table: table.slice(prefix.length),
    column: String(row.column_name),
    fieldKey: String(row.field_key),
    currentName: String(row.current_name),
    fieldType: String(row.field_type),
  };
  if (Array.isArray(options)) field.options = options as CustomFieldColumn['options'];
  return field;
}

/** Column types of a bookkeeping table, in the given column order. */
export function bookkeepingTypes(table: string, columns: string[]): ColumnType[] {
  const def = BOOKKEEPING_TABLES.find((t) => t.name === table);
  return columns.map((c) => def?.columns.find((d) => d.physical === c)?.type ?? 'text');
}

/** The state table's rows as bookmarks per table, for the tables under `prefix` (the key without it). */
export function bookmarksUnder(
  rows: Iterable<Record<string, unknown>>,
  prefix: string,
): Map<string, Bookmark> {
  const out = new Map<string, Bookmark>();
  for (const r of rows) {
    const name = String(r.table_name);
    if (name.startsWith(prefix) && r.bookmark !== null && r.bookmark !== undefined)
      out.set(name.slice(prefix.length), String(r.bookmark));
  }
  return out;
}
