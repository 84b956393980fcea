import type { SimulatorClock } from './clock.js';

/** Fault kinds the simulator can inject; rates are probabilities per request in [0, 1]. */
export const FAULT_KINDS = [
  '429',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'slow',
  'timeout',
  'truncate',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
  /** Probability per request for each kind, e.g. { '429': 0.02, reset: 0.01 }. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Overrides per endpoint, keyed by a path prefix such as '/api/v2/deals'. */
  endpoints?: Record<string, Partial<Record<FaultKind, number>>>;
  /** Seed for the fault sequence (defaults to the simulator seed). */
  seed?: number;
  /** Added delay of a 'slow' response in ms (default 1500). */
  slowMs?: number;
  /** How long a 'timeout' holds the request before dropping it, in ms (default 30000). */
  timeoutMs?: number;
}

export interface OAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** When true every refresh returns a new refresh token and invalidates the old one. */
  rotateRefreshTokens?: boolean;
  accessTokenTtlSeconds?: number;
}

export interface RateLimitOptions {
  burstLimit?: number;
  burstWindowMs?: number;
  dailyBudget?: number;
}

export interface SimulatorOptions {
  port?: number;
  /** Interface to listen on (default 127.0.0.1); 0.0.0.0 serves other hosts, e.g. inside a cluster. */
  host?: string;
  seed?: number;
  scale?: number | Partial<Record<string, number>>;
  token?: string;
  companyDomain?: string;
  oauth?: OAuthOptions;
  rateLimit?: RateLimitOptions;
  faults?: FaultConfig;
  latencyMs?: number;
  /**
   * Simulated time at startup; the generated history (add and update times) ends there. Default: the
   * given clock's time, else real time, so a simulator agrees with the clocks of the clients it serves.
   * Tests that need fixed timestamps pass one, e.g. `startDateForSeed(seed)`.
   */
  startAt?: Date;
  clock?: SimulatorClock;
}
