/**
 * `npm run soak`: the chaos scenario of test/reliability at volume. Each
 * engine in SOAK_ENGINES syncs about 4.2 x SOAK_SCALE records (default
 * 240,000 deals: ~1,000,000 records) under SOAK_FAULTS (default 10 %) API
 * faults, SIGKILLed SOAK_KILLS times, then the world changes and it syncs
 * again. Prints every run, a checksum per table and the figures; exits 1 on
 * any difference or bookmark problem.
 *   SOAK_ENGINES=postgres,sqlite SOAK_SCALE=240000 SOAK_KILLS=8 npm run soak
 */
import type { Engine } from '../e2e-sync/databases.js';
import { runChaos } from '../reliability/chaos-driver.js';
import { isIdentical } from '../reliability/table-checksums.js';

const env = process.env;
const number = (name: string, fallback: number): number => (env[name] ? Number(env[name]) : fallback);
const engines = (env.SOAK_ENGINES ?? 'postgres').split(',').map((e) => e.trim()) as Engine[];
const stamp = () => new Date().toISOString().slice(11, 19);

let failed = false;
for (const engine of engines) {
  const figures = await runChaos({
    engine,
    seed: number('SOAK_SEED', 1001),
    scale: number('SOAK_SCALE', 240_000),
    kills: Math.max(5, number('SOAK_KILLS', 8)),
    laterKills: number('SOAK_LATER_KILLS', 2),
    faultRate: number('SOAK_FAULTS', 0.1),
    timeoutMs: number('SOAK_TIMEOUT_MS', 5000),
    pageSize: number('SOAK_PAGE_SIZE', 500),
    concurrency: number('SOAK_CONCURRENCY', 3),
    changes: number('SOAK_CHANGES', 200),
    pollMs: number('SOAK_POLL_MS', 1000),
    log: (line) => console.log(`${stamp()} [${engine}] ${line}`),
  });
  const identical = figures.comparisons.length > 0 && figures.comparisons.every(isIdentical);
  const ok = identical && figures.problems.length === 0 && figures.kills >= 5;
  failed ||= !ok;
  console.log(
    `${stamp()} [${engine}] ${ok ? 'PASS' : 'FAIL'} records=${figures.records} runs=${figures.runs} kills=${figures.kills}` +
      ` failedRuns=${figures.failedRuns} requests=${figures.requests} faults=${figures.faultsInjected}` +
      ` duration=${Math.round(figures.durationMs / 1000)}s`,
  );
  for (const problem of figures.problems) console.log(`${stamp()} [${engine}] problem: ${problem}`);
}
process.exitCode = failed ? 1 : 0;
