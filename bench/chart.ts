import { goalMet, ratioOf } from './outcome.js';
import type { BenchResult } from './types.js';

/**
 * Renders results as an SVG bar chart: per result, the measured value and its same-run baseline as bars on one
 * scale, with the goal as a dashed marker. Pure: returns the SVG text.
 */

export interface ChartRow {
  bench: string;
  result: BenchResult;
}

const WIDTH = 960;
const LABEL_W = 250;
const BAR_W = 500;
const ROW_H = 78;
const TOP = 48;

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function formatValue(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}

/** Where the goal sits on the value axis: the target itself, or target x baseline for ratio goals. */
function goalPosition(result: BenchResult): number | null {
  const { goal } = result;
  if (!goal) return null;
  if (goal.on === 'value') return goal.target;
  return result.baseline === null ? null : goal.target * result.baseline;
}

function colourOf(result: BenchResult): string {
  const met = goalMet(result);
  if (met === null) return '#4c78a8';
  return met ? '#2e8b57' : '#c0392b';
}

function renderRow(row: ChartRow, index: number): string {
  const { result } = row;
  const y = TOP + index * ROW_H;
  const goalAt = goalPosition(result);
  const max = Math.max(result.value, result.baseline ?? 0, goalAt ?? 0) * 1.1 || 1;
  const x = (v: number): number => Math.round((LABEL_W + (v / max) * BAR_W) * 10) / 10;
  const ratio = ratioOf(result);
  const met = goalMet(result);
  const parts = [
    `<text x="8" y="${y + 18}" font-weight="bold">${escape(`${row.bench} · ${result.metric}`)}</text>`,
    `<text x="8" y="${y + 36}" fill="#555">${escape(result.goal ? `goal: ${result.goal.on} ${result.goal.op} ${result.goal.target}` : 'no goal (reported)')}</text>`,
    `<rect x="${LABEL_W}" y="${y + 6}" width="${x(result.value) - LABEL_W}" height="18" fill="${colourOf(result)}"/>`,
    `<text x="${x(result.value) + 6}" y="${y + 20}">${escape(`${formatValue(result.value)} ${result.unit}`)}</text>`,
  ];
  if (result.baseline !== null) {
    const label = `${result.baselineLabel ?? 'baseline'}: ${formatValue(result.baseline)}`;
    parts.push(
      `<rect x="${LABEL_W}" y="${y + 30}" width="${x(result.baseline) - LABEL_W}" height="14" fill="#b0b0b0"/>`,
      `<text x="${x(result.baseline) + 6}" y="${y + 42}" fill="#555">${escape(label)}</text>`,
    );
  }
  if (goalAt !== null) {
    parts.push(
      `<line x1="${x(goalAt)}" y1="${y + 2}" x2="${x(goalAt)}" y2="${y + 50}" stroke="#000" stroke-dasharray="4 3"/>`,
    );
  }
  const verdict = [
    ratio === null ? '' : `${ratio.toFixed(2)}x baseline`,
    met === null ? '' : met ? 'met' : 'MISSED',
  ]
    .filter(Boolean)
    .join(' · ');
  parts.push(`<text x="8" y="${y + 54}" fill="#555">${escape(verdict)}</text>`);
  return parts.join('\n');
}

export function renderChart(title: string, rows: readonly ChartRow[]): string {
  const height = TOP + rows.length * ROW_H + 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<text x="${LABEL_W}" y="40" fill="#555">bar: measured · grey: baseline (same run) · dashed: goal</text>`,
    ...rows.map(renderRow),
    '</svg>',
    '',
  ].join('\n');
}
