import { describe, expect, it } from 'vitest';
import type { RunReport, TableReport } from '../../src/sync/index.js';
import { serializeReport } from '../../src/sync/index.js';
import { runMessage, runResult } from '../../src/sync/run-report.js';

const aTable = (overrides: Partial<TableReport> = {}): TableReport => ({
  name: 'deals',
  result: 'succeeded',
  rowsRead: 10,
  rowsWritten: 10,
  rowsDeleted: 1,
  bookmark: '2026-11-28T10:00:00Z',
  durationMs: 1200,
  tokens: 20,
  ...overrides,
});

const aReport = (tables: TableReport[]): RunReport => ({
  runId: '20261128T100000Z-abcdef',
  result: runResult(tables),
  mode: 'incremental',
  exitCode: 0,
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:01:00.000Z',
  signpost: '2026-11-28T10:00:00.000Z',
  durationMs: 60_000,
  tokens: 400,
  requests: 90,
  rowsRead: 0,
  rowsWritten: 0,
  rowsDeleted: 0,
  message: runMessage(tables),
  tables,
});

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('run report', () => {
  it.each([
    ['succeeded when every table succeeded', [aTable(), aTable({ name: 'persons' })], 'succeeded'],
    ['partial when some tables failed', [aTable(), aTable({ name: 'persons', result: 'failed' })], 'partial'],
    ['failed when every table failed', [aTable({ result: 'failed' })], 'failed'],
  ] as const)('is %s', (_name, tables, expected) => {
    expect(runResult([...tables])).toBe(expected);
  });

  it('serialises a small report unchanged', () => {
    const report = aReport([aTable()]);
    expect(JSON.parse(serializeReport(report))).toEqual(report);
  });

  it('stays within 4096 bytes with many tables, long errors and unicode names, keeping failed tables', () => {
    const tables = Array.from({ length: 120 }, (_, i) =>
      aTable({
        name: `täble_${'ü'.repeat(20)}_${i}`,
        result: i === 97 ? 'failed' : 'succeeded',
        error: i === 97 ? `HTTP 503 from /api/v2/deals ${'x'.repeat(2000)}` : undefined,
        rowsWritten: i % 3 === 0 ? 0 : i,
      }),
    );
    const text = serializeReport(aReport(tables));
    expect(bytes(text)).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(text) as RunReport;
    expect(parsed.result).toBe('partial');
    expect(parsed.tables.some((t) => t.name.endsWith('_97') && t.result === 'failed')).toBe(true);
    expect(parsed.tables.length + (parsed.tablesOmitted ?? 0)).toBe(120);
    expect(parsed.tables.every((t) => t.rowsWritten > 0 || t.result === 'failed')).toBe(
      parsed.tables.length < 80,
    );
  });

  it('keeps every table of a full-catalog run, slimmed to what the operator reads', async () => {
    const { TABLE_NAMES } = await import('../../src/connector/index.js');
    const tables = TABLE_NAMES.map((name, i) =>
      aTable({
        name,
        rowsWritten: 100_000 + i,
        bookmark: `2026-11-28T10:00:${String(i % 60).padStart(2, '0')}Z`,
      }),
    );
    const text = serializeReport(aReport(tables));
    expect(bytes(text)).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(text) as RunReport;
    expect(parsed.tablesOmitted).toBeUndefined();
    expect(parsed.tables.map((t) => [t.name, t.rowsWritten, t.bookmark])).toEqual(
      tables.map((t) => [t.name, t.rowsWritten, t.bookmark]),
    );
  });

  it('keeps the verdict even under an absurdly small limit', () => {
    const parsed = JSON.parse(serializeReport(aReport([aTable()]), 80)) as Partial<RunReport>;
    expect(parsed.result).toBe('succeeded');
    expect(parsed.exitCode).toBe(0);
  });
});
