/**
 * Reads a destination with plain SQL on its own connection, never through the
 * code under test: bookkeeping tables (bookmarks, runs, custom fields) and any
 * row the checks need. One reader per test database.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { parseDestinationUrl } from '../../src/destinations/url.js';
import type { TestDatabase } from '../e2e-sync/databases.js';

export type SqlRow = Record<string, unknown>;

export interface DatabaseReader {
  engine: 'sqlite' | 'postgres' | 'mysql';
  /** Quotes a column name for this engine. */
  column(name: string): string;
  /** `sql` may name tables as {table}; they are quoted and qualified for the engine. */
  query(sql: string, ...tables: string[]): Promise<SqlRow[]>;
  /** Table names that exist, bookkeeping included. */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function fill(sql: string, tables: string[], quote: (name: string) => string): string {
  let index = 0;
  return sql.replace(/\{table\}/g, () => quote(tables[index++] ?? ''));
}

function sqliteReader(path: string): DatabaseReader {
  const run = <T>(fn: (db: Database.Database) => T): T => {
    // A fresh read-only handle per query sees the latest committed state of a WAL database.
    const db = new Database(path, { readonly: true, timeout: 5000 });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    engine: 'sqlite',
    column: doubleQuoted,
    query: async (sql, ...tables) => run((db) => db.prepare(fill(sql, tables, quote)).all() as SqlRow[]),
    // The sync creates the file; a process killed during start-up may not have.
    tables: async () =>
      !existsSync(path)
        ? []
        : run((db) =>
            (
              db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]
            ).map((r) => r.name),
          ),
    close: async () => undefined,
  };
}

async function postgresReader(connectionString: string, schema: string): Promise<DatabaseReader> {
  const client = new pg.Client({ connectionString, application_name: 'reliability-reader' });
  await client.connect();
  const quote = (name: string) => `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
  return {
    engine: 'postgres',
    column: doubleQuoted,
    query: async (sql, ...tables) => (await client.query(fill(sql, tables, quote))).rows as SqlRow[],
    tables: async () =>
      (
        await client.query<{ name: string }>(
          'select table_name as name from information_schema.tables where table_schema = $1',
          [schema],
        )
      ).rows.map((r) => r.name),
    close: () => client.end(),
  };
}

async function mysqlReader(url: Extract<ReturnType<typeof parseDestinationUrl>, { engine: 'mysql' }>) {
  const connection = await mysql.createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    supportBigNumbers: true,
    dateStrings: true,
  });
  const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;
  const reader: DatabaseReader = {
    engine: 'mysql',
    column: (name) => `\`${name.replace(/`/g, '``')}\``,
    query: async (sql, ...tables) => (await connection.query(fill(sql, tables, quote)))[0] as SqlRow[],
    tables: async () =>
      (
        (
          await connection.query(
            'select table_name as name from information_schema.tables where table_schema = ?',
            [url.database],
          )
        )[0] as { name: string }[]
      ).map((r) => r.name),
    close: () => connection.end(),
  };
  return reader;
}

export async function openReader(db: TestDatabase | { url: string }): Promise<DatabaseReader> {
  const url = parseDestinationUrl(db.url);
  if (url.engine === 'sqlite') return sqliteReader(url.path);
  if (url.engine === 'postgres') return postgresReader(url.connectionString, url.schema);
  return mysqlReader(url);
}

/** Bookmarks as committed in `_pipedrive_sync_state`, by table name. */
export async function readBookmarks(reader: DatabaseReader): Promise<Map<string, string>> {
  if (!(await reader.tables()).includes('_pipedrive_sync_state')) return new Map();
  const rows = await reader.query('select table_name, bookmark from {table}', '_pipedrive_sync_state');
  return new Map(rows.map((r) => [String(r.table_name), String(r.bookmark)]));
}
