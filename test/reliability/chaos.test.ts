/**
 * Chaos sync, small enough for every `npm test` (the soak runs the large
 * one): the sync child is SIGKILLed at least 5 times at seeded random points
 * while the simulator fails ~10 % of requests, restarted until it completes,
 * then the world changes and the next runs (killed again) bring the changes.
 * The destination must equal the simulator row by row, without duplicates,
 * and bookmarks never move back nor disagree with the rows.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../e2e-sync/databases.js';
import { runChaos } from './chaos-driver.js';
import { isIdentical } from './table-checksums.js';

const ENGINES: Engine[] = ['sqlite', 'postgres', 'mysql'];

describe('chaos sync: faults, SIGKILLs, world changes', () => {
  it.concurrent.each(ENGINES)(
    '%s ends identical to the simulator',
    async (engine) => {
      const figures = await runChaos({
        engine,
        seed: 40 + ENGINES.indexOf(engine),
        scale: 200,
        // Six planned, at least five must land: a batch commit can finish a run before its last
        // row-count threshold is polled, and that kill is then never made.
        kills: 6,
        laterKills: engine === 'sqlite' ? 1 : 0,
        faultRate: 0.1,
        timeoutMs: 1000,
        pageSize: 50,
        concurrency: 3,
        changes: 5,
        log: (line) => console.log(`[chaos ${engine}] ${line}`),
      });
      console.log(`[chaos ${engine}] ${JSON.stringify({ ...figures, comparisons: undefined })}`);
      expect(figures.problems).toEqual([]);
      expect(figures.kills).toBeGreaterThanOrEqual(5);
      expect(figures.faultsInjected).toBeGreaterThan(0);
      expect(figures.comparisons.map((c) => [c.table, isIdentical(c)])).toEqual(
        figures.comparisons.map((c) => [c.table, true]),
      );
      expect(figures.comparisons.every((c) => c.storedRows > 0)).toBe(true);
    },
    360_000,
  );
});
