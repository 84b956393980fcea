import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { planTable, sqliteDialect } from '../../src/destinations/index.js';
import { encodeSqlite } from '../../src/destinations/sqlite/encode.js';
import type { TableSchema } from '../../src/sync/contracts.js';
import { encodeCpu, type BareTarget } from './bare-load.js';
import { readRows } from './table-dump.js';

/** SQLite's limit: one prepared INSERT run for every row inside one transaction, same pragmas as the product. */

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
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(`CREATE TABLE ${table} (${defs.join(', ')})`);
      const dumped = readRows(dir, schema.name);
      const { value: rows, cpuSeconds } = encodeCpu(() =>
        dumped.map((row) => layout.columns.map((c) => encodeSqlite(c.type, row[c.name], c.name))),
      );
      const insert = db.prepare(`INSERT INTO ${table} VALUES (${layout.columns.map(() => '?').join(', ')})`);
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
