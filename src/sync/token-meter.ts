import type { Source } from './contracts.js';

/**
 * Attributes the source's API token spend to tables. A source that counts
 * per table (`usage().tokensByTable`) is exact; otherwise each call charges
 * the spend since the previous call to whoever asks, so the per-table figures
 * still add up to the run's total (exact with one table at a time,
 * approximate when tables interleave).
 */
export class TokenMeter {
  private readonly start: { tokens: number; requests: number };
  private last: number;
  private readonly startByTable: Record<string, number> | undefined;
  private readonly perTable = new Map<string, number>();

  constructor(private readonly source: Source) {
    const usage = source.usage();
    this.start = { tokens: usage.tokensSpent, requests: usage.requests };
    this.last = usage.tokensSpent;
    this.startByTable = usage.tokensByTable ? { ...usage.tokensByTable } : undefined;
  }

  /** Tokens `table` spent since its previous charge. */
  charge(table: string): number {
    const usage = this.source.usage();
    const counted = usage.tokensByTable?.[table];
    if (counted !== undefined) {
      const delta = Math.max(0, counted - (this.perTable.get(table) ?? this.startByTable?.[table] ?? 0));
      this.perTable.set(table, counted);
      this.last = usage.tokensSpent;
      return delta;
    }
    const delta = Math.max(0, usage.tokensSpent - this.last);
    this.last = usage.tokensSpent;
    return delta;
  }

  /** Tokens and requests spent since the meter was created. */
  total(): { tokens: number; requests: number } {
    const usage = this.source.usage();
    return { tokens: usage.tokensSpent - this.start.tokens, requests: usage.requests - this.start.requests };
  }
}
