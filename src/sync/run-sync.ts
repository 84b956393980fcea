/**
 * One sync run: discover, ensure tables, record custom fields, then sync the
 * selected tables with bounded concurrency. The signpost (the upper bound of
 * incremental reads) is fixed once at run start, so a long run never chases
 * its own tail. The run always ends with a report, also when it fails early.
 * A table read completely (the source says so on its last page) is then swept:
 * rows the read did not list are flagged deleted in the destination.
 */
import { assertSourceReady } from './source-check.js';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import { createLogger } from '../observability/logger.js';
import type { Bookmark, Destination, Source, SyncMode, TableSchema } from './contracts.js';
import { ConfigurationError, EXIT_OK, exitCodeFor } from './errors.js';
import type { ProgressSink } from './progress.js';
import { silentProgress } from './progress.js';
import type { RunReport, TableReport } from './run-report.js';
import { runMessage, runResult } from './run-report.js';
import { errorMessage, syncTable } from './table-sync.js';
import { withDeletedColumn } from './deleted-column.js';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './page-batch.js';
import { forEachBounded } from './task-pool.js';
import { TokenMeter } from './token-meter.js';

export interface RunSyncOptions {
  source: Source;
  destination: Destination;
  /** Tables to sync (default: every table the source discovers). */
  tables?: string[];
  mode: SyncMode;
  /** Tables synced at the same time (default 3). */
  concurrency?: number;
  clock?: { now(): Date };
  /**
   * The clock the destination stamps `_synced_at` with (default: the system clock, as
   * createDestination's). The delete sweep reads its threshold from it at run start; the engine's
   * `clock` may be another one (a simulator's), and a threshold ahead of the stamps would flag rows
   * just written.
   */
  destinationClock?: { now(): Date };
  logger?: Logger;
  progress?: ProgressSink;
  runId?: string;
  /**
   * Stops the run early (the CLI aborts it on SIGTERM, e.g. a Job's deadline):
   * running tables commit the pages they have read and stop, the rest do not
   * start, and the report still goes out.
   */
  signal?: AbortSignal;
  /** How many consecutive pages of a table are written as one transaction (default DEFAULT_BATCH_LIMITS). */
  batch?: BatchLimits;
}

export const DEFAULT_CONCURRENCY = 3;

const systemClock = { now: () => new Date() };

export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

async function prepareTables(options: RunSyncOptions): Promise<TableSchema[]> {
  const { source, destination, tables } = options;
  await destination.check();
  await assertSourceReady(source);
  const knownCustomFields = await destination.readCustomFields();
  const schemas = await source.discover({ knownCustomFields, tables });
  // Every table carries is_deleted, so a row a sweep flagged is unflagged when it is listed again.
  const selected = (tables ? schemas.filter((s) => tables.includes(s.name)) : schemas).map(withDeletedColumn);
  const missing = (tables ?? []).filter((name) => !schemas.some((s) => s.name === name));
  if (missing.length > 0) {
    const valid = schemas.map((s) => s.name).join(', ');
    throw new ConfigurationError(
      `The source does not offer table ${missing.join(', ')}; it offers: ${valid}.`,
    );
  }
  for (const schema of selected) await destination.ensureTable(schema);
  await destination.writeCustomFields(selected.flatMap((s) => s.customFields));
  return selected;
}

/**
 * Runs a sync and returns its report; never throws for a failed sync (the
 * report says what failed and carries the exit code).
 * @example
 * const report = await runSync({ source: createConnector(cfg), destination, mode: 'incremental' });
 * process.exitCode = report.exitCode;
 */
export async function runSync(options: RunSyncOptions): Promise<RunReport> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const progress = options.progress ?? silentProgress;
  // Before any write of this run: rows stamped earlier and not written again were not listed.
  const seenSince = (options.destinationClock ?? systemClock).now();
  const startedAt = clock.now();
  const runId = options.runId ?? newRunId(startedAt);
  const signpost = startedAt;
  const tokens = new TokenMeter(options.source);
  const tables: TableReport[] = [];
  const errors: unknown[] = [];
  logger.info('Started sync run', { runId, mode: options.mode, signpost: signpost.toISOString() });

  try {
    const schemas = await prepareTables(options);
    const bookmarks: Map<string, Bookmark> =
      options.mode === 'full' ? new Map() : await options.destination.readBookmarks();
    const context = {
      source: options.source,
      destination: options.destination,
      readOptions: { mode: options.mode, signpost },
      seenSince,
      clock,
      tokens,
      progress,
      logger,
      signal: options.signal,
      batch: options.batch ?? DEFAULT_BATCH_LIMITS,
    };
    const results = new Map<string, TableReport>();
    await forEachBounded(schemas, options.concurrency ?? DEFAULT_CONCURRENCY, async (schema) => {
      const outcome = await syncTable(context, schema, bookmarks.get(schema.name) ?? null);
      results.set(schema.name, outcome.report);
      if (outcome.error !== undefined) errors.push(outcome.error);
    });
    // Report in catalog order, not completion order, so reports diff cleanly.
    for (const schema of schemas) tables.push(results.get(schema.name) as TableReport);
  } catch (error) {
    errors.push(error);
  } finally {
    progress.finish();
  }

  const report = buildReport({
    runId,
    mode: options.mode,
    startedAt,
    finishedAt: clock.now(),
    tables,
    errors,
    tokens,
  });
  await recordRun(options.destination, report, logger);
  logger.log(report.exitCode === EXIT_OK ? 'info' : 'warn', 'Finished sync run', { report });
  return report;
}

function buildReport(input: {
  runId: string;
  mode: SyncMode;
  startedAt: Date;
  finishedAt: Date;
  tables: TableReport[];
  errors: unknown[];
  tokens?: TokenMeter;
}): RunReport {
  const { tables, errors } = input;
  const failedEarly = errors.length > 0 && tables.every((t) => t.result === 'succeeded');
  const exitCode = errors.length === 0 ? EXIT_OK : Math.max(...errors.map((e) => exitCodeFor(e)));
  const spent = input.tokens?.total() ?? { tokens: 0, requests: 0 };
  const sum = (key: 'rowsRead' | 'rowsWritten' | 'rowsDeleted'): number =>
    tables.reduce((n, t) => n + t[key], 0);
  return {
    runId: input.runId,
    result: failedEarly ? 'failed' : runResult(tables),
    mode: input.mode,
    exitCode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    signpost: input.startedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    tokens: spent.tokens,
    requests: spent.requests,
    rowsRead: sum('rowsRead'),
    rowsWritten: sum('rowsWritten'),
    rowsDeleted: sum('rowsDeleted'),
    message: failedEarly ? errorMessage(errors[0]) : runMessage(tables),
    tables,
  };
}

/** The report of a run that could not even start (bad options, unreachable destination). */
export function failureReport(error: unknown, mode: SyncMode, now: Date): RunReport {
  return buildReport({
    runId: newRunId(now),
    mode,
    startedAt: now,
    finishedAt: now,
    tables: [],
    errors: [error],
  });
}

async function recordRun(destination: Destination, report: RunReport, logger: Logger): Promise<void> {
  try {
    await destination.recordRun({
      runId: report.runId,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      result: report.result,
      rowsPerTable: Object.fromEntries(report.tables.map((t) => [t.name, t.rowsWritten])),
      message: report.message,
    });
  } catch (error) {
    // The destination may be the very thing that failed; the report still goes out.
    logger.warn('Failed to record sync run', { runId: report.runId, error: errorMessage(error) });
  }
}
