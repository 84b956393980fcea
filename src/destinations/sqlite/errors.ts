import { redact } from '../../observability/redaction.js';
import { DestinationError, SyncError } from '../../sync/errors.js';

/** Codes a retry cannot fix: the file cannot be opened or written, or a row is invalid. */
const PERMANENT =
  /^(SQLITE_(CANTOPEN|READONLY|PERM|AUTH|CONSTRAINT|MISMATCH|NOTADB|CORRUPT|ERROR|TOOBIG|RANGE)|ENOTDIR|EEXIST|EACCES|EROFS|EPERM|EISDIR)/;

export function sqliteError(action: string, error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const retryable = !(typeof code === 'string' && PERMANENT.test(code));
  return new DestinationError(redact(`SQLite could not ${action}: ${message}`), { cause: error, retryable });
}
