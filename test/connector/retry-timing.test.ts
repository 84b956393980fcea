import { describe, expect, test } from 'vitest';
import {
  backoffMs,
  pacingDelayMs,
  parseRetryAfter,
  retryDecision,
} from '../../src/connector/retry-timing.js';
import type { RetryPolicy } from '../../src/connector/retry-timing.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxServerWaitMs: 10_000 };
const now = new Date('2026-01-01T00:00:00Z');
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('retryDecision', () => {
  test.each([
    ['retries a network error with backoff', 1, undefined, {}, 0, { retry: true, delayMs: 50 }],
    ['doubles the step per attempt (equal jitter)', 3, 503, {}, 0.5, { retry: true, delayMs: 300 }],
    ['honours Retry-After seconds', 1, 503, { 'retry-after': '3' }, 0, { retry: true, delayMs: 3000 }],
    [
      'honours x-ratelimit-reset on 429',
      1,
      429,
      { 'x-ratelimit-reset': '2' },
      0,
      { retry: true, delayMs: 2000 },
    ],
    [
      'prefers Retry-After over x-ratelimit-reset',
      1,
      429,
      { 'retry-after': '1', 'x-ratelimit-reset': '2' },
      0,
      { retry: true, delayMs: 1000 },
    ],
    ['retries 429 without headers by backoff', 2, 429, {}, 0, { retry: true, delayMs: 100 }],
    ['retries 504 and 524', 1, 524, {}, 0, { retry: true, delayMs: 50 }],
  ] as const)('%s', (_name, attempt, status, h, random, expected) => {
    expect(retryDecision({ attempt, status, header: headers(h), random, now }, policy)).toEqual(expected);
  });

  test.each([
    ['does not retry 400', 1, 400, {}],
    ['does not retry 401', 1, 401, {}],
    ['does not retry 403', 1, 403, {}],
    ['does not retry 404', 1, 404, {}],
    ['stops after maxAttempts', 5, 503, {}],
    [
      'does not retry a spent daily budget',
      1,
      429,
      { 'x-daily-ratelimit-token-remaining': '0', 'x-ratelimit-reset': '1' },
    ],
    ['gives up when the server asks for too long', 1, 429, { 'retry-after': '3600' }],
  ] as const)('%s', (_name, attempt, status, h) => {
    expect(retryDecision({ attempt, status, header: headers(h), random: 0.3, now }, policy).retry).toBe(
      false,
    );
  });
});

describe('timing helpers', () => {
  test('the backoff step is capped at maxDelayMs', () => {
    expect(backoffMs(8, 1, policy)).toBe(1000);
  });
  test('Retry-After as an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  test('backoff stays within half and the whole step', () => {
    for (const r of [0, 0.25, 0.99]) {
      const d = backoffMs(2, r, policy);
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(200);
    }
  });
  test.each([
    ['no headers, no pause', {}, 0],
    ['plenty left, no pause', { 'x-ratelimit-remaining': '30', 'x-ratelimit-reset': '2' }, 0],
    ['at the reserve, wait for the window', { 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '2' }, 2000],
    ['exhausted without reset, wait 2 s', { 'x-ratelimit-remaining': '0' }, 2000],
  ] as const)('pacing: %s', (_name, h, expected) => {
    expect(pacingDelayMs(headers(h), 2)).toBe(expected);
  });
});
