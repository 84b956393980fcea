/**
 * Row-by-row comparison of a destination with the simulator's world, reduced
 * to figures a soak run can print: per table the expected and stored row
 * counts, ids missing, ids extra, rows that differ, duplicate keys, and a
 * SHA-256 over the sorted rows on each side (equal checksums = equal tables).
 * The tables and key fields are those of the end-to-end suite (COMPARED);
 * update_time is added so a stale version of a row also shows.
 */
import { createHash } from 'node:crypto';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { COMPARED } from '../e2e-sync/dataset.js';
import type { DatabaseReader, SqlRow } from './database-reader.js';

export interface TableComparison {
  table: string;
  expectedRows: number;
  storedRows: number;
  missing: number[];
  extra: number[];
  different: number[];
  duplicates: number;
  expectedChecksum: string;
  storedChecksum: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** One comparable form per value whatever the engine returned (Date, bigint, '1', true, 'YYYY-MM-DD HH:MM:SS'). */
export function comparable(value: unknown, field: string): unknown {
  if (value === undefined || value === null) return null;
  if (field.endsWith('_time')) {
    const ms =
      value instanceof Date
        ? value.getTime()
        : typeof value === 'number'
          ? value
          : TIMESTAMP.test(String(value))
            ? Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(String(value)) ? String(value) : `${String(value)}Z`)
            : NaN;
    // The API formats instants to the second.
    return Number.isNaN(ms) ? String(value) : Math.floor(ms / 1000);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

const isDeleted = (row: SqlRow): boolean => comparable(row.is_deleted, 'is_deleted') === 1;

function checksum(rows: Map<number, string>): string {
  const hash = createHash('sha256');
  for (const id of [...rows.keys()].sort((a, b) => a - b)) hash.update(`${rows.get(id)}\n`);
  return hash.digest('hex').slice(0, 16);
}

function project(row: SqlRow, fields: string[]): string {
  return JSON.stringify([comparable(row.id, 'id'), ...fields.map((f) => comparable(row[f], f))]);
}

export async function compareTable(
  reader: DatabaseReader,
  sim: RunningSimulator,
  spec: { table: string; entity: string; fields: string[] },
): Promise<TableComparison> {
  // users carry `modified` instead, in another format; their key fields suffice.
  const fields = spec.table === 'users' ? spec.fields : [...spec.fields, 'update_time'];
  const expected = new Map<number, string>();
  for (const record of sim.world.records(spec.entity)) {
    const row = record as unknown as SqlRow;
    if (!isDeleted(row)) expected.set(record.id, project(row, fields));
  }
  const columns = ['id', ...fields, 'is_deleted'].map(reader.column).join(', ');
  const rows = await reader.query(`select ${columns} from {table}`, spec.table);
  const stored = new Map<number, string>();
  for (const row of rows)
    if (!isDeleted(row)) stored.set(Number(comparable(row.id, 'id')), project(row, fields));
  const duplicates = rows.length - new Set(rows.map((r) => Number(comparable(r.id, 'id')))).size;
  return {
    table: spec.table,
    expectedRows: expected.size,
    storedRows: stored.size,
    missing: [...expected.keys()].filter((id) => !stored.has(id)),
    extra: [...stored.keys()].filter((id) => !expected.has(id)),
    different: [...expected.keys()].filter((id) => stored.has(id) && stored.get(id) !== expected.get(id)),
    duplicates,
    expectedChecksum: checksum(expected),
    storedChecksum: checksum(stored),
  };
}

export async function compareAll(reader: DatabaseReader, sim: RunningSimulator): Promise<TableComparison[]> {
  const out: TableComparison[] = [];
  for (const spec of COMPARED) out.push(await compareTable(reader, sim, spec));
  return out;
}

export function isIdentical(c: TableComparison): boolean {
  return (
    c.missing.length === 0 &&
    c.extra.length === 0 &&
    c.different.length === 0 &&
    c.duplicates === 0 &&
    c.expectedChecksum === c.storedChecksum
  );
}

export function formatComparison(c: TableComparison): string {
  const verdict = isIdentical(c) ? 'identical' : 'DIFFERENT';
  const detail = isIdentical(c)
    ? ''
    : ` missing=${c.missing.length}${c.missing.length ? ` (e.g. ${c.missing.slice(0, 3).join(',')})` : ''}` +
      ` extra=${c.extra.length} different=${c.different.length}${c.different.length ? ` (e.g. ${c.different.slice(0, 3).join(',')})` : ''} duplicates=${c.duplicates}`;
  return `${c.table.padEnd(14)} rows=${String(c.storedRows).padStart(7)}/${String(c.expectedRows).padEnd(7)} sha256 ${c.storedChecksum} vs ${c.expectedChecksum} ${verdict}${detail}`;
}
