/**
 * Front door of the Pipedrive connector: the table names of the catalog, the
 * connection settings and `createConnector`, which returns a `Source`.
 */
import type { Logger } from '../observability/logger.js';
import type { Source } from '../sync/contracts.js';
import { ConfigurationError } from '../sync/errors.js';

/** Every table of the catalog, snake_case. The CRD table enum is generated from this list. */
export const TABLE_NAMES: readonly string[] = [
  'activities',
  'activity_fields',
  'activity_types',
  'call_logs',
  'currencies',
  'custom_field_definitions',
  'deal_fields',
  'deal_followers',
  'deal_participants',
  'deal_products',
  'deals',
  'files',
  'filters',
  'goals',
  'lead_labels',
  'lead_sources',
  'leads',
  'mail_threads',
  'note_comments',
  'notes',
  'organization_fields',
  'organization_followers',
  'organization_relationships',
  'organizations',
  'permission_sets',
  'person_fields',
  'person_followers',
  'persons',
  'pipelines',
  'product_fields',
  'product_followers',
  'products',
  'projects',
  'roles',
  'role_assignments',
  'role_settings',
  'stages',
  'tasks',
  'users',
];

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
  pageSize?: number;
  fetch?: typeof fetch;
  clock?: { now(): Date };
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

export function createConnector(config: ConnectorConfig): Source {
  throw new ConfigurationError(`Pipedrive connector for ${config.companyDomain} is not available yet`);
}
