import type { CheckResultFailed, Source } from './contracts.js';
import { SyncError, type ErrorKind } from './errors.js';

const KIND_BY_REASON: Record<CheckResultFailed['reason'], ErrorKind> = {
  InvalidCredentials: 'unauthorized',
  Forbidden: 'forbidden',
  // A token of another company would copy that company's data into this destination.
  CompanyDomainMismatch: 'configuration',
  PaymentRequired: 'payment-required',
  RateLimited: 'rate-limited',
  ApiUnavailable: 'transient',
};

/**
 * Checks the source's credentials before anything is read or written, so a
 * revoked token or a token of another company stops the run at once with the
 * check's reason (exit 2 for what a human must fix) instead of failing table by table.
 */
export async function assertSourceReady(source: Source): Promise<void> {
  const result = await source.check();
  if (!result.ok) throw new SyncError(KIND_BY_REASON[result.reason], result.message);
}
