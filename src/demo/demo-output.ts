/** Text blocks the demo prints: headings and per-table summaries (pure). */
import type { RunReport, TableReport } from '../sync/index.js';

const bold = (text: string, color: boolean): string => (color ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string, color: boolean): string => (color ? `\x1b[2m${text}\x1b[0m` : text);

export function heading(step: number, text: string, color: boolean): string {
  return `\n${bold(`${step}. ${text}`, color)}\n`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function row(t: TableReport, width: number): string {
  const deleted = t.rowsDeleted > 0 ? `${t.rowsDeleted} deleted` : '';
  const status = t.result === 'failed' ? `FAILED: ${t.error ?? ''}` : '';
  return `  ${t.name.padEnd(width)} ${String(t.rowsWritten).padStart(7)} ${deleted.padStart(11)} ${String(t.tokens).padStart(7)}  ${status}`;
}

/** The full-sync summary: every table with its rows. */
export function fullSummary(report: RunReport, color: boolean): string {
  const width = Math.max(...report.tables.map((t) => t.name.length), 5);
  const header = dim(
    `  ${'table'.padEnd(width)} ${'rows'.padStart(7)} ${''.padStart(11)} ${'tokens'.padStart(7)}`,
    color,
  );
  const lines = report.tables.map((t) => row(t, width));
  const total = `  ${'total'.padEnd(width)} ${String(report.rowsWritten).padStart(7)} ${''.padStart(11)} ${String(report.tokens).padStart(7)}`;
  return [
    header,
    ...lines,
    bold(total, color),
    '',
    `  ${report.result} in ${seconds(report.durationMs)}: ${report.message}`,
  ].join('\n');
}

/**
 * The incremental summary: incremental tables that moved rows are listed;
 * the small reference tables Pipedrive cannot filter by change time are
 * re-read every run and summarised on one line.
 */
export function incrementalSummary(
  report: RunReport,
  fullRefresh: ReadonlySet<string>,
  fullSyncTokens: number,
  color: boolean,
): string {
  const moved = report.tables.filter(
    (t) => !fullRefresh.has(t.name) && (t.rowsWritten > 0 || t.result === 'failed'),
  );
  const still = report.tables.filter(
    (t) => !fullRefresh.has(t.name) && t.rowsWritten === 0 && t.result !== 'failed',
  );
  const reread = report.tables.filter((t) => fullRefresh.has(t.name));
  const width = Math.max(...moved.map((t) => t.name.length), 5);
  const lines = moved.length > 0 ? moved.map((t) => row(t, width)) : ['  (no incremental table moved)'];
  const rereadRows = reread.reduce((n, t) => n + t.rowsWritten, 0);
  return [
    dim(`  ${'table'.padEnd(width)} ${'rows'.padStart(7)} ${''.padStart(11)} ${'tokens'.padStart(7)}`, color),
    ...lines,
    '',
    dim(`  ${still.length} incremental tables had no changes and read nothing new.`, color),
    dim(
      `  ${reread.length} small reference tables without a change filter were re-read in full (${rereadRows} rows).`,
      color,
    ),
    '',
    `  ${report.result} in ${seconds(report.durationMs)}, ${report.tokens} API tokens (the full sync spent ${fullSyncTokens}).`,
  ].join('\n');
}
