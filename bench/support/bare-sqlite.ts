import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { planTable, sqliteDialect } from '../../src/destinations/index.js';
import { encodeValuesPage, type BoundValue } from '../../src/destinations/sqlite/values-page.js';
import type { TableSchema } from '../../src/sync/contracts.js';
import { encodeCpu, type BareTarget } from './bare-load.js';
import { readRows } from './table-dump.js';

/**
 * SQLite's limit: one prepared INSERT run for every row inside one transaction, same pragmas as the product,
 * into a plain table (no key) with the sync's columns and `_synced_at`, the rows encoded by the sync's encoder.
 */

const q = sqliteDialect.quote;

export function bareSqlite(path: string, dir: string, schemas: TableSchema[]): BareTarget {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return {
    async load(index) {
      const schema = schemas[index]!;
      const layout = planTable(schema, sqliteDialect, '');
      const table = q(layout.table);
      const defs = layout.columns.map((c) => `${q(c.physical)} ${sqliteDialect.columnType(c.type, false)}`);
      defs.push(`${q(layout.syncedAt)} ${sqliteDialect.columnType('timestamp', false)}`);
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(`CREATE TABLE ${table} (${defs.join(', ')})`);
      const dumped = readRows(dir, schema.name);
      const syncedAt = new Date().toISOString();
      // In pages of 500, as the sync encodes them.
      const { value: rows, cpuSeconds } = encodeCpu(() => {
        const all: BoundValue[][] = [];
        for (let at = 0; at < dumped.length; at += 500) {
          for (const values of encodeValuesPage(layout, dumped.slice(at, at + 500), syncedAt).rows)
            all.push(values);
        }
        return all;
      });
      const insert = db.prepare(`INSERT INTO ${table} VALUES (${defs.map(() => '?').join(', ')})`);
      const started = performance.now();
      db.transaction(() => {
        for (const values of rows) insert.run(values);
      })();
      return {
        seconds: (performance.now() - started) / 1000,
        rows: rows.length,
        encodeCpuSeconds: cpuSeconds,
      };
    },
    async close() {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
}
