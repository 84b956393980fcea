import type {
  Bookmark,
  Column,
  ColumnType,
  Destination,
  Row,
  TableSchema,
} from '../../src/sync/contracts.js';
import { planTable, type Dialect, type TableLayout } from '../../src/destinations/index.js';

export interface ContractTable {
  schema: TableSchema;
  layout(dialect: Dialect, prefix?: string): TableLayout;
}

/** Every column type a destination stores. */
export const COLUMN_TYPES: ColumnType[] = [
  'string',
  'text',
  'integer',
  'number',
  'decimal',
  'boolean',
  'timestamp',
  'date',
  'time',
  'json',
];

const BASE: Column[] = [
  { name: 'id', type: 'integer' },
  { name: 'title', type: 'string' },
  { name: 'value', type: 'decimal' },
];

/** A deal-like table: id, title, value, plus `extra` columns, minus `omit`. */
export function aTable(
  name: string,
  extra: Column[] = [],
  omit: string[] = [],
  primaryKey = ['id'],
): ContractTable {
  const schema: TableSchema = {
    name,
    primaryKey,
    incremental: true,
    customFields: [],
    columns: [...BASE, ...extra].filter((c) => !omit.includes(c.name)),
  };
  return { schema, layout: (dialect, prefix = '') => planTable(schema, dialect, prefix) };
}

/** Driver values in one comparable form per column type, whatever the engine returned. */
export function canonical(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return Number(value);
    case 'boolean':
      if (value === true || value === 1 || value === '1') return true;
      if (value === false || value === 0 || value === '0') return false;
      throw new Error(`not a stored boolean: ${String(value)}`);
    case 'timestamp': {
      if (value instanceof Date) return value.toISOString();
      const text = String(value);
      return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();
    }
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    default:
      return value;
  }
}

/** Encodes rows and writes them as one page, as the engine does for each batch. */
export async function writeRows(
  destination: Destination,
  table: TableSchema,
  rows: Row[],
  bookmark: Bookmark | null,
): Promise<void> {
  const pages = rows.length > 0 ? [destination.encode(table, rows)] : [];
  await destination.write(table, pages, bookmark);
}
