import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './args.js';
import { renderChart } from './chart.js';
import { toJsonLine, toTextLine } from './outcome.js';
import { loadBenchmarks, selectBenchmarks } from './registry.js';
import type { Benchmark, BenchResult } from './types.js';

/** `npm run bench -- [NAME...] [--quick] [--json] [--out DIR] [--docs]`: runs benchmarks, prints ratios, draws charts. */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function runOne(
  bench: Benchmark,
  quick: boolean,
  human: (line: string) => void,
): Promise<BenchResult[]> {
  const started = performance.now();
  human(`# ${bench.name}: ${bench.description}${quick ? ' (quick)' : ''}`);
  const results = await bench.run({
    quick,
    log: (message) => process.stderr.write(`  ${bench.name}: ${message}\n`),
  });
  human(`# ${bench.name} finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return results;
}

function writeCharts(
  bench: string,
  results: BenchResult[],
  outDir: string,
  docs: boolean,
  title: string,
): string[] {
  const svg = renderChart(
    title,
    results.map((result) => ({ bench, result })),
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const targets = [join(outDir, `${stamp}-${bench}.svg`), join(outDir, `${bench}.svg`)];
  if (docs) targets.push(join(REPO_ROOT, 'docs', 'benchmarks', `${bench}.svg`));
  for (const target of targets) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, svg);
  }
  return targets;
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // With --json, stdout carries only JSON lines; everything for humans goes to stderr.
  const human = (line: string): void => void (args.json ? process.stderr : process.stdout).write(`${line}\n`);
  const selected = selectBenchmarks(await loadBenchmarks(), args.names);
  const outDir = resolve(args.outDir ?? join(REPO_ROOT, 'bench', 'out'));
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
  human(`# bench ${process.argv.slice(2).join(' ')} on ${machine}, ${new Date().toISOString()}`);
  let failed = 0;
  for (const bench of selected) {
    let results: BenchResult[];
    try {
      results = await runOne(bench, args.quick, human);
    } catch (error) {
      failed += 1;
      human(`# ${bench.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      continue;
    }
    for (const result of results) {
      if (args.json) process.stdout.write(`${JSON.stringify(toJsonLine(bench.name, result))}\n`);
      human(toTextLine(bench.name, result));
    }
    const title = `${bench.name}${args.quick ? ' (quick)' : ''} · ${new Date().toISOString().slice(0, 16)}Z · ${machine}`;
    const written = writeCharts(bench.name, results, outDir, args.docs, title);
    human(`# chart: ${written.slice(1).join(', ')}`);
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  // Exit explicitly: a benchmark that leaves a socket open must not hang the run.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
