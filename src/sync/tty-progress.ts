/**
 * A live per-table display for people at a terminal. Running tables occupy a
 * small region at the bottom that is redrawn in place (at most ten times a
 * second); a table that ends is printed once above it and scrolls away like a
 * log, so the live region never grows beyond the concurrency.
 */
import type { ProgressSink, TableProgress } from './progress.js';
import { rowsPerSecond } from './progress.js';

const MARK: Record<TableProgress['state'], string> = { running: '…', succeeded: '✓', failed: '✗' };
const NAME_WIDTH = 26;

export function progressLine(p: TableProgress): string {
  const seconds = `${(p.elapsedMs / 1000).toFixed(1)}s`.padStart(7);
  const rows = `${p.rowsWritten} ${p.rowsWritten === 1 ? 'row' : 'rows'}`.padStart(12);
  const rate = p.state === 'running' ? `${rowsPerSecond(p)} rows/s`.padStart(14) : ''.padStart(14);
  const tokens = `${p.tokens} tokens`.padStart(13);
  const tail = p.state === 'failed' ? `  ${p.error ?? ''}` : '';
  return `${MARK[p.state]} ${p.table.padEnd(NAME_WIDTH)}${seconds}${rows}${rate}${tokens}${tail}`;
}

export interface TtyProgressOptions {
  refreshMs?: number;
  /** Show only the running tables and erase them at the end (for callers that print their own summary). */
  transient?: boolean;
}

export function ttyProgress(stream: NodeJS.WriteStream, options: TtyProgressOptions = {}): ProgressSink {
  const refreshMs = options.refreshMs ?? 100;
  const running = new Map<string, TableProgress>();
  const finished: TableProgress[] = [];
  let drawnLines = 0;
  let dirty = false;

  const draw = (): void => {
    if (!dirty) return;
    dirty = false;
    const fit = (line: string): string => line.slice(0, Math.max(20, (stream.columns ?? 120) - 1));
    // Move to the first live line, clear to the end of the screen, print what
    // ended since the last frame, then the live region again.
    const rewind = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[0J` : '';
    const done = finished.splice(0).map((p) => fit(progressLine(p)));
    if (options.transient) done.length = 0;
    const live = [...running.values()].map((p) => fit(progressLine(p)));
    const lines = [...done, ...live];
    stream.write(`${rewind}${lines.map((l) => `${l}\n`).join('')}`);
    drawnLines = live.length;
  };
  const timer = setInterval(draw, refreshMs);
  timer.unref();

  return {
    update(p) {
      if (p.state === 'running') {
        running.set(p.table, p);
      } else {
        running.delete(p.table);
        finished.push(p);
      }
      dirty = true;
    },
    finish() {
      clearInterval(timer);
      if (options.transient) {
        running.clear();
        dirty = true;
      }
      draw();
    },
  };
}
