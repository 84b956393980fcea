import mysql from 'mysql2/promise';
import type { DestinationUrl } from '../url.js';
import type { DestinationSettings } from '../settings.js';
import { MysqlDestination } from './destination.js';

type MysqlUrl = Extract<DestinationUrl, { engine: 'mysql' }>;

/**
 * Strict mode so bad values fail instead of being mangled; UTC so DATETIME holds UTC. No notes: a bulk
 * load turns refused values into warnings (load-text.ts), and notes would crowd them out of the list.
 */
const SESSION =
  "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00', sql_notes = 0";

/**
 * mysql2 scans every statement for `?` placeholders even when it has no values;
 * the multi-row upserts are megabytes of literals, so that scan cost as much CPU
 * as building them. Statements without values go out as they are.
 */
function formatQuery(sql: string, values: unknown): string {
  if (values === undefined || values === null || (Array.isArray(values) && values.length === 0)) return sql;
  return mysql.format(sql, values as Parameters<typeof mysql.format>[1], false, 'Z');
}

interface CoreConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
}

export function openMysql(url: MysqlUrl, settings: DestinationSettings): MysqlDestination {
  const pool = mysql.createPool({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectionLimit: 4,
    connectTimeout: 15_000,
    queryFormat: formatQuery as (sql: string, values: unknown) => void,
  });
  // Runs before any other command on each new connection (mysql2 queues commands in order).
  pool.on('connection', (connection) => {
    (connection as unknown as CoreConnection).query(SESSION, (error) => {
      if (error) settings.logger?.warn('Could not configure the MySQL session', { error: error.message });
    });
  });
  return new MysqlDestination(pool, settings, url.localInfile);
}
