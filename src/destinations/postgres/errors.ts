import { redact } from '../../observability/redaction.js';
import { DestinationError, SyncError } from '../../sync/errors.js';

/**
 * SQLSTATEs a retry cannot fix: credentials, unknown database or schema,
 * permissions, and invalid data (classes 22 and 23). Network errors and
 * server restarts stay retryable.
 */
const PERMANENT_CODES = new Set(['28P01', '28000', '3D000', '3F000', '42501', '42P01', '42703', '42601']);
// An unknown host name is a typo in the URL, not an outage.
const PERMANENT_NETWORK = new Set(['ENOTFOUND']);

export function postgresError(action: string, error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  const retryable = !(
    PERMANENT_CODES.has(code) ||
    code.startsWith('22') ||
    code.startsWith('23') ||
    PERMANENT_NETWORK.has(code)
  );
  return new DestinationError(redact(`PostgreSQL could not ${action}: ${message}`), {
    cause: error,
    retryable,
  });
}
