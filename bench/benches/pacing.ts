import { loadavg } from 'node:os';
import { thousands } from '../support/dataset.js';
import { dropDestination, freshDestination } from '../support/fresh-destination.js';
import { startSimProcess } from '../support/sim-process.js';
import { runWorker } from '../support/worker-process.js';
import type { Benchmark, BenchContext, BenchResult } from '../types.js';

/**
 * Issue 8, benchmark 4: real-world pacing. The simulator answers every request after 100 ms and allows 80
 * requests per rolling 2 s and a daily token budget, like a Pipedrive plan. Six tables of equal size are synced
 * at once (pages of 25, so the rate limit, not CPU, is what binds). Reported: achieved request rate vs the
 * allowed 40/s (goal >= 90 %), 429s received (goal: none), and wall time vs the theoretical minimum (the first
 * 80 requests at once, then 40 per second; never faster than latency x requests / concurrency).
 */

const BURST = 80;
const WINDOW_MS = 2_000;
const LATENCY_MS = 100;
const DAILY_BUDGET = 1_000_000;
const TABLES = ['deals', 'persons', 'organizations', 'activities', 'products', 'notes'];
/** Small pages keep each request cheap on our side, so the limit measured is the server's, not our CPU's. */
const PAGE_SIZE = 25;

async function syncAgainst(options: { limited: boolean; each: number }) {
  const scale = Object.fromEntries(TABLES.map((t) => [t, options.each]));
  const sim = await startSimProcess({
    seed: 1,
    scale,
    latencyMs: LATENCY_MS,
    ...(options.limited
      ? { rateLimit: { burstLimit: BURST, burstWindowMs: WINDOW_MS, dailyBudget: DAILY_BUDGET } }
      : {}),
  });
  try {
    const destination = await freshDestination('sqlite', 'bench_pacing');
    const before = await sim.stats();
    const sync = await runWorker({
      kind: 'sync',
      sim: { url: sim.url, token: sim.token, companyDomain: sim.companyDomain },
      destination,
      tables: TABLES,
      mode: 'full',
      concurrency: TABLES.length,
      pageSize: PAGE_SIZE,
    });
    const after = await sim.stats();
    await dropDestination('sqlite', 'bench_pacing');
    return {
      sync,
      requests: after.requests - before.requests,
      status429: after.status429 - before.status429,
      tokens: after.tokensCharged - before.tokensCharged,
    };
  } finally {
    await sim.close();
  }
}

async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const each = ctx.quick ? 2_500 : 10_000;
  // The same sync without a rate limit (same latency) shows what this machine allows at the moment.
  const free = await syncAgainst({ limited: false, each });
  ctx.log(`unlimited: ${free.requests} requests in ${free.sync.seconds.toFixed(1)} s`);
  const { sync, requests, status429, tokens } = await syncAgainst({ limited: true, each });
  ctx.log(`limited: ${requests} requests (${status429} answered 429) in ${sync.seconds.toFixed(1)} s`);
  const allowedRate = BURST / (WINDOW_MS / 1000);
  const achieved = requests / sync.seconds;
  const minimum = Math.max(
    Math.max(0, requests - BURST) / allowedRate,
    (requests * LATENCY_MS) / 1000 / TABLES.length,
  );
  const note = `${requests} requests, ${thousands(sync.rows)} rows in pages of ${PAGE_SIZE}, ${tokens} of ${thousands(DAILY_BUDGET)} daily tokens, load average ${loadavg()[0]!.toFixed(1)}`;
  return [
    {
      metric: 'request_rate_vs_allowed',
      value: achieved,
      unit: 'requests/s',
      baseline: allowedRate,
      baselineLabel: `allowed: ${BURST} per ${WINDOW_MS / 1000} s`,
      goal: { on: 'ratio', op: '>=', target: 0.9 },
      note,
    },
    {
      metric: 'request_rate_vs_unlimited',
      value: achieved,
      unit: 'requests/s',
      baseline: free.requests / free.sync.seconds,
      baselineLabel: 'same sync, same latency, no rate limit',
      goal: null,
      note: 'what the machine allowed during this run; the allowed rate only binds if this exceeds 40/s',
    },
    {
      metric: 'status_429_received',
      value: status429,
      unit: 'responses',
      baseline: null,
      goal: { on: 'value', op: '<=', target: Math.max(1, Math.round(requests * 0.001)) },
      note: 'goal: near zero (at most 0.1 % of requests)',
    },
    {
      metric: 'wall_vs_theoretical_min',
      value: sync.seconds,
      unit: 's',
      baseline: minimum,
      baselineLabel: 'theoretical minimum at 40 requests/s',
      goal: { on: 'ratio', op: '<=', target: 1.11 },
      note,
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'pacing',
  description:
    '100 ms latency, 80 requests / 2 s and a daily budget: achieved rate vs allowed, 429s, wall vs minimum',
  run,
};
