/**
 * Daily token budget accounting. Pipedrive charges every call a fixed number
 * of tokens (the catalog carries each endpoint's cost) from one budget per
 * company per day. We count what we spend, remember what the server says is
 * left, and refuse a call that would eat into the share other integrations
 * need (`maxDailyBudgetPercent`) or that the budget cannot pay for.
 */
import type { ApiUsage } from '../sync/contracts.js';
import { SyncError } from '../sync/errors.js';
import { headerNumber, type HeaderGetter } from './retry-timing.js';

export class TokenBudget {
  private requests = 0;
  private tokensSpent = 0;
  private rateLimited = 0;
  private dailyLimit: number | undefined;
  private dailyRemaining: number | undefined;
  private readonly byTable: Record<string, number> = {};

  /** @param maxPercent share (1-100) of the company's daily budget that may be used; 100 by default. */
  constructor(private readonly maxPercent = 100) {}

  /** Throws a budget-exhausted SyncError when `cost` tokens must not be spent. */
  reserve(cost: number, what: string): void {
    if (cost <= 0 || this.dailyRemaining === undefined) return;
    if (this.dailyRemaining < cost) {
      throw new SyncError(
        'budget-exhausted',
        `${what}: daily API token budget exhausted (${this.dailyRemaining} of ${this.dailyLimit ?? '?'} tokens left, ` +
          `call costs ${cost}); resume after the budget resets at the server's midnight`,
      );
    }
    if (this.dailyLimit !== undefined && this.maxPercent < 100) {
      const floor = this.dailyLimit * (1 - this.maxPercent / 100);
      if (this.dailyRemaining - cost < floor) {
        throw new SyncError(
          'budget-exhausted',
          `${what}: stopping at the configured share of the daily API token budget (maxDailyBudgetPercent ` +
            `${this.maxPercent}: ${this.dailyRemaining} of ${this.dailyLimit} tokens left, ${Math.ceil(floor)} kept for others)`,
        );
      }
    }
  }

  /** Records a response: the call was charged and the server told us what is left. */
  record(cost: number, status: number, header: HeaderGetter, table?: string): void {
    this.requests += 1;
    if (status === 429) this.rateLimited += 1;
    // A 429 is refused before charging; everything else that reached the API is charged.
    if (status !== 429) {
      this.tokensSpent += cost;
      if (table) this.byTable[table] = (this.byTable[table] ?? 0) + cost;
    }
    const limit = headerNumber(header, 'x-daily-ratelimit-token-limit');
    const remaining = headerNumber(header, 'x-daily-ratelimit-token-remaining');
    if (limit !== undefined) this.dailyLimit = limit;
    if (remaining !== undefined) this.dailyRemaining = remaining;
    else if (this.dailyRemaining !== undefined && status !== 429) this.dailyRemaining -= cost;
  }

  /** A request that never got a response (network error, timeout). */
  recordFailure(): void {
    this.requests += 1;
  }

  usage(): ApiUsage {
    return {
      requests: this.requests,
      tokensSpent: this.tokensSpent,
      rateLimited: this.rateLimited,
      tokensByTable: { ...this.byTable },
      ...(this.dailyRemaining !== undefined ? { dailyTokensRemaining: this.dailyRemaining } : {}),
      ...(this.dailyLimit !== undefined ? { dailyTokensLimit: this.dailyLimit } : {}),
    };
  }
}
