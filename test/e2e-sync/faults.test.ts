/**
 * Under the simulator's seeded faults (rate limits, server errors, dropped
 * connections, truncated bodies), retries make the run succeed and the
 * destination still equals the simulated company.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Destination } from '../../src/sync/contracts.js';
import { runSync } from '../../src/sync/index.js';
import type { TestDatabase } from './databases.js';
import { freshDatabase } from './databases.js';
import { COMPARED_TABLES, expectDestinationMatchesSimulator } from './dataset.js';
import { sourceFor } from './sync-suite.js';

const logger = createLogger({ level: 'error', format: 'json' });
let sim: RunningSimulator;
let db: TestDatabase;
let destination: Destination;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 17,
    scale: 80,
    faults: { rates: { '429': 0.05, '500': 0.05, '503': 0.03, reset: 0.03, truncate: 0.03 } },
  });
  db = await freshDatabase('sqlite');
  destination = await createDestination(db.url, { logger });
});
afterAll(async () => {
  await destination?.close();
  await db?.drop();
  await sim?.close();
});

it('converges to the simulated company despite injected faults', async () => {
  const report = await runSync({
    source: sourceFor(sim),
    destination,
    mode: 'incremental',
    tables: COMPARED_TABLES,
    clock: sim.clock,
    logger,
  });
  expect(sim.stats().faultsInjected).toBeGreaterThan(0);
  expect(report.result, report.message).toBe('succeeded');
  await expectDestinationMatchesSimulator(db, sim);
});
