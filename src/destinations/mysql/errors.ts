import { redact } from '../../observability/redaction.js';
import { DestinationError, SyncError } from '../../sync/errors.js';

/** Errors a retry cannot fix: credentials, unknown database, privileges, invalid data or SQL. */
const PERMANENT = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_NO_SUCH_TABLE',
  'ER_BAD_FIELD_ERROR',
  'ER_PARSE_ERROR',
  'ER_WRONG_VALUE_FOR_TYPE',
  'ER_TRUNCATED_WRONG_VALUE',
  'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
  'ER_BAD_NULL_ERROR',
  'ER_DATA_TOO_LONG',
  'ER_WARN_DATA_OUT_OF_RANGE',
  'WARN_DATA_TRUNCATED',
  'ER_NET_PACKET_TOO_LARGE',
  'ER_TOO_BIG_ROWSIZE',
  'ER_CHECK_CONSTRAINT_VIOLATED',
  'ENOTFOUND',
]);

export function mysqlError(action: string, error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  return new DestinationError(redact(`MySQL could not ${action}: ${message}`), {
    cause: error,
    retryable: !PERMANENT.has(code),
  });
}
