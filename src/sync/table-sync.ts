/**
 * Syncs one table: read pages from the bookmark (one page prefetched), encode
 * each into the destination's form as it arrives, gather consecutive pages
 * into batches (page-batch.ts) and write each batch with the bookmark of its
 * last page in one transaction while reading on (batch-writer.ts), report
 * progress. A failure stops this table only: a failed read still commits the
 * rows read before it; a failed write loses its own batch and the pages read
 * after it, and the committed bookmark stays at the last batch written. A read the source calls complete, written without
 * error, ends with the delete sweep, unless the table was empty when the run began.
 */
import type { Logger } from '../observability/logger.js';
import { redact } from '../observability/redaction.js';
import type { Bookmark, Destination, ReadOptions, Row, Source, TableSchema } from './contracts.js';
import { BatchWriter } from './batch-writer.js';
import type { BatchLimits } from './page-batch.js';
import { prefetched } from './prefetch.js';
import type { ProgressSink, TableProgress } from './progress.js';
import type { TableReport } from './run-report.js';
import type { TokenMeter } from './token-meter.js';
import { SyncError } from './errors.js';

export interface TableSyncContext {
  source: Source;
  destination: Destination;
  readOptions: ReadOptions;
  /** Time on the destination's clock before this run's first write: the delete sweep's threshold. */
  seenSince: Date;
  clock: { now(): Date };
  tokens: TokenMeter;
  progress: ProgressSink;
  logger: Logger;
  /** Aborted on SIGTERM: the table commits the pages it has read and stops. */
  signal?: AbortSignal;
  batch: BatchLimits;
}

function stopIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new SyncError(
      'transient',
      'Interrupted before the table finished; the next run resumes from its bookmark.',
    );
  }
}

export interface TableOutcome {
  report: TableReport;
  error?: unknown;
}

const countDeleted = (rows: Row[]): number =>
  rows.reduce((n, row) => n + (row.is_deleted === true ? 1 : 0), 0);

export function errorMessage(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

/** Rows a complete read did not list are gone from Pipedrive: flag them, never remove them. */
async function sweep(ctx: TableSyncContext, table: TableSchema, report: TableReport): Promise<void> {
  const flagged = await ctx.destination.markUnseenDeleted(table, ctx.seenSince);
  report.rowsDeleted += flagged;
  if (flagged > 0)
    ctx.logger.info('Flagged rows no longer listed as deleted', { table: table.name, rows: flagged });
}

export async function syncTable(
  ctx: TableSyncContext,
  table: TableSchema,
  startBookmark: Bookmark | null,
): Promise<TableOutcome> {
  const started = ctx.clock.now().getTime();
  const report: TableReport = {
    name: table.name,
    result: 'succeeded',
    rowsRead: 0,
    rowsWritten: 0,
    rowsDeleted: 0,
    bookmark: startBookmark,
    durationMs: 0,
    tokens: 0,
  };
  const snapshot = (state: TableProgress['state']): TableProgress => {
    report.durationMs = ctx.clock.now().getTime() - started;
    return {
      table: table.name,
      state,
      rowsWritten: report.rowsWritten,
      rowsDeleted: report.rowsDeleted,
      rowsRead: report.rowsRead,
      tokens: report.tokens,
      elapsedMs: report.durationMs,
      bookmark: report.bookmark,
      error: report.error,
    };
  };

  const writer = new BatchWriter(async (batch) => {
    await ctx.destination.write(table, batch.pages, batch.bookmark);
    report.rowsWritten += batch.rowCount;
    report.rowsDeleted += batch.deleted;
    if (batch.bookmark !== null) report.bookmark = batch.bookmark;
    ctx.progress.update(snapshot('running'));
  }, ctx.batch);

  try {
    stopIfInterrupted(ctx.signal);
    ctx.progress.update(snapshot('running'));
    // Asked before the first write. When the answer is unknown, sweep as usual.
    const emptyAtStart = await ctx.destination.isEmpty(table).catch(() => false);
    let complete = false;
    try {
      for await (const page of prefetched(ctx.source.read(table, startBookmark, ctx.readOptions))) {
        complete = page.complete === true;
        report.rowsRead += page.rows.length;
        report.tokens += ctx.tokens.charge(table.name);
        if (page.rows.length > 0 || page.bookmark !== null) {
          // Encoded now, so the rows die here rather than in the batch; a row the table cannot
          // hold fails like a read (the pages before it still commit).
          const rows = page.rows.length > 0 ? ctx.destination.encode(table, page.rows) : null;
          await writer.add({ rows, bookmark: page.bookmark, deleted: countDeleted(page.rows) });
        }
        ctx.progress.update(snapshot('running'));
        if (ctx.signal?.aborted === true) await writer.finish();
        stopIfInterrupted(ctx.signal);
      }
    } catch (error) {
      // A read failed: the pages read before it are whole and their bookmark covers them, so
      // they still commit (the writer refuses if a write failed instead).
      await writer.finish().catch(() => undefined);
      throw error;
    }
    await writer.finish();
    // A table empty when the run began holds only rows this read listed: nothing to flag, and the
    // sweep would scan the whole table to find that out (a first full sync's largest tables).
    if (complete && !emptyAtStart) await sweep(ctx, table, report);
    report.tokens += ctx.tokens.charge(table.name);
    ctx.progress.update(snapshot('succeeded'));
    return { report };
  } catch (error) {
    report.tokens += ctx.tokens.charge(table.name);
    report.result = 'failed';
    report.error = errorMessage(error);
    ctx.logger.debug('Failed to sync table', {
      table: table.name,
      stack: redact(String((error as Error).stack)),
    });
    ctx.progress.update(snapshot('failed'));
    return { report, error };
  }
}
