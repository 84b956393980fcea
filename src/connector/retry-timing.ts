/**
 * When to retry a request and how long to wait, as pure functions of the
 * attempt number, the response status and headers, and a random number.
 * The wire module is the only caller; the table test pins every branch.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs: number;
  /** Cap for one computed backoff step. */
  maxDelayMs: number;
  /** Longest wait a server may ask for (Retry-After, x-ratelimit-reset) before we give up instead. */
  maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxServerWaitMs: 300_000,
};

/** Statuses a later attempt can fix: timeouts, rate limits, gateway and server errors. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 520, 522, 524]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export type HeaderGetter = (name: string) => string | null;

/** A header holding a whole number (the rate-limit counters), or undefined when absent or not one. */
export function headerNumber(header: HeaderGetter, name: string): number | undefined {
  const value = header(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/** Retry-After in seconds or as an HTTP date; returns milliseconds or undefined. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** x-ratelimit-reset: seconds until the 2-second burst window resets. */
export function parseResetSeconds(value: string | null): number | undefined {
  if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.round(Number(value.trim()) * 1000);
}

/** Exponential backoff with equal jitter: half the step is fixed, half random. */
export function backoffMs(attempt: number, random: number, policy: RetryPolicy): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

export interface RetryInput {
  /** 1 for the first attempt that failed. */
  attempt: number;
  /** HTTP status, or undefined for a network error or timeout. */
  status: number | undefined;
  header: HeaderGetter;
  /** A number in [0, 1). */
  random: number;
  now: Date;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

export function retryDecision(input: RetryInput, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  const { attempt, status, header } = input;
  if (status !== undefined && !isRetryableStatus(status)) return { retry: false, reason: 'not retryable' };
  if (status === 429 && header('x-daily-ratelimit-token-remaining')?.trim() === '0') {
    // The daily budget is spent: every request fails until the server's midnight.
    return { retry: false, reason: 'daily budget exhausted' };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const serverWait =
    parseRetryAfter(header('retry-after'), input.now) ??
    (status === 429 ? parseResetSeconds(header('x-ratelimit-reset')) : undefined);
  if (serverWait !== undefined) {
    if (serverWait > policy.maxServerWaitMs)
      return { retry: false, reason: `server asked to wait ${serverWait} ms` };
    // A little jitter on top so parallel readers do not return in lockstep.
    return { retry: true, delayMs: serverWait + Math.round(250 * input.random) };
  }
  return { retry: true, delayMs: backoffMs(attempt, input.random, policy) };
}

/**
 * Proactive pacing: when the burst window is nearly used up, wait for it to
 * reset before sending more, so a burst limit costs no 429s.
 */
export function pacingDelayMs(header: HeaderGetter, reserve: number): number {
  const remaining = headerNumber(header, 'x-ratelimit-remaining');
  if (remaining === undefined || remaining > reserve) return 0;
  return parseResetSeconds(header('x-ratelimit-reset')) ?? 2000;
}
