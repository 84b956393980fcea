import type { BenchJsonLine, BenchResult, Goal } from './types.js';

/** Pure arithmetic on results: ratio to the baseline, whether the goal is met, the JSON line. */

export function ratioOf(result: BenchResult): number | null {
  if (result.baseline === null || result.baseline === 0) return null;
  return result.value / result.baseline;
}

export function describeGoal(goal: Goal | null): string | null {
  return goal ? `${goal.on} ${goal.op} ${goal.target}` : null;
}

export function goalMet(result: BenchResult): boolean | null {
  const { goal } = result;
  if (!goal) return null;
  const actual = goal.on === 'value' ? result.value : ratioOf(result);
  if (actual === null) return false;
  switch (goal.op) {
    case '>=':
      return actual >= goal.target;
    case '<=':
      return actual <= goal.target;
    case '>':
      return actual > goal.target;
    case '<':
      return actual < goal.target;
  }
}

const round = (n: number, digits = 4): number => Number(n.toPrecision(digits + 2));

export function toJsonLine(bench: string, result: BenchResult): BenchJsonLine {
  const ratio = ratioOf(result);
  return {
    bench,
    metric: result.metric,
    value: round(result.value),
    unit: result.unit,
    baseline: result.baseline === null ? null : round(result.baseline),
    ratio: ratio === null ? null : round(ratio),
    goal: describeGoal(result.goal),
    met: goalMet(result),
  };
}

function formatNumber(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

/** One human line: `simulator  records_per_s  31,234 records/s  = 0.41x bare node:http (...)  goal value >= 20000  MET`. */
export function toTextLine(bench: string, result: BenchResult): string {
  const line = toJsonLine(bench, result);
  const parts = [`${bench.padEnd(12)} ${line.metric.padEnd(22)} ${formatNumber(result.value)} ${line.unit}`];
  if (line.ratio !== null) {
    parts.push(
      `= ${line.ratio.toFixed(2)}x ${result.baselineLabel ?? 'baseline'} (${formatNumber(result.baseline!)})`,
    );
  }
  if (line.goal) parts.push(`goal ${line.goal}: ${line.met ? 'MET' : 'MISSED'}`);
  if (result.note) parts.push(`[${result.note}]`);
  return parts.join('  ');
}
