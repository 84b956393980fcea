/**
 * Turns a failed HTTP exchange into a SyncError of the right kind. Messages
 * name the table and endpoint (the `what` argument) and pass through `redact`,
 * so a token echoed by a proxy never reaches a log or a status.
 */
import { redact } from '../observability/redaction.js';
import { SyncError } from '../sync/errors.js';
import type { ErrorKind } from '../sync/errors.js';
import type { HeaderGetter } from './retry-timing.js';

/** The server's own words, when the body is a Pipedrive error envelope. */
function serverMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed) {
      const error = (parsed as { error: unknown }).error;
      if (typeof error === 'string' && error.length > 0) return error.slice(0, 200);
    }
  } catch {
    if (/<html|<!doctype/i.test(body)) return 'an HTML page instead of JSON';
  }
  return undefined;
}

function kindFor(status: number, header: HeaderGetter): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment-required';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) {
    return header('x-daily-ratelimit-token-remaining')?.trim() === '0' ? 'budget-exhausted' : 'rate-limited';
  }
  if (status >= 500 || status === 408) return 'transient';
  return 'configuration';
}

const HINTS: Partial<Record<ErrorKind, string>> = {
  unauthorized: 'the API token or OAuth grant is invalid or expired',
  forbidden: 'the user or OAuth scope may not read this (or the API blocked the client)',
  'payment-required': 'the Pipedrive company account is not open',
  'budget-exhausted': "the company's daily API token budget is spent; resume after it resets",
  'rate-limited': 'rate limited and retries did not help',
};

export function httpError(status: number, body: string, what: string, header: HeaderGetter): SyncError {
  const kind = kindFor(status, header);
  const said = serverMessage(body);
  const hint = HINTS[kind];
  const message = `${what} failed with HTTP ${status}${said ? ` (${said})` : ''}${hint ? `: ${hint}` : ''}`;
  return new SyncError(kind, redact(message));
}

export function networkError(what: string, cause: unknown, attempts: number): SyncError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SyncError('transient', redact(`${what} failed after ${attempts} attempts: ${reason}`), {
    cause,
  });
}

export function malformed(what: string, problem: string): SyncError {
  return new SyncError('malformed-response', redact(`${what} returned a malformed response: ${problem}`));
}
