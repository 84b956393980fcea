import pg from 'pg';
import type { DestinationUrl } from '../url.js';
import type { DestinationSettings } from '../settings.js';
import { PostgresDestination } from './destination.js';

type PostgresUrl = Extract<DestinationUrl, { engine: 'postgres' }>;

/** Builds the pool; sessions run in UTC so timestamptz text is unambiguous. */
export function openPostgres(url: PostgresUrl, settings: DestinationSettings): PostgresDestination {
  const pool = new pg.Pool({
    connectionString: url.connectionString,
    max: 4,
    connectionTimeoutMillis: 15_000,
    application_name: 'pipedrive-sync',
    options: '-c TimeZone=UTC',
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  const lost = (error: Error): void => {
    settings.logger?.warn('Destination connection lost', { engine: 'postgres', error: error.message });
  };
  pool.on('error', lost);
  // A checked-out connection terminated between two queries emits 'error' on the client, not the pool:
  // without a listener that is an uncaught exception; the query in flight or the next one fails instead.
  pool.on('connect', (client) => client.on('error', lost));
  return new PostgresDestination(pool, url.schema, settings);
}
