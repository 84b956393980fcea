import { parseDestinationUrl } from '../../src/destinations/index.js';
import type { WorkerJob, WorkerResult } from './worker-job.js';
import { readSchemas } from './table-dump.js';
import { bareMysql } from './bare-mysql.js';
import { barePostgres } from './bare-postgres.js';
import { bareSqlite } from './bare-sqlite.js';

/**
 * The physical limit of writing rows into each engine, used as the second baseline of the load benchmarks:
 * plain tables (same columns and types, no key), rows encoded beforehand, and only the engine's cheapest bulk
 * path timed: PostgreSQL one COPY per table, MariaDB multi-row INSERTs of 1,000, SQLite one prepared INSERT
 * in one transaction. The CPU of encoding the rows is measured on its own (encodeCpu), with the encoder the
 * sync uses for PostgreSQL and SQLite and the INSERT text for MariaDB.
 */

/** CPU seconds of this process spent in `encode`, and its result. */
export function encodeCpu<T>(encode: () => T): { value: T; cpuSeconds: number } {
  const before = process.cpuUsage();
  const value = encode();
  const spent = process.cpuUsage(before);
  return { value, cpuSeconds: (spent.user + spent.system) / 1e6 };
}

export interface BareTarget {
  /** Loads one table's rows; returns the seconds spent in the timed part and the CPU spent encoding before it. */
  load(schemaIndex: number): Promise<{ seconds: number; rows: number; encodeCpuSeconds: number }>;
  close(): Promise<void>;
}

export async function bareLoad(job: Extract<WorkerJob, { kind: 'bare' }>): Promise<Partial<WorkerResult>> {
  const schemas = readSchemas(job.dir).filter((s) => job.tables.includes(s.name));
  const url = parseDestinationUrl(job.destination);
  const target =
    url.engine === 'postgres'
      ? await barePostgres(url.connectionString, job.dir, schemas)
      : url.engine === 'mysql'
        ? await bareMysql(url, job.dir, schemas)
        : bareSqlite(url.path, job.dir, schemas);
  let seconds = 0;
  let rows = 0;
  let encodeCpuSeconds = 0;
  try {
    for (let i = 0; i < schemas.length; i += 1) {
      const loaded = await target.load(i);
      seconds += loaded.seconds;
      rows += loaded.rows;
      encodeCpuSeconds += loaded.encodeCpuSeconds;
    }
  } finally {
    await target.close();
  }
  return { seconds, rows, encodeCpuSeconds };
}
