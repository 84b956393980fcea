import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findTable } from '../../src/connector/catalog/index.js';
import { COLUMN_TYPES as TYPES, writeRows } from '../contract/destination.fixtures.js';
import { toRow } from '../../src/connector/row-mapping.js';
import {
  createDestination,
  mysqlDialect,
  physicalColumnName,
  physicalTableName,
  postgresDialect,
  sqliteDialect,
} from '../../src/destinations/index.js';
import type { Dialect } from '../../src/destinations/index.js';
import type { ColumnType, Destination, Row, TableSchema } from '../../src/sync/contracts.js';
import { engineSelected, randomName } from '../destinations/selection.js';
import { recordFor, schemaFor } from './mapped-records.js';
import { fieldDefinitions, hostileText } from './row-mapping-arbitraries.js';

/**
 * What the mapping hands a destination comes back as it went in, through a real engine's public API: hostile
 * table and column names (quotes, semicolons, SQL keywords, emoji, 1,000 characters, names of system columns)
 * and values of every column type. The documented losses: PostgreSQL text cannot hold NUL, which is dropped;
 * MariaDB's DECIMAL(38,10) keeps ten fractional digits.
 */

const instant = fc.date({
  min: new Date('0001-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
/** Values of a column's type, as the mapping produces them (see isOfType). */
function typed(type: ColumnType, decimalLimit: number): fc.Arbitrary<unknown> {
  const value = (() => {
    switch (type) {
      case 'string':
      case 'text':
        return hostileText;
      case 'integer':
        return fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.double({ min: -(2 ** 62), max: 2 ** 62, noNaN: true }).map(Math.trunc),
        );
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'decimal':
        return fc.double({
          noNaN: true,
          min: -decimalLimit,
          max: decimalLimit,
          minExcluded: true,
          maxExcluded: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'timestamp':
        return instant.map((d) => d.toISOString());
      case 'date':
        return instant.map((d) => d.toISOString().slice(0, 10));
      case 'time':
        return instant.map((d) => d.toISOString().slice(11, 19));
      case 'json':
        return fc.jsonValue({ maxDepth: 3 });
    }
  })();
  return fc.option(value, { nil: null });
}

interface Engine {
  dialect: Dialect;
  open(): Promise<Destination>;
  /** Every row of a table, each value as JavaScript (bigint/numeric text as numbers, timestamps as ISO text). */
  read(table: string, columns: { physical: string; type: ColumnType }[]): Promise<unknown[][]>;
  /** How a value the destination accepts is stored by this engine. */
  stored(type: ColumnType, value: unknown): unknown;
  /** Decimals at or beyond this magnitude do not fit the engine's decimal column. */
  decimalLimit: number;
}

/** -0 and 0 are one number in every engine. */
const plainZero = (value: unknown): unknown => (value === 0 ? 0 : value);
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Columns read back as text (no driver parser shifts a date or rounds a number), decoded by type. */
function decodeText(
  rows: (string | null)[][],
  columns: { type: ColumnType }[],
  spelling: { boolean: (text: string) => boolean; timestamp: (text: string) => string },
): unknown[][] {
  return rows.map((row) =>
    row.map((text, i) => {
      if (text === null) return null;
      switch (columns[i]!.type) {
        case 'integer':
        case 'number':
        case 'decimal':
          return plainZero(Number(text));
        case 'boolean':
          return spelling.boolean(text);
        case 'timestamp':
          return spelling.timestamp(text);
        case 'json':
          return JSON.parse(text) as unknown;
        default:
          return text;
      }
    }),
  );
}

function sqliteEngine(file: string): Engine {
  let inspector: Database.Database | undefined;
  return {
    dialect: sqliteDialect,
    open: () => createDestination(`sqlite:${file}`),
    read: async (table, columns) => {
      inspector ??= new Database(file, { readonly: true });
      const q = sqliteDialect.quote;
      const sql = `SELECT ${columns.map((c) => q(c.physical)).join(', ')} FROM ${q(table)} ORDER BY 1`;
      return (inspector.prepare(sql).raw(true).all() as unknown[][]).map((row) =>
        row.map((value, i) => {
          const type = columns[i]!.type;
          if (value === null) return null;
          if (type === 'boolean') return value === 1;
          if (type === 'json') return JSON.parse(value as string) as unknown;
          return plainZero(value);
        }),
      );
    },
    stored: (type, value) => (type === 'json' ? viaJson(value) : plainZero(value)),
    decimalLimit: Number.MAX_VALUE,
  };
}

function postgresEngine(server: string, schema: string, client: pg.Client): Engine {
  const dropNul = (text: string) => text.replace(/\0/g, '');
  const withoutNul = (value: unknown): unknown => {
    if (typeof value === 'string') return dropNul(value);
    if (Array.isArray(value)) return value.map(withoutNul);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [dropNul(k), withoutNul(v)]));
    return value;
  };
  return {
    dialect: postgresDialect,
    open: () => createDestination(`${server}?schema=${schema}`),
    read: async (table, columns) => {
      const q = postgresDialect.quote;
      // Everything as text (decodeText).
      // Aliased, so ORDER BY sees the bigint column and not its text (where 1000000000 sorts before 2).
      const list = columns.map((c, i) => `${q(c.physical)}::text AS c${i}`).join(', ');
      const result = await client.query({
        text: `SELECT ${list} FROM ${q(schema)}.${q(table)} ORDER BY ${q(columns[0]!.physical)}`,
        rowMode: 'array',
      });
      return decodeText(result.rows as (string | null)[][], columns, {
        boolean: (text) => text === 'true',
        timestamp: (text) => new Date(text.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString(),
      });
    },
    stored: (type, value) => {
      if (type === 'json') return withoutNul(viaJson(value));
      return typeof value === 'string' ? dropNul(value) : plainZero(value);
    },
    decimalLimit: Number.MAX_VALUE,
  };
}

let tables = 0;

function mariadbEngine(host: string, database: string, admin: () => mysql.Connection): Engine {
  return {
    dialect: mysqlDialect,
    open: () => createDestination(`mysql://root@${host}:3306/${database}`),
    read: async (table, columns) => {
      const q = mysqlDialect.quote;
      // Everything as text (see postgresEngine), ordered by the BIGINT id itself.
      const list = columns.map((c, i) => `CAST(${q(c.physical)} AS CHAR) AS c${i}`).join(', ');
      const [rows] = await admin().query({
        sql: `SELECT ${list} FROM ${q(database)}.${q(table)} ORDER BY ${q(columns[0]!.physical)}`,
        rowsAsArray: true,
      });
      return decodeText(rows as (string | null)[][], columns, {
        boolean: (text) => text === '1',
        timestamp: (text) => `${text.replace(' ', 'T')}Z`,
      });
    },
    stored: (type, value) => {
      if (type === 'json') return viaJson(value);
      // DECIMAL(38,10): ten fractional digits (docs/destinations: the column type of a decimal).
      if (type === 'decimal' && typeof value === 'number') return plainZero(Number(value.toFixed(10)));
      return plainZero(value);
    },
    // DECIMAL(38,10) holds 28 integer digits. A larger value, which the mapping lets through, fails the whole
    // write ("Out of range value", a non-retryable error): an open finding; this engine is held to its column.
    decimalLimit: 1e28,
  };
}

/** Writes the rows through the destination and reads them back in the engine's own terms. */
async function roundTrip(
  engine: Engine,
  destination: Destination,
  table: TableSchema,
  rows: Row[],
): Promise<void> {
  // A fresh table per run (and per shrink step, which may repeat a name): the counter keeps them apart.
  const schema = { ...table, name: `${table.name}${(tables += 1)}` };
  await destination.ensureTable(schema);
  await writeRows(destination, schema, rows, null);
  const columns = schema.columns.map((c) => ({ ...c, physical: physicalColumnName(engine.dialect, c.name) }));
  const back = await engine.read(physicalTableName(engine.dialect, '', schema.name), columns);
  const expected = [...rows]
    .sort((a, b) => (a.id as number) - (b.id as number))
    .map((row) => columns.map((c) => engine.stored(c.type, row[c.name] ?? null)));
  expect(back).toEqual(expected);
}

function properties(engine: () => Engine) {
  let destination: Destination;
  beforeAll(async () => {
    destination = await engine().open();
  });
  afterAll(async () => {
    await destination.close();
  });

  test('hostile column names and every column type: what is written is read back', async () => {
    const columns = fc.uniqueArray(
      fc.record({ name: hostileText.filter((n) => n !== 'id'), type: fc.constantFrom(...TYPES) }),
      { minLength: 1, maxLength: 8, selector: (c) => c.name },
    );
    const table = fc.tuple(hostileText, columns).chain(([name, cols]) =>
      fc.record({
        schema: fc.constant<TableSchema>({
          name,
          primaryKey: ['id'],
          columns: [{ name: 'id', type: 'integer' }, ...cols],
          incremental: true,
          customFields: [],
        }),
        rows: fc.uniqueArray(fc.tuple(fc.nat(), ...cols.map((c) => typed(c.type, engine().decimalLimit))), {
          minLength: 1,
          maxLength: 4,
          selector: (r) => r[0],
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(table, async ({ schema, rows }) => {
        const named = rows.map(([id, ...values]) =>
          Object.fromEntries([['id', id], ...schema.columns.slice(1).map((c, i) => [c.name, values[i]])]),
        );
        await roundTrip(engine(), destination, schema, named);
      }),
      { numRuns: 40 },
    );
  });

  test('mapped deals with hostile custom fields: what the mapping gives is read back', async () => {
    const spec = findTable('V2', 'deals')!;
    const deals = fc
      .tuple(hostileText, fieldDefinitions, fc.constantFrom<'name' | 'key'>('name', 'key'))
      .chain(([name, fields, naming]) =>
        fc.record({
          schema: fc.constant({ ...schemaFor(spec, fields, naming), name }),
          records: fc.array(recordFor(spec, fields), { minLength: 1, maxLength: 3 }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(deals, async ({ schema, records }) => {
        const rows = records.map((record, i) => toRow({ ...record, id: i + 1 }, schema, spec));
        const limit = engine().decimalLimit;
        const decimals = schema.columns.filter((c) => c.type === 'decimal');
        fc.pre(rows.every((row) => decimals.every((c) => !(Math.abs(Number(row[c.name] ?? 0)) >= limit))));
        await roundTrip(engine(), destination, schema, rows);
      }),
      { numRuns: 25 },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pd-mapping-'));
const sqlite = sqliteEngine(join(dir, 'round-trip.db'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!engineSelected('sqlite'))('SQLite', () => properties(() => sqlite));

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
describe.skipIf(!engineSelected('postgres'))('PostgreSQL', () => {
  const schema = randomName('mapping');
  const client = new pg.Client({ connectionString: SERVER });
  const postgres = postgresEngine(SERVER, schema, client);
  beforeAll(async () => {
    await client.connect();
    // Timestamps are read as text: in UTC, whatever the server's default zone.
    await client.query("SET TIME ZONE 'UTC'");
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${postgresDialect.quote(schema)} CASCADE`);
    await client.end();
  });
  properties(() => postgres);
});

const MYSQL_HOST = process.env.TEST_MYSQL_HOST ?? '127.0.0.1';
describe.skipIf(!engineSelected('mysql'))('MariaDB', () => {
  const database = randomName('mapping');
  let admin: mysql.Connection;
  const mariadb = mariadbEngine(MYSQL_HOST, database, () => admin);
  beforeAll(async () => {
    admin = await mysql.createConnection({ host: MYSQL_HOST, user: 'root' });
    await admin.query(`CREATE DATABASE ${mysqlDialect.quote(database)}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${mysqlDialect.quote(database)}`);
    await admin.end();
  });
  properties(() => mariadb);
});
