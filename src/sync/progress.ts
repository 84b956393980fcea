/**
 * Progress of a run, per table. The engine reports snapshots to a
 * ProgressSink; the CLI picks a live terminal display when stderr is a TTY and
 * structured log lines otherwise (Jobs, CI, pipes).
 */
import type { Logger } from '../observability/logger.js';

export type TableState = 'running' | 'succeeded' | 'failed';

/** Cumulative progress of one table, as of `elapsedMs` after the table started. */
export interface TableProgress {
  table: string;
  state: TableState;
  /** Rows committed to the destination (pages are committed in batches, see page-batch.ts). */
  rowsWritten: number;
  /** Rows read so far, committed or still gathered in the table's current batch. */
  rowsRead: number;
  rowsDeleted: number;
  tokens: number;
  elapsedMs: number;
  bookmark: string | null;
  error?: string;
}

/** Receives progress snapshots; `finish` is called once when the run ends. */
export interface ProgressSink {
  update(progress: TableProgress): void;
  finish(): void;
}

export function rowsPerSecond(p: TableProgress): number {
  return p.elapsedMs > 0 ? Math.round((p.rowsWritten * 1000) / p.elapsedMs) : 0;
}

/** Discards progress (library callers that only want the report). */
export const silentProgress: ProgressSink = { update: () => undefined, finish: () => undefined };

/**
 * Logs "Synced rows" for a running table at most every `intervalMs` (measured
 * with the table's own elapsed time, so no timer is needed), and one line when
 * a table ends.
 */
export function logProgress(logger: Logger, intervalMs = 5000): ProgressSink {
  const lastLogged = new Map<string, number>();
  return {
    update(p) {
      const fields = {
        table: p.table,
        rows: p.rowsWritten,
        deleted: p.rowsDeleted,
        rowsPerSecond: rowsPerSecond(p),
        tokens: p.tokens,
        durationMs: p.elapsedMs,
      };
      if (p.state === 'succeeded') {
        logger.info('Synced table', { ...fields, bookmark: p.bookmark });
      } else if (p.state === 'failed') {
        logger.error('Failed to sync table', { ...fields, bookmark: p.bookmark, error: p.error });
      } else if (p.elapsedMs - (lastLogged.get(p.table) ?? 0) >= intervalMs) {
        lastLogged.set(p.table, p.elapsedMs);
        logger.info('Synced rows', fields);
      }
    },
    finish: () => undefined,
  };
}
