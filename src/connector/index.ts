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

/** OAuth with a refresh token: this connector refreshes the access token itself. */
export interface OAuthRefreshAuth {
  scheme: 'OAuth';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Called with every rotated token BEFORE the new access token is used. */
  onTokens?: (t: OAuthTokens) => Promise<void>;
}

/**
 * OAuth with an access token someone else refreshes (the operator, for sync
 * Jobs): never refreshed here, so no rotation can be lost by this process.
 */
export interface OAuthAccessTokenAuth {
  scheme: 'OAuth';
  accessToken: string;
  /** The api_domain issued with the token; the base URL unless apiUrl is set. */
  apiDomain?: string;
  /** Returns the current token (e.g. re-reads a mounted Secret file); called once after a 401. */
  reloadAccessToken?: () => Promise<string>;
}

export type ConnectorAuth = { scheme: 'Basic'; apiToken: string } | OAuthRefreshAuth | OAuthAccessTokenAuth;

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
