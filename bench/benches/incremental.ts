import { loadavg } from 'node:os';
import { LOAD_TABLES, loadScale, thousands } from '../support/dataset.js';
import { dropDestination, freshDestination } from '../support/fresh-destination.js';
import { startSimProcess } from '../support/sim-process.js';
import { runWorker } from '../support/worker-process.js';
import type { Benchmark, BenchContext, BenchResult } from '../types.js';

/**
 * Issue 8, benchmark 6: a full sync of deals, persons, organizations and activities into SQLite, then 1 % of
 * their records changed in the simulator, then an incremental sync from the committed bookmarks. Wall time
 * (in the sync process, start-up excluded) and API tokens of the incremental run vs the full run; goal <= 5 %.
 */

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const total = ctx.quick ? 30_000 : 300_000;
  const sim = await startSimProcess({ seed: 1, scale: loadScale(total) });
  try {
    const simRef = { url: sim.url, token: sim.token, companyDomain: sim.companyDomain };
    const destination = await freshDestination('sqlite', 'bench_incremental');
    const job = { kind: 'sync' as const, sim: simRef, destination, tables: LOAD_TABLES };
    const full = await runWorker({ ...job, mode: 'full' });
    ctx.log(`full: ${full.seconds.toFixed(1)} s, ${full.tokens} tokens, ${thousands(full.rows)} rows`);
    const { changed } = await sim.change(LOAD_TABLES, 0.01);
    const incremental = await runWorker({ ...job, mode: 'incremental' });
    ctx.log(
      `incremental after ${changed} changes: ${incremental.seconds.toFixed(1)} s, ${incremental.tokens} tokens, ${thousands(incremental.rows)} rows`,
    );
    await dropDestination('sqlite', 'bench_incremental');
    if (incremental.rows < changed) {
      throw new Error(`the incremental run wrote ${incremental.rows} rows but ${changed} records changed`);
    }
    const note = `${thousands(changed)} of ${thousands(full.rows)} records changed; incremental wrote ${thousands(incremental.rows)}; load average ${loadavg()[0]!.toFixed(1)}`;
    return [
      {
        metric: 'incremental_wall_vs_full',
        value: incremental.seconds,
        unit: 's',
        baseline: full.seconds,
        baselineLabel: 'full sync, same company',
        goal: { on: 'ratio', op: '<=', target: 0.05 },
        note,
      },
      {
        metric: 'incremental_tokens_vs_full',
        value: incremental.tokens ?? 0,
        unit: 'tokens',
        baseline: full.tokens ?? 0,
        baselineLabel: 'full sync, same company',
        goal: { on: 'ratio', op: '<=', target: 0.05 },
        note: `requests: incremental ${incremental.requests}, full ${full.requests}`,
      },
    ];
  } finally {
    await sim.close();
  }
}

export const benchmark: Benchmark = {
  name: 'incremental',
  description: 'incremental sync after 1 % changes vs a full sync: wall time and API tokens',
  run,
};
