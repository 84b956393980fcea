import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

// Runs the real `npm run bench -- simulator --quick --json` command line and checks what it prints and writes.
// No assertion on timings: the machine is shared, and the figures are for docs/benchmarks.md, not for CI.

const run = promisify(execFile);
const KEYS = ['baseline', 'bench', 'goal', 'met', 'metric', 'ratio', 'unit', 'value'];

test('the simulator bench prints one well-formed JSON line per result and draws its chart', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
  const { stdout } = await run(
    'npx',
    ['tsx', 'bench/main.ts', 'simulator', '--quick', '--json', '--out', out],
    {
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  const lines = stdout.trim().split('\n');
  const results = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(results.map((r) => r.metric)).toEqual([
    'records_per_s',
    'records_per_server_cpu_s',
    'rss_mb',
    'heap_used_mb',
  ]);
  for (const result of results) {
    expect(Object.keys(result).sort()).toEqual(KEYS);
    expect(result.bench).toBe('simulator');
    expect(result.value).toBeTypeOf('number');
    expect(result.value as number).toBeGreaterThan(0);
    expect(result.unit).toBeTypeOf('string');
    expect(result.baseline).toBeTypeOf('number');
    expect(result.ratio).toBeCloseTo((result.value as number) / (result.baseline as number), 2);
    if (result.goal === null) expect(result.met).toBeNull();
    else expect(result.met).toBeTypeOf('boolean');
  }
  expect(results[0]!.goal).toBe('value >= 20000');
  const chart = join(out, 'simulator.svg');
  expect(existsSync(chart)).toBe(true);
  expect(readFileSync(chart, 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*records_per_s[\s\S]*<\/svg>\n$/);
}, 600_000);
