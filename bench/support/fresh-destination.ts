import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { BareEngine } from './worker-job.js';

/**
 * An empty destination for one measured run, on the project's local servers (PostgreSQL and MariaDB on
 * 127.0.0.1, trust auth / empty root password). Each gets its own schema or database, so nothing another
 * test writes is touched and every full load starts from empty tables.
 */

const PG = 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export async function freshDestination(engine: BareEngine, name: string): Promise<string> {
  const safe = name.replace(/[^a-z0-9_]/g, '_');
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${safe} CASCADE`);
    } finally {
      await client.end();
    }
    return `${PG}?schema=${safe}`;
  }
  if (engine === 'mysql') {
    const connection = await mysql.createConnection(MYSQL);
    try {
      await connection.query(`DROP DATABASE IF EXISTS ${safe}`);
      await connection.query(`CREATE DATABASE ${safe}`);
    } finally {
      await connection.end();
    }
    return `mysql://root@127.0.0.1:3306/${safe}`;
  }
  const path = join(tmpdir(), `${safe}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return `sqlite:${path}`;
}

/** Removes what freshDestination made once the run is measured (keeps the servers tidy for others). */
export async function dropDestination(engine: BareEngine, name: string): Promise<void> {
  const safe = name.replace(/[^a-z0-9_]/g, '_');
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${safe} CASCADE`).finally(() => client.end());
  } else if (engine === 'mysql') {
    const connection = await mysql.createConnection(MYSQL);
    await connection.query(`DROP DATABASE IF EXISTS ${safe}`).finally(() => connection.end());
  } else {
    const path = join(tmpdir(), `${safe}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}
