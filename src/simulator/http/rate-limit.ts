import type { RateLimitOptions } from '../options.js';
import { DAY_MS } from '../world/record.js';

/** Generous defaults so benchmarks are never throttled unless a test asks for a plan. */
export const DEFAULT_RATE_LIMIT = { burstLimit: 10_000, burstWindowMs: 2_000, dailyBudget: 1_000_000_000 };

export interface RateDecision {
  allowed: boolean;
  reason?: 'burst' | 'daily';
  headers: Record<string, string>;
}

/**
 * Pipedrive's token-based limits: a rolling burst window per token (requests per
 * 2 s) and a daily token budget per company, reset at midnight server time (UTC
 * here), charged with each endpoint's token cost.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private day = -1;
  private used = 0;
  readonly burstLimit: number;
  readonly burstWindowMs: number;
  readonly dailyBudget: number;

  constructor(
    options: RateLimitOptions | undefined,
    private readonly now: () => number,
  ) {
    this.burstLimit = options?.burstLimit ?? DEFAULT_RATE_LIMIT.burstLimit;
    this.burstWindowMs = options?.burstWindowMs ?? DEFAULT_RATE_LIMIT.burstWindowMs;
    this.dailyBudget = options?.dailyBudget ?? DEFAULT_RATE_LIMIT.dailyBudget;
  }

  /** Checks both limits and, when allowed, records the request and charges `cost` tokens. */
  charge(tokenKey: string, cost: number): RateDecision {
    const now = this.now();
    this.rollDay(now);
    const window = (this.windows.get(tokenKey) ?? []).filter((t) => now - t < this.burstWindowMs);
    this.windows.set(tokenKey, window);
    if (window.length >= this.burstLimit) {
      return { allowed: false, reason: 'burst', headers: this.headers(window, now) };
    }
    if (this.used + cost > this.dailyBudget) {
      return { allowed: false, reason: 'daily', headers: this.headers(window, now) };
    }
    window.push(now);
    this.used += cost;
    return { allowed: true, headers: this.headers(window, now) };
  }

  /** Headers for a response that was not charged (e.g. an injected fault). */
  peek(tokenKey: string): Record<string, string> {
    const now = this.now();
    this.rollDay(now);
    const window = (this.windows.get(tokenKey) ?? []).filter((t) => now - t < this.burstWindowMs);
    return this.headers(window, now);
  }

  tokensUsedToday(): number {
    this.rollDay(this.now());
    return this.used;
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }

  private headers(window: number[], now: number): Record<string, string> {
    const oldest = window[0];
    const resetMs = oldest === undefined ? this.burstWindowMs : this.burstWindowMs - (now - oldest);
    return {
      'x-ratelimit-limit': String(this.burstLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.burstLimit - window.length)),
      'x-ratelimit-reset': String(Math.max(1, Math.ceil(resetMs / 1000))),
      'x-daily-ratelimit-token-limit': String(this.dailyBudget),
      'x-daily-ratelimit-token-remaining': String(Math.max(0, this.dailyBudget - this.used)),
    };
  }
}
