import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDestination, postgresDialect } from '../../src/destinations/index.js';
import { DestinationError } from '../../src/sync/errors.js';
import { runDestinationContract } from '../contract/destination.contract.js';
import { engineSelected, randomName } from './selection.js';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = randomName('t');
const url = `${SERVER}?schema=${schema}`;
const q = postgresDialect.quote;

// Dates and jsonb as text, like the other engines return them: the default parsers
// would shift dates into local midnight and make a JSON string indistinguishable from text.
const AS_TEXT = new Set([1082, 3802]);
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format ?? 'text'),
};
const client = new pg.Client({ connectionString: SERVER, types });

describe.skipIf(!engineSelected('postgres'))('postgres', () => {
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    await client.end();
  });

  runDestinationContract({
    name: 'PostgreSQL',
    dialect: postgresDialect,
    exactDecimals: true,
    create: (options) => createDestination(url, options),
    inspector: {
      rows: async (table, orderBy) =>
        (await client.query(`SELECT * FROM ${q(schema)}.${q(table)} ORDER BY ${q(orderBy)}`)).rows as Record<
          string,
          unknown
        >[],
      columns: async (table) =>
        (
          await client.query<{ column_name: string }>(
            'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
            [schema, table],
          )
        ).rows.map((r) => r.column_name),
    },
  });

  test('columns get PostgreSQL types', async () => {
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [schema, 'values_t'],
    );
    expect(Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]))).toMatchObject({
      id: 'bigint',
      value: 'numeric',
      flag: 'boolean',
      at: 'timestamp with time zone',
      meta: 'jsonb',
      _synced_at: 'timestamp with time zone',
    });
  });

  test('an unknown database is a configuration error whose message hides the password', async () => {
    const d = await createDestination('postgres://postgres:s3cret-pass@127.0.0.1:5432/no_such_db_x?schema=a');
    const error = await d.check().catch((e: unknown) => e);
    await d.close();
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as DestinationError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/no_such_db_x/);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });

  test('a refused connection is retryable and hides the password', async () => {
    const d = await createDestination('postgres://postgres:s3cret-pass@127.0.0.1:1/test');
    const error = await d.check().catch((e: unknown) => e);
    await d.close();
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as DestinationError).retryable).toBe(true);
    expect((error as Error).message).not.toContain('s3cret-pass');
  });
});
