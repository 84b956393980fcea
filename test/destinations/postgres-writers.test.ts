/**
 * PostgreSQL writes beside other sessions on the same table: a write must not
 * wait for VACUUM (autovacuum starts on a table soon after a large load), and a
 * key that another writer commits between the "are these keys new?" check and
 * the direct COPY must turn the batch into an upsert, not a failed write.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDestination, postgresDialect } from '../../src/destinations/index.js';
import type { Destination, TableSchema } from '../../src/sync/contracts.js';
import { waitFor } from '../operator/support/operator-env.js';
import { engineSelected, randomName } from './selection.js';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = randomName('w');
const q = postgresDialect.quote;
const admin = new pg.Client({ connectionString: SERVER });

const table = (name: string): TableSchema => ({
  name,
  primaryKey: ['id'],
  incremental: false,
  customFields: [],
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'title', type: 'string' },
  ],
});

async function rowsOf(name: string): Promise<[number, string][]> {
  const { rows } = await admin.query<{ id: string; title: string }>(
    `SELECT id, title FROM ${q(schema)}.${q(name)} ORDER BY id`,
  );
  return rows.map((r) => [Number(r.id), r.title]);
}

/** A second session holding a transaction open on the table. */
async function otherSession(statements: string[]): Promise<pg.Client> {
  const other = new pg.Client({ connectionString: SERVER });
  await other.connect();
  await other.query('BEGIN');
  for (const sql of statements) await other.query(sql);
  return other;
}

describe.skipIf(!engineSelected('postgres'))('postgres writes beside other sessions', () => {
  let d: Destination;
  beforeAll(async () => {
    await admin.connect();
    d = await createDestination(`${SERVER}?schema=${schema}`);
  });
  afterAll(async () => {
    await d.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    await admin.end();
  });

  test('a write goes through while VACUUM holds its lock on the table', async () => {
    const t = table('vacuumed_t');
    await d.ensureTable(t);
    // SHARE UPDATE EXCLUSIVE is the lock VACUUM and ANALYZE hold for their whole run.
    const vacuum = await otherSession([
      `LOCK TABLE ${q(schema)}.${q(t.name)} IN SHARE UPDATE EXCLUSIVE MODE`,
    ]);
    try {
      const written = d.write(t, [d.encode(t, [{ id: 1, title: 'one' }])], 'b1').then(() => 'written');
      const stuck = new Promise((resolve) => setTimeout(resolve, 15_000, 'still waiting'));
      expect(await Promise.race([written, stuck])).toBe('written');
    } finally {
      await vacuum.query('COMMIT');
      await vacuum.end();
    }
    expect(await rowsOf(t.name)).toEqual([[1, 'one']]);
  });

  test('a key another writer commits during the direct COPY: the batch is upserted, nothing lost', async () => {
    const t = table('raced_t');
    await d.ensureTable(t);
    const other = await otherSession([
      `INSERT INTO ${q(schema)}.${q(t.name)} (id, title) VALUES (1, 'theirs')`,
    ]);
    let writing: Promise<void> | undefined;
    try {
      // The check cannot see the uncommitted row, so the write takes the direct COPY, which then waits
      // on that row's key until the other session commits.
      writing = d.write(
        t,
        [
          d.encode(t, [
            { id: 1, title: 'ours' },
            { id: 2, title: 'two' },
          ]),
        ],
        'b1',
      );
      await waitFor(
        'the COPY to wait on the other session',
        async () =>
          (
            await admin.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY%'`,
            )
          ).rows[0]!.n > 0,
        15_000,
        50,
      );
    } finally {
      await other.query('COMMIT');
      await other.end();
    }
    await writing;
    expect(await rowsOf(t.name)).toEqual([
      [1, 'ours'],
      [2, 'two'],
    ]);
    expect((await d.readBookmarks()).get(t.name)).toBe('b1');
  });
});
