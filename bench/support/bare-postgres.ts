import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { planTable, postgresDialect } from '../../src/destinations/index.js';
import { postgresText } from '../../src/destinations/postgres/copy-text.js';
import { TextBytes } from '../../src/destinations/text-bytes.js';
import { encodeTextPage } from '../../src/destinations/text-page.js';
import type { TableSchema } from '../../src/sync/contracts.js';
import { encodeCpu, type BareTarget } from './bare-load.js';
import { readRows } from './table-dump.js';

/**
 * PostgreSQL's limit: the rows already in COPY text (encoded in pages of 500 by the sync's own encoder), one
 * COPY per table into a plain table (no key).
 */

const SCHEMA = 'bench_bare';
const q = postgresDialect.quote;

export async function barePostgres(
  connectionString: string,
  dir: string,
  schemas: TableSchema[],
): Promise<BareTarget> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  return {
    async load(index) {
      const schema = schemas[index]!;
      const layout = planTable(schema, postgresDialect, '');
      const table = `${SCHEMA}.${q(layout.table)}`;
      const defs = layout.columns.map((c) => `${q(c.physical)} ${postgresDialect.columnType(c.type, false)}`);
      await client.query(`CREATE TABLE ${table} (${defs.join(', ')})`);
      const rows = readRows(dir, schema.name);
      const scratch = new TextBytes(postgresText);
      const { value: text, cpuSeconds } = encodeCpu(() => {
        const pages: Buffer[] = [];
        for (let at = 0; at < rows.length; at += 500) {
          pages.push(encodeTextPage('PostgreSQL', scratch, layout, rows.slice(at, at + 500), '\n').text);
        }
        return pages;
      });
      const columns = layout.columns.map((c) => q(c.physical)).join(', ');
      const started = performance.now();
      await pipeline(Readable.from(text), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
      return {
        seconds: (performance.now() - started) / 1000,
        rows: rows.length,
        encodeCpuSeconds: cpuSeconds,
      };
    },
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await client.end();
    },
  };
}
