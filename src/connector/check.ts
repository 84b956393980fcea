/**
 * The connection check: GET /api/v1/users/me (2 tokens) tells who we are and
 * which company the credentials belong to. Expected failures are values
 * (CheckResult reasons), not exceptions.
 */
import type { CheckResult, CheckResultFailed } from '../sync/contracts.js';
import { SyncError } from '../sync/errors.js';
import type { ApiClient } from './api-client.js';

const REASONS: Partial<Record<SyncError['kind'], CheckResultFailed['reason']>> = {
  unauthorized: 'InvalidCredentials',
  forbidden: 'Forbidden',
  'payment-required': 'PaymentRequired',
  'rate-limited': 'RateLimited',
  'budget-exhausted': 'RateLimited',
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export async function checkConnection(client: ApiClient, companyDomain: string): Promise<CheckResult> {
  let me: Record<string, unknown>;
  try {
    const envelope = await client.get({ version: 'v1', path: '/users/me', cost: 2, table: 'check' });
    if (!envelope.data || typeof envelope.data !== 'object') {
      return { ok: false, reason: 'ApiUnavailable', message: 'check: GET /api/v1/users/me returned no user' };
    }
    me = envelope.data as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return { ok: false, reason: REASONS[error.kind] ?? 'ApiUnavailable', message: error.message };
  }
  const domain = text(me.company_domain);
  if (companyDomain && domain && domain.toLowerCase() !== companyDomain.toLowerCase()) {
    return {
      ok: false,
      reason: 'CompanyDomainMismatch',
      message: `the credentials belong to company domain "${domain}", not "${companyDomain}"`,
    };
  }
  return {
    ok: true,
    account: {
      companyId: typeof me.company_id === 'number' ? me.company_id : Number(me.company_id),
      companyName: text(me.company_name),
      companyDomain: domain,
      userId: typeof me.id === 'number' ? me.id : Number(me.id),
      userName: text(me.name),
      ...(typeof me.email === 'string' ? { userEmail: me.email } : {}),
    },
  };
}
