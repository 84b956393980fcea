/**
 * The run report: what a sync did, per table. It is the last log line of a run
 * and, with `--report-file`, the Kubernetes termination message, which the
 * kubelet truncates at 4096 bytes; `serializeReport` therefore shrinks the
 * report itself (shorter errors, then fewer tables) so it always stays valid JSON.
 */
import type { Bookmark, SyncMode } from './contracts.js';

export type RunResult = 'succeeded' | 'failed' | 'partial';

export interface TableReport {
  name: string;
  result: 'succeeded' | 'failed';
  /** Rows received from the source, including a prefetched page that was never written. */
  rowsRead: number;
  /** Rows committed to the destination. */
  rowsWritten: number;
  /**
   * Rows flagged deleted: committed rows the source flagged (`is_deleted: true`) plus rows the delete
   * sweep flagged because a complete read no longer listed them.
   */
  rowsDeleted: number;
  /** The bookmark committed last (the previous run's when nothing moved). */
  bookmark: Bookmark | null;
  durationMs: number;
  /** API tokens spent while reading this table (approximate when tables run concurrently). */
  tokens: number;
  error?: string;
}

export interface RunReport {
  runId: string;
  result: RunResult;
  mode: SyncMode;
  /** Process exit code a Job acts on: 0 ok, 1 transient, 2 configuration or credentials. */
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  /** The upper bound fixed at run start; incremental reads stop there. */
  signpost: string;
  durationMs: number;
  tokens: number;
  requests: number;
  rowsRead: number;
  rowsWritten: number;
  rowsDeleted: number;
  /** One human sentence, e.g. for SyncJob status. */
  message: string;
  tables: TableReport[];
  /** Set when tables were left out to respect the size limit. */
  tablesOmitted?: number;
}

/** The termination-message limit of Kubernetes. */
export const REPORT_MAX_BYTES = 4096;

export function runResult(tables: TableReport[]): RunResult {
  const failed = tables.filter((t) => t.result === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === tables.length ? 'failed' : 'partial';
}

export function runMessage(tables: TableReport[]): string {
  const written = tables.reduce((n, t) => n + t.rowsWritten, 0);
  const deleted = tables.reduce((n, t) => n + t.rowsDeleted, 0);
  const failed = tables.filter((t) => t.result === 'failed');
  const base = `${tables.length} tables, ${written} rows upserted, ${deleted} deleted`;
  if (failed.length === 0) return base;
  const first = failed[0];
  return `${base}; ${failed.length} failed (${failed.map((t) => t.name).join(', ')}): ${first?.error ?? 'unknown error'}`;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * The per-table facts the operator needs (name, rows, bookmark, failures),
 * without the ones a person reads in logs; defaults are left out.
 */
function slim(table: TableReport): TableReport {
  const { rowsRead: _read, durationMs: _duration, tokens: _tokens, ...kept } = table;
  const out: Record<string, unknown> = { ...kept };
  if (table.rowsDeleted === 0) delete out.rowsDeleted;
  if (table.result === 'succeeded') delete out.result;
  return out as unknown as TableReport;
}

/**
 * JSON of the report in at most `maxBytes` UTF-8 bytes. Shrinks in steps that
 * keep the most useful facts: clip messages, slim every table to what the
 * operator reads, then drop succeeded tables that moved no rows, then tables
 * from the end (failed ones are kept longest). A full-catalog run fits
 * without dropping any table.
 */
export function serializeReport(report: RunReport, maxBytes = REPORT_MAX_BYTES): string {
  const fits = (r: RunReport): boolean => byteLength(JSON.stringify(r)) <= maxBytes;
  if (fits(report)) return JSON.stringify(report);

  let current: RunReport = {
    ...report,
    message: clip(report.message, 300) ?? '',
    tables: report.tables.map((t) => (t.error ? { ...t, error: clip(t.error, 160) } : t)),
  };
  if (fits(current)) return JSON.stringify(current);
  current = { ...current, tables: current.tables.map(slim) };
  if (fits(current)) return JSON.stringify(current);

  const ranked = [
    ...current.tables.filter((t) => t.result === 'failed'),
    ...current.tables.filter((t) => t.result !== 'failed' && t.rowsWritten > 0),
    ...current.tables.filter((t) => t.result !== 'failed' && t.rowsWritten === 0),
  ];
  const total = current.tables.length + (current.tablesOmitted ?? 0);
  for (let keep = ranked.length - 1; keep >= 0; keep -= 1) {
    const kept = new Set(ranked.slice(0, keep));
    const candidate: RunReport = {
      ...current,
      tables: current.tables.filter((t) => kept.has(t)),
      tablesOmitted: total - keep,
    };
    if (fits(candidate)) return JSON.stringify(candidate);
  }
  // Only reachable with an absurdly small limit or huge ids: keep the verdict.
  const minimal = { runId: clip(current.runId, 100), result: current.result, exitCode: current.exitCode };
  return JSON.stringify(minimal);
}
