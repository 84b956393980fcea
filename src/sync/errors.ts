/**
 * The error family every part of a sync throws. `retryable` drives the engine
 * and the Job's exit code: configuration and credential problems exit 2 (a
 * retry cannot help), everything else exits 1.
 */
export type ErrorKind =
  | 'configuration'
  | 'unauthorized'
  | 'forbidden'
  | 'payment-required'
  | 'not-found'
  | 'rate-limited'
  | 'budget-exhausted'
  | 'transient'
  | 'malformed-response'
  | 'destination';

const NOT_RETRYABLE: ReadonlySet<ErrorKind> = new Set([
  'configuration',
  'unauthorized',
  'forbidden',
  'payment-required',
]);

export class SyncError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncError';
    this.kind = kind;
  }
  /** A later attempt may succeed (network, 5xx, rate limit, database down). */
  get retryable(): boolean {
    return !NOT_RETRYABLE.has(this.kind);
  }
}

export class ConfigurationError extends SyncError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('configuration', message, options);
    this.name = 'ConfigurationError';
  }
}

export class DestinationError extends SyncError {
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(options?.retryable === false ? 'configuration' : 'destination', message, options);
    this.name = 'DestinationError';
  }
}

/** Process exit codes a Kubernetes Job's pod failure policy acts on. */
export const EXIT_OK = 0;
export const EXIT_TRANSIENT = 1;
export const EXIT_CONFIGURATION = 2;

export function exitCodeFor(error: unknown): number {
  if (error instanceof SyncError && !error.retryable) return EXIT_CONFIGURATION;
  return EXIT_TRANSIENT;
}
