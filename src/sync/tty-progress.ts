/**
 * A live per-table display for people at a terminal: one line per table that
 * has started, redrawn in place at most ten times a second.
 */
import type { ProgressSink, TableProgress } from './progress.js';
import { rowsPerSecond } from './progress.js';

const MARK: Record<TableProgress['state'], string> = { running: '…', succeeded: '✓', failed: '✗' };

function formatLine(p: TableProgress, nameWidth: number): string {
  const seconds = (p.elapsedMs / 1000).toFixed(1).padStart(6);
  const rows = String(p.rowsWritten).padStart(9);
  const rate = p.state === 'running' ? `${rowsPerSecond(p)} rows/s`.padStart(14) : ''.padStart(14);
  const tail = p.state === 'failed' ? `  ${p.error ?? ''}` : '';
  return `${MARK[p.state]} ${p.table.padEnd(nameWidth)} ${rows} rows ${rate} ${String(p.tokens).padStart(7)} tokens ${seconds}s${tail}`;
}

export function ttyProgress(stream: NodeJS.WriteStream, refreshMs = 100): ProgressSink {
  const tables = new Map<string, TableProgress>();
  let drawnLines = 0;
  let dirty = false;

  const draw = (): void => {
    if (!dirty) return;
    dirty = false;
    const width = Math.max(8, ...[...tables.keys()].map((n) => n.length));
    const columns = stream.columns ?? 120;
    const lines = [...tables.values()].map((p) => formatLine(p, width).slice(0, columns - 1));
    // Move to the first line we drew, clear to the end of the screen, redraw.
    const rewind = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[0J` : '';
    stream.write(`${rewind}${lines.join('\n')}\n`);
    drawnLines = lines.length;
  };
  const timer = setInterval(draw, refreshMs);
  timer.unref();

  return {
    update(p) {
      tables.set(p.table, p);
      dirty = true;
    },
    finish() {
      clearInterval(timer);
      draw();
    },
  };
}
