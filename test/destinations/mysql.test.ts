import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDestination, mysqlDialect } from '../../src/destinations/index.js';
import { DestinationError } from '../../src/sync/errors.js';
import { runDestinationContract } from '../contract/destination.contract.js';
import { writeRows } from '../contract/destination.fixtures.js';
import { engineSelected, randomName } from './selection.js';

const HOST = process.env.TEST_MYSQL_HOST ?? '127.0.0.1';
const database = randomName('t');
const url = `mysql://root@${HOST}:3306/${database}`;
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
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${q(database)}`);
    await admin.end();
  });

  runDestinationContract({
    name: 'MySQL/MariaDB',
    dialect: mysqlDialect,
    exactDecimals: true,
    create: (options) => createDestination(url, options),
    inspector: {
      rows: async (table, orderBy) =>
        (await admin.query(`SELECT * FROM ${q(database)}.${q(table)} ORDER BY ${q(orderBy)}`))[0] as Record<
          string,
          unknown
        >[],
      columns: async (table) => {
        const [rows] = await admin.query(
          'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
          [database, table],
        );
        return (rows as { name: string }[]).map((r) => r.name);
      },
    },
  });

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

  test('a page larger than max_allowed_packet is split into several statements', async () => {
    const d = await createDestination(url);
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
    const body = 'é'.repeat(200_000);
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, body }));
    await writeRows(d, schema, rows, 'big');
    const [count] = await admin.query(
      `SELECT COUNT(*) AS n, SUM(CHAR_LENGTH(body)) AS chars FROM ${q(database)}.big_page`,
    );
    const [{ n, chars } = { n: 0, chars: 0 }] = count as { n: string; chars: string }[];
    expect([Number(n), Number(chars)]).toEqual([30, 30 * 200_000]);
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
