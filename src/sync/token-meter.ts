import type { Source } from './contracts.js';

/**
 * Attributes the source's API token spend to tables. Each call charges the
 * spend since the previous call to whoever asks, so the per-table figures
 * always add up to the run's total (exact with one table at a time,
 * approximate when tables interleave).
 */
export class TokenMeter {
  private readonly start: { tokens: number; requests: number };
  private last: number;

  constructor(private readonly source: Source) {
    const usage = source.usage();
    this.start = { tokens: usage.tokensSpent, requests: usage.requests };
    this.last = usage.tokensSpent;
  }

  /** Tokens spent since the previous charge. */
  charge(): number {
    const now = this.source.usage().tokensSpent;
    const delta = Math.max(0, now - this.last);
    this.last = now;
    return delta;
  }

  /** Tokens and requests spent since the meter was created. */
  total(): { tokens: number; requests: number } {
    const usage = this.source.usage();
    return { tokens: usage.tokensSpent - this.start.tokens, requests: usage.requests - this.start.requests };
  }
}
