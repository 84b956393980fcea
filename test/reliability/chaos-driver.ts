/**
 * The chaos scenario shared by the test (small) and the soak (large): the
 * sync runs as a child process against a simulator injecting ~10 % faults
 * and is SIGKILLed at seeded random points (early by time, later by rows
 * stored) and restarted until a run completes; then the world changes and
 * the next runs (killed again) must bring exactly those changes. After every
 * process end the bookmarks are read with plain SQL and must not have moved
 * back nor disagree with the rows; at the end every table is compared row by
 * row with the simulator and a checksum per table is printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '../../src/simulator/index.js';
import type { Engine } from '../e2e-sync/databases.js';
import { freshDatabase } from '../e2e-sync/databases.js';
import { COMPARED, COMPARED_TABLES } from '../e2e-sync/dataset.js';
import { checkBookmarks } from './bookmark-checks.js';
import { changeWorld, chaosFaults, startChaosSimulator } from './chaos-world.js';
import { customFieldProblems, fieldColumns } from './custom-field-checks.js';
import type { DatabaseReader } from './database-reader.js';
import { openReader } from './database-reader.js';
import { killPlan, seededRandom } from './kill-plan.js';
import type { KillPoint } from './kill-plan.js';
import type { SyncTarget } from './sync-child.js';
import { runSyncChild } from './sync-child.js';
import type { TableComparison } from './table-checksums.js';
import { compareAll, formatComparison } from './table-checksums.js';

export interface ChaosOptions {
  engine: Engine;
  seed: number;
  /** Deals in the simulated company; the compared tables hold about 4.2 times as many records. */
  scale: number;
  /** SIGKILLs before the first complete run (and `laterKills` after the world changes). */
  kills: number;
  laterKills: number;
  faultRate: number;
  /** How long a 'timeout' fault holds a request before the simulator drops it. */
  timeoutMs: number;
  pageSize: number;
  concurrency: number;
  /** Records touched per kind of change. */
  changes: number;
  /** How often the kill condition (rows stored) is polled; counting a million rows is not free. */
  pollMs?: number;
  log: (line: string) => void;
}

export interface ChaosFigures {
  engine: Engine;
  records: number;
  requests: number;
  faultsInjected: number;
  kills: number;
  failedRuns: number;
  runs: number;
  durationMs: number;
  comparisons: TableComparison[];
  problems: string[];
}

interface Context {
  options: ChaosOptions;
  sim: RunningSimulator;
  reader: DatabaseReader;
  target: SyncTarget;
  figures: ChaosFigures;
  bookmarks: Map<string, string>;
}

async function storedRows(reader: DatabaseReader): Promise<number> {
  const existing = new Set(await reader.tables());
  let total = 0;
  for (const table of COMPARED_TABLES.filter((t) => existing.has(t)))
    total += Number((await reader.query('select count(*) as n from {table}', table))[0]?.n ?? 0);
  return total;
}

/** Runs sync processes, killing at each point of the plan, then until one completes (exit 0). */
async function runUntilComplete(ctx: Context, plan: KillPoint[], phase: string): Promise<void> {
  const { reader, options, figures } = ctx;
  const points = [...plan];
  for (let attempt = 0; attempt < points.length + 10; attempt += 1) {
    const point = points[0];
    const outcome = await runSyncChild(
      ctx.target,
      point &&
        (async (elapsed) =>
          point.kind === 'time' ? elapsed >= point.at : (await storedRows(reader)) >= point.at),
      { pollMs: options.pollMs },
    );
    figures.runs += 1;
    const check = await checkBookmarks(reader, ctx.sim, ctx.bookmarks);
    ctx.bookmarks = check.bookmarks;
    figures.problems.push(...check.problems.map((p) => `${phase} run ${figures.runs}: ${p}`));
    const how = outcome.killed ? `SIGKILL at ${point?.kind} ${point?.at}` : `exit ${outcome.code}`;
    options.log(`${phase}: run ${figures.runs} ${how} after ${outcome.durationMs} ms`);
    if (outcome.killed) {
      figures.kills += 1;
      points.shift();
      continue;
    }
    if (point) points.shift(); // the run ended before the kill point: that point is spent
    if (outcome.code === 0) return;
    if (outcome.code !== 1) {
      figures.problems.push(`${phase}: sync exited ${outcome.code}: ${outcome.stderr.slice(-1500)}`);
      return;
    }
    figures.failedRuns += 1;
  }
  figures.problems.push(`${phase}: no run completed`);
}

export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const started = Date.now();
  const sim = await startChaosSimulator(
    options.seed,
    options.scale,
    chaosFaults(options.timeoutMs, options.faultRate),
  );
  const db = await freshDatabase(options.engine);
  const reader = await openReader(db);
  const dir = await mkdtemp(join(tmpdir(), 'chaos-'));
  const records = COMPARED.reduce((n, c) => n + [...sim.world.records(c.entity)].length, 0);
  const figures: ChaosFigures = {
    engine: options.engine,
    records,
    requests: 0,
    faultsInjected: 0,
    kills: 0,
    failedRuns: 0,
    runs: 0,
    durationMs: 0,
    comparisons: [],
    problems: [],
  };
  const target: SyncTarget = {
    apiUrl: sim.url,
    token: sim.token,
    domain: sim.companyDomain,
    destination: db.url,
    tables: COMPARED_TABLES,
    pageSize: options.pageSize,
    concurrency: options.concurrency,
    reportFile: join(dir, 'report.json'),
  };
  const ctx: Context = { options, sim, reader, target, figures, bookmarks: new Map() };
  try {
    const random = seededRandom(options.seed);
    options.log(
      `${options.engine}: ${records} records, ${options.faultRate * 100} % faults, seed ${options.seed}`,
    );
    await runUntilComplete(ctx, killPlan(random, options.kills, records), 'initial');
    const before = await fieldColumns(reader);
    // Changes land at least a second after the last signpost: the API stamps whole seconds.
    await new Promise((r) => setTimeout(r, 1100));
    const changes = changeWorld(sim, options.changes, `chaos ${options.seed}`);
    // The signpost is the server's clock less 1 s, in whole seconds: changes younger than ~2 s at run
    // start arrive with the run after. Let them age so this run must carry them.
    await new Promise((r) => setTimeout(r, 2100));
    const expectedAfter = records + changes.created;
    await runUntilComplete(ctx, killPlan(random, options.laterKills, expectedAfter, 'late'), 'after changes');
    figures.problems.push(...(await customFieldProblems(reader, changes, before)));
    figures.comparisons = await compareAll(reader, sim);
    for (const c of figures.comparisons) options.log(formatComparison(c));
  } finally {
    const stats = sim.stats();
    figures.requests = stats.requests;
    figures.faultsInjected = stats.faultsInjected;
    figures.durationMs = Date.now() - started;
    await reader.close();
    await db.drop();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
