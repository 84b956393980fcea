/**
 * Measures destination write throughput (not a test: prints rows/s, asserts nothing).
 *   ENGINES=sqlite,postgres,mysql N=100000 PAGE=500 npx tsx test/destinations/measure-writes.ts
 * On PostgreSQL it also times a bare COPY of the same rows, per batch and as one stream.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDestination, planTable, postgresDialect } from '../../src/destinations/index.js';
import { copyChunks } from '../../src/destinations/postgres/copy-text.js';
import { writeRows } from '../contract/destination.fixtures.js';
import type { TableSchema, Row } from '../../src/sync/contracts.js';

const N = Number(process.env.N ?? 100_000);
const PAGE = Number(process.env.PAGE ?? 500);
const cols: TableSchema['columns'] = [
  { name: 'id', type: 'integer' },
  { name: 'title', type: 'string' },
  { name: 'value', type: 'decimal' },
  { name: 'currency', type: 'string' },
  { name: 'user_id', type: 'integer' },
  { name: 'person_id', type: 'integer' },
  { name: 'org_id', type: 'integer' },
  { name: 'stage_id', type: 'integer' },
  { name: 'pipeline_id', type: 'integer' },
  { name: 'status', type: 'string' },
  { name: 'add_time', type: 'timestamp' },
  { name: 'update_time', type: 'timestamp' },
  { name: 'close_time', type: 'timestamp' },
  { name: 'won_time', type: 'timestamp' },
  { name: 'lost_reason', type: 'text' },
  { name: 'probability', type: 'number' },
  { name: 'is_deleted', type: 'boolean' },
  { name: 'is_archived', type: 'boolean' },
  { name: 'label_ids', type: 'json' },
  { name: 'expected_close_date', type: 'date' },
  { name: 'visible_to', type: 'string' },
  ...Array.from({ length: 10 }, (_, i) => ({ name: `custom_${i}`, type: 'string' as const })),
];
const schema: TableSchema = {
  name: 'bench_deals',
  primaryKey: ['id'],
  incremental: true,
  customFields: [],
  columns: cols,
};
const rows: Row[] = Array.from({ length: N }, (_, i) => {
  const r: Row = {
    id: i + 1,
    title: `Deal ${i} for Org "${i % 97}"`,
    value: (i * 37.5) % 100000,
    currency: 'EUR',
    user_id: i % 13,
    person_id: i % 5000,
    org_id: i % 1000,
    stage_id: i % 7,
    pipeline_id: i % 2,
    status: i % 3 ? 'open' : 'won',
    add_time: '2024-01-02T03:04:05Z',
    update_time: '2024-06-01T10:00:00Z',
    close_time: null,
    won_time: i % 3 ? null : '2024-07-01T00:00:00Z',
    lost_reason: null,
    probability: null,
    is_deleted: false,
    is_archived: false,
    label_ids: [1, 2],
    expected_close_date: '2024-12-31',
    visible_to: '3',
  };
  for (let c = 0; c < 10; c++) r[`custom_${c}`] = c % 2 ? `option ${i % 11}` : null;
  return r;
});

async function run(url: string): Promise<void> {
  const d = await createDestination(url);
  await d.check();
  await d.ensureTable(schema);
  const t0 = performance.now();
  for (let i = 0; i < N; i += PAGE) await writeRows(d, schema, rows.slice(i, i + PAGE), `b${i}`);
  const t1 = performance.now();
  console.log(`${url.split(':')[0]} insert ${N} rows: ${(N / ((t1 - t0) / 1000)).toFixed(0)} rows/s`);
  for (let i = 0; i < N; i += PAGE) await writeRows(d, schema, rows.slice(i, i + PAGE), `b${i}`);
  const t2 = performance.now();
  console.log(`${url.split(':')[0]} re-upsert ${N} rows: ${(N / ((t2 - t1) / 1000)).toFixed(0)} rows/s`);
  await d.close();
}

const engines = (process.env.ENGINES ?? 'sqlite,postgres,mysql').split(',');
if (engines.includes('sqlite')) await run('sqlite:/tmp/bench-dest/bench.db');
if (engines.includes('postgres')) {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await admin.connect();
  await admin.query('DROP SCHEMA IF EXISTS bench_dest CASCADE');
  await run('postgres://postgres@127.0.0.1:5432/test?schema=bench_dest');
  // Bare COPY of the same rows into an empty table with the same columns and key.
  const layout = planTable(schema, postgresDialect, '');
  await admin.query('CREATE TABLE bench_dest.bare (LIKE bench_dest.bench_deals INCLUDING ALL)');
  const list = layout.columns.map((c) => postgresDialect.quote(c.physical)).join(', ');
  const t0 = performance.now();
  for (let i = 0; i < N; i += PAGE) {
    await admin.query('BEGIN');
    await pipeline(
      Readable.from(copyChunks(layout, rows.slice(i, i + PAGE))),
      admin.query(copyFrom(`COPY bench_dest.bare (${list}) FROM STDIN`)),
    );
    await admin.query('COMMIT');
  }
  const t1 = performance.now();
  console.log(
    `postgres bare COPY per ${PAGE}-row batch ${N} rows: ${(N / ((t1 - t0) / 1000)).toFixed(0)} rows/s`,
  );
  await admin.query('TRUNCATE bench_dest.bare');
  const t2 = performance.now();
  await pipeline(
    Readable.from(copyChunks(layout, rows)),
    admin.query(copyFrom(`COPY bench_dest.bare (${list}) FROM STDIN`)),
  );
  const t3 = performance.now();
  console.log(`postgres bare COPY one stream ${N} rows: ${(N / ((t3 - t2) / 1000)).toFixed(0)} rows/s`);
  await admin.query('DROP SCHEMA bench_dest CASCADE');
  await admin.end();
}
if (engines.includes('mysql')) {
  const mysql = (await import('mysql2/promise')).default;
  const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await admin.query('DROP DATABASE IF EXISTS bench_dest');
  await admin.query('CREATE DATABASE bench_dest');
  await run('mysql://root@127.0.0.1:3306/bench_dest');
  await admin.query('DROP DATABASE bench_dest');
  await admin.end();
}
