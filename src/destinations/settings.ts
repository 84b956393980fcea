import type { Logger } from '../observability/logger.js';

/** Test seam: lets the contract suite fail a write between the rows and the bookmark. */
export interface DestinationHooks {
  beforeBookmark?: (table: string) => void;
}

/** Options of createDestination, with their defaults. */
export interface DestinationOptions {
  /** Prepended to every data table name (default ''); bookkeeping tables are not prefixed. */
  tablePrefix?: string;
  logger?: Logger;
  /** Clock for `_synced_at` and bookkeeping timestamps (default: the system clock). */
  now?: () => Date;
  hooks?: DestinationHooks;
}

/** Options resolved once by the factory and handed to an engine. */
export interface DestinationSettings {
  tablePrefix: string;
  logger?: Logger;
  now: () => Date;
  hooks?: DestinationHooks;
}

export function resolveSettings(options: DestinationOptions = {}): DestinationSettings {
  return {
    tablePrefix: options.tablePrefix ?? '',
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    hooks: options.hooks,
  };
}
