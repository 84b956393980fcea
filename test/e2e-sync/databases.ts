/**
 * A fresh, empty place per test in each real database engine, and a way to
 * read rows back without going through the code under test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  engine: Engine;
  url: string;
  /** Rows of a table, selected columns only, ordered by id. */
  select(table: string, columns: string[]): Promise<Record<string, unknown>[]>;
  count(table: string, expression?: string): Promise<number>;
  drop(): Promise<void>;
}

const suffix = (): string => randomBytes(4).toString('hex');

async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-sync-'));
  const file = join(dir, 'pipedrive.db');
  const query = <T>(sql: string): T[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  return {
    engine: 'sqlite',
    url: `sqlite:${file}`,
    select: async (table, columns) =>
      query(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}" order by id`),
    count: async (table, expression = '*') =>
      query<{ n: number }>(`select count(${expression}) as n from "${table}"`)[0]?.n ?? 0,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `e2e_${suffix()}`;
  const base = 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  const query = async <T>(sql: string): Promise<T[]> => (await client.query(sql)).rows as T[];
  return {
    engine: 'postgres',
    url: `${base}?schema=${schema}`,
    select: (table, columns) =>
      query(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${schema}"."${table}" order by id`),
    count: async (table, expression = '*') =>
      Number(
        (await query<{ n: string }>(`select count(${expression}) as n from "${schema}"."${table}"`))[0]?.n ??
          0,
      ),
    drop: async () => {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

async function mysqlDatabase(): Promise<TestDatabase> {
  const name = `e2e_${suffix()}`;
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await connection.query(`create database \`${name}\``);
  const query = async <T>(sql: string): Promise<T[]> => (await connection.query(sql))[0] as T[];
  return {
    engine: 'mysql',
    url: `mysql://root@127.0.0.1:3306/${name}`,
    select: (table, columns) =>
      query(`select ${columns.map((c) => `\`${c}\``).join(', ')} from \`${name}\`.\`${table}\` order by id`),
    count: async (table, expression = '*') =>
      Number(
        (await query<{ n: number }>(`select count(${expression}) as n from \`${name}\`.\`${table}\``))[0]
          ?.n ?? 0,
      ),
    drop: async () => {
      await connection.query(`drop database if exists \`${name}\``);
      await connection.end();
    },
  };
}

export function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') return sqliteDatabase();
  return engine === 'postgres' ? postgresDatabase() : mysqlDatabase();
}
