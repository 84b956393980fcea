/**
 * Malformed API responses in the middle of a table, through the engine into
 * a real destination: the table stops with a malformed-response error, the
 * stored bookmark does not pass the written rows (checked with plain SQL
 * against the simulator), and a run against a healthy API converges.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { runSync } from '../../src/sync/index.js';
import type { TestDatabase } from '../e2e-sync/databases.js';
import { freshDatabase } from '../e2e-sync/databases.js';
import { COMPARED } from '../e2e-sync/dataset.js';
import { rowsAgreeWithBookmarks } from './bookmark-checks.js';
import { openReader, readBookmarks } from './database-reader.js';
import { compareTable, isIdentical } from './table-checksums.js';

const logger = createLogger({ level: 'error', format: 'json' });
type Tamper = (body: Record<string, unknown>) => string | Record<string, unknown>;

/** Rewrites every /api/v2/deals page from the third on. */
function tampering(tamper: Tamper): typeof fetch {
  let pages = 0;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/api/v2/deals?') || (pages += 1) < 3) return response;
    const changed = tamper((await response.json()) as Record<string, unknown>);
    const html = typeof changed === 'string';
    return new Response(html ? changed : JSON.stringify(changed), {
      status: 200,
      headers: { 'content-type': html ? 'text/html' : 'application/json' },
    });
  };
}

const CASES: [string, Tamper][] = [
  ['HTML instead of JSON', () => '<html><body>Just a moment...</body></html>'],
  ['success: false with 200', (body) => ({ ...body, success: false })],
  ['no data', (body) => ({ success: true, additional_data: body.additional_data })],
  ['data of the wrong type', (body) => ({ ...body, data: { id: 1 } })],
  ['rows of the wrong type', (body) => ({ ...body, data: ['a', 'b'] })],
  ['a cursor that never ends', (body) => ({ ...body, additional_data: { next_cursor: 'again' } })],
  ['ids repeated across pages', (body) => ({ ...body, data: [{ ...(body.data as object[])[0], id: 1 }] })],
];

describe('malformed API responses through the engine', () => {
  let sim: RunningSimulator;
  let db: TestDatabase;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 19, scale: 120 });
    db = await freshDatabase('sqlite');
  });
  afterEach(async () => {
    await db.drop();
    await sim.close();
  });

  it.each(CASES)('%s: the table stops, nothing lost, the next run converges', async (_name, tamper) => {
    const destination = await createDestination(db.url, { logger });
    const source = (fetchFn?: typeof fetch) =>
      createConnector({
        companyDomain: sim.companyDomain,
        schema: 'V2',
        apiUrl: sim.url,
        auth: { scheme: 'Basic', apiToken: sim.token },
        clock: sim.clock,
        sleep: async () => undefined,
        pageSize: 10,
        logger,
        ...(fetchFn ? { fetch: fetchFn } : {}),
      });
    const run = (fetchFn?: typeof fetch) =>
      runSync({
        source: source(fetchFn),
        destination,
        mode: 'incremental',
        tables: ['deals'],
        clock: sim.clock,
        logger,
      });
    const broken = await run(tampering(tamper));
    const deals = broken.tables.find((t) => t.name === 'deals');
    expect(deals?.result).toBe('failed');
    expect(deals?.error).toMatch(/deals/);
    expect(broken.exitCode).toBe(1);
    const reader = await openReader(db);
    expect(await rowsAgreeWithBookmarks(reader, sim, await readBookmarks(reader))).toEqual([]);
    expect(await db.count('deals')).toBeGreaterThanOrEqual(10);

    const healed = await run();
    expect(healed.result, healed.message).toBe('succeeded');
    const spec = COMPARED.find((c) => c.table === 'deals')!;
    expect(isIdentical(await compareTable(reader, sim, spec))).toBe(true);
    await reader.close();
    await destination.close();
  });
});
