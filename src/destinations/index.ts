/**
 * Destinations front door: a URL in, a Destination out.
 *   sqlite:./pipedrive.db | sqlite::memory:
 *   postgres://user:pass@host:5432/db?schema=pipedrive
 *   mysql://user:pass@host:3306/db
 * The factory builds the driver handle; engine classes only receive it.
 */
import type { Destination } from '../sync/contracts.js';
import { registerSecret } from '../observability/redaction.js';
import { openMysql } from './mysql/open.js';
import { openPostgres } from './postgres/open.js';
import { resolveSettings, type DestinationOptions } from './settings.js';
import { openSqlite } from './sqlite/open.js';
import { parseDestinationUrl } from './url.js';

export type { DestinationHooks, DestinationOptions } from './settings.js';
export { parseDestinationUrl, type DestinationUrl } from './url.js';
export { physicalColumnName, physicalTableName, planTable, type TableLayout } from './layout.js';
export type { Dialect } from './dialect.js';
export { sqliteDialect } from './sqlite/dialect.js';
export { postgresDialect } from './postgres/dialect.js';
export { mysqlDialect } from './mysql/dialect.js';

export async function createDestination(url: string, options?: DestinationOptions): Promise<Destination> {
  const parsed = parseDestinationUrl(url);
  const settings = resolveSettings(options);
  switch (parsed.engine) {
    case 'sqlite':
      return openSqlite(parsed.path, settings);
    case 'postgres':
      registerSecret(parsed.password);
      return openPostgres(parsed, settings);
    case 'mysql':
      registerSecret(parsed.password);
      return openMysql(parsed, settings);
  }
}
