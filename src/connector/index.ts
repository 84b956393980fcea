/**
 * Front door of the Pipedrive connector: the table names of the catalog, the
 * connection settings and `createConnector`, which returns a `Source`.
 */
import type { Logger } from '../observability/logger.js';
import type { Source } from '../sync/contracts.js';
import { catalog } from './catalog/index.js';
import { PipedriveSource } from './source.js';

/** Every table of the catalog, snake_case. The CRD table enum is generated from this list. */
export const TABLE_NAMES: readonly string[] = catalog('V2').map((table) => table.name);

export interface OAuthTokens {
  refreshToken: string;
  accessToken: string;
  expiresAt: Date;
  apiDomain?: string;
}

export type ConnectorAuth =
  | { scheme: 'Basic'; apiToken: string }
  | {
      scheme: 'OAuth';
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      /** Called with every rotated token BEFORE the new access token is used. */
      onTokens?: (t: OAuthTokens) => Promise<void>;
    };

export interface ConnectorConfig {
  companyDomain: string;
  schema: 'V1' | 'V2';
  /** Overrides the base URL (proxies, the simulator). */
  apiUrl?: string;
  auth: ConnectorAuth;
  /** Share of the company's daily token budget this connector may spend (1-100). */
  maxDailyBudgetPercent?: number;
  customFieldNaming?: 'name' | 'key';
  /** Rows per API page (default 500, the most Pipedrive serves; capped per endpoint). */
  pageSize?: number;
  /** Abort a request that has not answered after this many ms (default 30000); it is retried. */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  clock?: { now(): Date };
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/**
 * The Pipedrive source for one company.
 * @example
 * const source = createConnector({ companyDomain: 'acme', schema: 'V2', auth: { scheme: 'Basic', apiToken } });
 * const check = await source.check();
 */
export function createConnector(config: ConnectorConfig): Source {
  return new PipedriveSource(config);
}
