/**
 * Front door of the sync engine: `runSync` joins a Source (the Pipedrive
 * connector) to a Destination and returns a run report.
 */
export { runSync, DEFAULT_CONCURRENCY, failureReport, newRunId } from './run-sync.js';
export type { RunSyncOptions } from './run-sync.js';
export { DEFAULT_BATCH_LIMITS } from './page-batch.js';
export type { BatchLimits } from './page-batch.js';
export { serializeReport, REPORT_MAX_BYTES } from './run-report.js';
export type { RunReport, RunResult, TableReport } from './run-report.js';
export { logProgress, silentProgress } from './progress.js';
export type { ProgressSink, TableProgress } from './progress.js';
export { ttyProgress } from './tty-progress.js';
