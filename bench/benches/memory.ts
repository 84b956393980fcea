import { loadavg } from 'node:os';
import { runCompiledSync } from '../support/cli-sync.js';
import { LOAD_TABLES, loadScale, thousands } from '../support/dataset.js';
import { freshDestination } from '../support/fresh-destination.js';
import { syncOnce } from '../support/load-bench.js';
import { compileForBench } from '../support/operator-process.js';
import { startSimProcess } from '../support/sim-process.js';
import { runWorker } from '../support/worker-process.js';
import type { Benchmark, BenchContext, BenchResult } from '../types.js';

/**
 * Issue 8, benchmark 3: peak RSS of the sync process (its own child process, maxRSS from the kernel) for a full
 * sync of deals, persons, organizations and activities into SQLite at three company sizes. Goals: flat within
 * 20 % from the smallest to the largest, and under 256 MB. The floor (the same process with every module
 * loaded and nothing done) is reported alongside.
 */

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = ctx.quick ? [10_000, 30_000, 100_000] : [100_000, 300_000, 1_000_000];
  // The floor of a tsx worker; the compiled CLI's floor is lower, so full runs compare against a higher floor.
  const floor = await runWorker({ kind: 'idle' });
  ctx.log(`floor (modules loaded, nothing done): ${floor.maxRssMb.toFixed(0)} MB`);
  const peaks: { size: number; rss: number; seconds: number }[] = [];
  // Full runs measure `pipedrive-sync sync` compiled, as a Job runs it; --quick runs the engine in a tsx worker.
  const compiled = ctx.quick ? undefined : await compileForBench();
  for (const size of sizes) {
    if (!compiled) {
      const result = await syncOnce('sqlite', size, ctx);
      peaks.push({ size: result.rows, rss: result.maxRssMb, seconds: result.seconds });
      continue;
    }
    const sim = await startSimProcess({ seed: 1, scale: loadScale(size) });
    try {
      const destination = await freshDestination('sqlite', 'bench_memory');
      const simRef = { url: sim.url, token: sim.token, companyDomain: sim.companyDomain };
      const result = await runCompiledSync(compiled, simRef, destination, LOAD_TABLES, 'full');
      ctx.log(
        `sync of ${thousands(size)}: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
      );
      peaks.push({ size, rss: result.peakRssMb, seconds: result.seconds });
    } finally {
      await sim.close();
    }
  }
  const smallest = peaks[0]!;
  const largest = peaks[peaks.length - 1]!;
  const note = `${peaks.map((p) => `${thousands(p.size)} rows: ${p.rss.toFixed(0)} MB in ${p.seconds.toFixed(0)} s`).join('; ')}; load average ${loadavg()[0]!.toFixed(1)}`;
  return [
    ...peaks.map((p) => ({
      metric: `peak_rss_${Math.round(p.size / 1000)}k`,
      value: p.rss,
      unit: 'MB',
      baseline: floor.maxRssMb,
      baselineLabel: 'the same process with every module loaded, idle',
      goal: { on: 'value' as const, op: '<=' as const, target: 256 },
    })),
    {
      metric: 'peak_rss_growth',
      value: largest.rss,
      unit: 'MB',
      baseline: smallest.rss,
      baselineLabel: `peak RSS at ${thousands(smallest.size)} rows`,
      goal: { on: 'ratio', op: '<=', target: 1.2 },
      note,
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'memory',
  description: 'peak RSS of the sync process at 100k, 300k and 1M records (SQLite destination)',
  run,
};
