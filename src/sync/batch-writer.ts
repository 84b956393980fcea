/**
 * Writes one table's batches in order, one transaction at a time, while the
 * reader keeps going: pages read during a write gather into the next batch, so
 * a write hides behind the reads instead of stalling them. Rows read but not
 * yet committed (the batch being written plus the one gathering) are capped at
 * `limits.rows` (plus the page that crossed it): past it the reader waits. That
 * cap bounds memory and what a kill makes the next run re-read.
 *
 * After a failed write nothing more is written: a later batch's bookmark would
 * cover the failed batch's rows.
 */
import { PageBatch, type BatchLimits, type BatchPage } from './page-batch.js';

export class BatchWriter {
  private gathering = new PageBatch();
  private inFlight: Promise<void> | null = null;
  private inFlightRows = 0;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly write: (batch: PageBatch) => Promise<void>,
    private readonly limits: BatchLimits,
  ) {}

  /** Adds a page read; resolves once the reader may read on. Throws a failed write's error. */
  async add(page: BatchPage): Promise<void> {
    this.throwIfFailed();
    this.gathering.add(page);
    if (this.inFlight === null) {
      if (this.gathering.isFull(this.limits)) this.start();
    } else if (this.inFlightRows + this.gathering.rowCount >= this.limits.rows) {
      // Only the write in flight: as it commits it starts the gathered batch (start), and reading
      // goes on while that one is written.
      await this.inFlight;
      this.throwIfFailed();
    }
  }

  /** Writes everything gathered and waits for it: the end of a table, or a stop. */
  async finish(): Promise<void> {
    await this.drain();
    this.throwIfFailed();
    if (!this.gathering.empty) this.start();
    await this.drain();
    this.throwIfFailed();
  }

  private start(): void {
    const batch = this.gathering;
    this.gathering = new PageBatch();
    this.inFlightRows = batch.rowCount;
    this.inFlight = this.write(batch).then(
      () => {
        this.inFlight = null;
        this.inFlightRows = 0;
        // Pages gathered during the write may already make a batch: write it now, not at the next page.
        if (this.gathering.isFull(this.limits)) this.start();
      },
      (error: unknown) => {
        this.inFlight = null;
        this.failure = { error };
      },
    );
  }

  private async drain(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight;
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }
}
