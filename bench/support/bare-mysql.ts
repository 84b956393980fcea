import mysql from 'mysql2/promise';
import type { DestinationUrl } from '../../src/destinations/index.js';
import { mysqlDialect, planTable } from '../../src/destinations/index.js';
import { mysqlLiteral } from '../../src/destinations/mysql/literals.js';
import type { TableSchema } from '../../src/sync/contracts.js';
import { encodeCpu, type BareTarget } from './bare-load.js';
import { readRows } from './table-dump.js';

/** MariaDB's limit: multi-row INSERTs of 1,000 rows, their SQL text built beforehand, into plain tables. */

const BATCH = 1000;
const q = mysqlDialect.quote;
const PREFIX = 'bench_bare_';

export async function bareMysql(
  url: Extract<DestinationUrl, { engine: 'mysql' }>,
  dir: string,
  schemas: TableSchema[],
): Promise<BareTarget> {
  const connection = await mysql.createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
  });
  const tables: string[] = [];
  return {
    async load(index) {
      const schema = schemas[index]!;
      const layout = planTable(schema, mysqlDialect, PREFIX);
      const table = q(layout.table);
      tables.push(table);
      const defs = layout.columns.map((c) => `${q(c.physical)} ${mysqlDialect.columnType(c.type, false)}`);
      await connection.query(`DROP TABLE IF EXISTS ${table}`);
      await connection.query(`CREATE TABLE ${table} (${defs.join(', ')})${mysqlDialect.tableOptions}`);
      const rows = readRows(dir, schema.name);
      const head = `INSERT INTO ${table} (${layout.columns.map((c) => q(c.physical)).join(', ')}) VALUES `;
      const { value: statements, cpuSeconds } = encodeCpu(() => {
        const built: string[] = [];
        for (let at = 0; at < rows.length; at += BATCH) {
          const tuples = rows
            .slice(at, at + BATCH)
            .map(
              (row) => `(${layout.columns.map((c) => mysqlLiteral(c.type, row[c.name], c.name)).join(', ')})`,
            );
          built.push(head + tuples.join(', '));
        }
        return built;
      });
      const started = performance.now();
      for (const sql of statements) await connection.query(sql);
      return {
        seconds: (performance.now() - started) / 1000,
        rows: rows.length,
        encodeCpuSeconds: cpuSeconds,
      };
    },
    async close() {
      for (const table of tables) await connection.query(`DROP TABLE IF EXISTS ${table}`);
      await connection.end();
    },
  };
}
