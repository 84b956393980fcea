import { afterEach, describe, expect, test } from 'vitest';
import { SyncError } from '../../src/sync/errors.js';
import { connectorFor, readAll, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('token budget and rate limits', () => {
  test('a daily budget cap stops cleanly with budget-exhausted before hammering the API', async () => {
    sim = await startSim({ scale: 400, rateLimit: { dailyBudget: 400 } });
    const source = connectorFor(sim, 'V2', { pageSize: 20, maxDailyBudgetPercent: 50 });
    const tables = await source.discover({ knownCustomFields: [], tables: ['deals'] });
    let pages = 0;
    const error = await (async () => {
      for await (const _page of source.read(tableNamed(tables, 'deals'), null, {
        mode: 'full',
        signpost: sim!.clock.now(),
      }))
        pages += 1;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('budget-exhausted');
    expect((error as SyncError).message).toMatch(/deals: GET \/api\/v2\/deals.*maxDailyBudgetPercent 50/);
    expect(pages).toBeGreaterThan(0);
    // Half of the 400 tokens stays for others; no call was refused by the server.
    expect(sim.stats().tokensCharged).toBeLessThanOrEqual(200);
    expect(sim.stats().status429).toBe(0);
    expect(source.usage().dailyTokensLimit).toBe(400);
  });

  test('a spent daily budget is budget-exhausted, not retried', async () => {
    sim = await startSim({ scale: 50, rateLimit: { dailyBudget: 30 } });
    const source = connectorFor(sim, 'V2', { pageSize: 10 });
    const tables = await source
      .discover({ knownCustomFields: [], tables: ['persons'] })
      .catch((e: unknown) => e);
    const error = Array.isArray(tables)
      ? await readAll(source, tableNamed(tables, 'persons'), { signpost: sim.clock.now() }).catch(
          (e: unknown) => e,
        )
      : tables;
    expect((error as SyncError).kind).toBe('budget-exhausted');
    expect(sim.stats().status429).toBeLessThanOrEqual(1);
  });

  test('pacing from x-ratelimit-remaining keeps a small burst limit free of 429s', async () => {
    sim = await startSim({ scale: 60, rateLimit: { burstLimit: 8, burstWindowMs: 400 } });
    const source = connectorFor(sim, 'V2', {
      pageSize: 10,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    const tables = await source.discover({ knownCustomFields: [], tables: ['deals'] });
    const { rows } = await readAll(source, tableNamed(tables, 'deals'), { signpost: sim.clock.now() });
    expect(rows.length).toBe([...sim.world.records('deals')].length);
    expect(sim.stats().requests).toBeGreaterThan(8);
    expect(sim.stats().status429).toBeLessThanOrEqual(1);
    // Tokens are accounted per table from the catalog's endpoint costs (10 per v2 deals page).
    expect(source.usage().tokensByTable?.deals).toBeGreaterThanOrEqual(10 * Math.ceil(rows.length / 10));
  });
});
