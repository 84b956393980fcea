import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDestination, mysqlDialect } from '../../src/destinations/index.js';
import { TextPage } from '../../src/destinations/text-page.js';
import { DestinationError } from '../../src/sync/errors.js';
import { runDestinationContract } from '../contract/destination.contract.js';
import { aTable, writeRows } from '../contract/destination.fixtures.js';
import { engineSelected, randomName } from './selection.js';

const HOST = process.env.TEST_MYSQL_HOST ?? '127.0.0.1';
const database = randomName('t');
const url = `mysql://root@${HOST}:3306/${database}`;
/** The same contract with LOAD DATA LOCAL INFILE turned off: the INSERT path servers without it take. */
const insertDatabase = randomName('t');
const insertUrl = `mysql://root@${HOST}:3306/${insertDatabase}?local_infile=off`;
const q = mysqlDialect.quote;
let admin: mysql.Connection;

describe.skipIf(!engineSelected('mysql'))('mysql', () => {
  beforeAll(async () => {
    admin = await mysql.createConnection({
      host: HOST,
      user: 'root',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      // JSON as the stored text, as the other engines return it.
      jsonStrings: true,
    });
    await admin.query(`CREATE DATABASE ${q(database)}`);
    await admin.query(`CREATE DATABASE ${q(insertDatabase)}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${q(database)}`);
    await admin.query(`DROP DATABASE IF EXISTS ${q(insertDatabase)}`);
    await admin.end();
  });

  const contractOn = (name: string, db: string, destinationUrl: string): void =>
    runDestinationContract({
      name,
      dialect: mysqlDialect,
      exactDecimals: true,
      create: (options) => createDestination(destinationUrl, options),
      inspector: {
        rows: async (table, orderBy) =>
          (await admin.query(`SELECT * FROM ${q(db)}.${q(table)} ORDER BY ${q(orderBy)}`))[0] as Record<
            string,
            unknown
          >[],
        columns: async (table) => {
          const [rows] = await admin.query(
            'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
            [db, table],
          );
          return (rows as { name: string }[]).map((r) => r.name);
        },
      },
    });
  contractOn('MySQL/MariaDB', database, url);
  contractOn('MySQL/MariaDB with INSERT statements (?local_infile=off)', insertDatabase, insertUrl);

  test('columns get MySQL types and tables a binary utf8mb4 collation', async () => {
    const [rows] = await admin.query(
      'SELECT column_name AS name, column_type AS type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?',
      [database, 'values_t'],
    );
    expect(
      Object.fromEntries((rows as { name: string; type: string }[]).map((r) => [r.name, r.type])),
    ).toMatchObject({
      id: 'bigint(20)',
      value: 'decimal(38,10)',
      flag: 'tinyint(1)',
      at: 'datetime(3)',
      _synced_at: 'datetime(3)',
    });
    const [tables] = await admin.query(
      'SELECT table_collation AS c FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
      [database, 'values_t'],
    );
    expect((tables as { c: string }[])[0]?.c).toBe('utf8mb4_bin');
  });

  test.each([
    ['LOAD DATA', () => url, () => database],
    ['INSERT statements', () => insertUrl, () => insertDatabase],
  ])(
    '%s: pages larger than max_allowed_packet are written, a repeated key too',
    async (_name, urlOf, dbOf) => {
      const d = await createDestination(urlOf());
      const schema = {
        name: 'big_page',
        primaryKey: ['id'],
        incremental: false,
        customFields: [],
        columns: [
          { name: 'id', type: 'integer' as const },
          { name: 'body', type: 'text' as const },
        ],
      };
      await d.ensureTable(schema);
      // 30 rows of 400 KB: 12 MB per page, two pages (24 MB) against the server's 16 MB packet limit, and
      // row 1 repeated in the second page, which makes the batch one joined buffer to drop the first copy.
      const body = 'é'.repeat(200_000);
      const first = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, body }));
      const second = Array.from({ length: 30 }, (_, i) => ({
        id: i === 0 ? 1 : i + 31,
        body: i === 0 ? 'last' : body,
      }));
      await d.write(schema, [d.encode(schema, first), d.encode(schema, second)], 'big');
      const [count] = await admin.query(
        `SELECT COUNT(*) AS n, SUM(CHAR_LENGTH(body)) AS chars FROM ${q(dbOf())}.big_page`,
      );
      const [{ n, chars } = { n: 0, chars: 0 }] = count as { n: string; chars: string }[];
      expect([Number(n), Number(chars)]).toEqual([59, 58 * 200_000 + 'last'.length]);
      await d.close();
    },
  );

  const loads = async (): Promise<number> => {
    const [rows] = await admin.query("SHOW GLOBAL STATUS LIKE 'Com_load'");
    return Number((rows as { Value: string }[])[0]?.Value ?? 0);
  };

  test('rows go by LOAD DATA LOCAL INFILE where the server allows it, by INSERT with local_infile=off', async () => {
    const loading = await createDestination(url);
    const inserting = await createDestination(insertUrl);
    const schema = aTable('load_used_t').schema;
    await loading.ensureTable(schema);
    await inserting.ensureTable(schema);
    // Encoded as bulk-load text only where the load works (the probe at start has run by now).
    expect(loading.encode(schema, [{ id: 1 }])).toBeInstanceOf(TextPage);
    expect(inserting.encode(schema, [{ id: 1 }])).not.toBeInstanceOf(TextPage);
    const before = await loads();
    await writeRows(loading, schema, [{ id: 1, title: 'new' }], 'b1'); // straight into the table
    await writeRows(
      loading,
      schema,
      [
        { id: 1, title: 'changed' },
        { id: 2, title: 'new' },
      ],
      'b2',
    ); // staged
    expect(await loads()).toBeGreaterThanOrEqual(before + 2);
    const [rows] = await admin.query(`SELECT id, title FROM ${q(database)}.load_used_t ORDER BY id`);
    expect((rows as { id: string; title: string }[]).map((r) => [Number(r.id), r.title])).toEqual([
      [1, 'changed'],
      [2, 'new'],
    ]);
    await loading.close();
    await inserting.close();
  });

  test('two writers of one table, loading new keys at the same time, both commit', async () => {
    const [one, two] = await Promise.all([createDestination(url), createDestination(url)]);
    const schema = aTable('two_writers_t').schema;
    await one!.ensureTable(schema);
    await two!.ensureTable(schema);
    const rows = (from: number) => Array.from({ length: 200 }, (_, i) => ({ id: from + i, title: 'x' }));
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        writeRows(one!, schema, rows(round * 1000), null),
        writeRows(two!, schema, rows(round * 1000 + 500), null),
      ]);
    }
    const [count] = await admin.query(`SELECT COUNT(*) AS n FROM ${q(database)}.two_writers_t`);
    expect(Number((count as { n: string }[])[0]?.n)).toBe(4000);
    await one!.close();
    await two!.close();
  });

  test.each([
    ['LOAD DATA', () => url],
    ['INSERT statements', () => insertUrl],
  ])('%s: a value the column cannot hold fails the write, which leaves nothing', async (_name, urlOf) => {
    const d = await createDestination(urlOf());
    const schema = aTable('out_of_range_t').schema;
    await d.ensureTable(schema);
    const error = await writeRows(
      d,
      schema,
      [
        { id: 1, title: 'ok' },
        { id: 2, value: 1e30 },
      ],
      'b1',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as Error).message).toMatch(/out of range/i);
    expect((await d.readBookmarks()).has('out_of_range_t')).toBe(false);
    const db = urlOf() === url ? database : insertDatabase;
    const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM ${q(db)}.out_of_range_t`);
    expect(Number((rows as { n: string }[])[0]?.n)).toBe(0);
    await d.close();
  });

  test.each([
    ['LOAD DATA', () => url, () => database],
    ['INSERT statements', () => insertUrl, () => insertDatabase],
  ])('%s: keys the collation calls equal end as one row, the last written', async (_name, urlOf, dbOf) => {
    const d = await createDestination(urlOf());
    const schema = aTable('padded_key_t', [{ name: 'code', type: 'string' }], ['id'], ['code']).schema;
    await d.ensureTable(schema);
    // utf8mb4_bin pads with spaces: 'k' and 'k ' are one key to the server, two to the engine.
    await writeRows(
      d,
      schema,
      [
        { code: 'k', title: 'first' },
        { code: 'k ', title: 'last' },
      ],
      'b1',
    );
    const [rows] = await admin.query(`SELECT title FROM ${q(dbOf())}.padded_key_t`);
    expect((rows as { title: string }[]).map((r) => r.title)).toEqual(['last']);
    await d.close();
  });

  test('an unknown database is a configuration error whose message hides the password', async () => {
    const d = await createDestination('mysql://root:s3cret-pass@127.0.0.1:3306/no_such_db_x');
    const error = await d.check().catch((e: unknown) => e);
    await d.close();
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as DestinationError).retryable).toBe(false);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });

  test('a wrong password is a configuration error', async () => {
    const d = await createDestination('mysql://no_such_user_x:s3cret-pass@127.0.0.1:3306/test');
    const error = await d.check().catch((e: unknown) => e);
    await d.close();
    expect((error as DestinationError).retryable).toBe(false);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });

  test('a refused connection is retryable', async () => {
    const d = await createDestination('mysql://root:s3cret-pass@127.0.0.1:1/test');
    const error = await d.check().catch((e: unknown) => e);
    await d.close();
    expect((error as DestinationError).retryable).toBe(true);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });
});
