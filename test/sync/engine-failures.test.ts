/**
 * How a run fails: one table failing mid-way stops only that table, with its
 * bookmark at the last committed batch of pages, and the next run converges;
 * bad credentials fail the whole run with exit code 2. Real simulator,
 * connector and SQLite destination; faults are the simulator's (reads) or the
 * destination's test hook (writes).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Destination, Source } from '../../src/sync/contracts.js';
import type { ProgressSink } from '../../src/sync/index.js';
import { runSync } from '../../src/sync/index.js';
import type { TestDatabase } from '../e2e-sync/databases.js';
import { freshDatabase } from '../e2e-sync/databases.js';
import { COMPARED_TABLES, expectDestinationMatchesSimulator, expectedRows } from '../e2e-sync/dataset.js';

const logger = createLogger({ level: 'error', format: 'json' });

describe('sync engine failures', () => {
  let sim: RunningSimulator;
  let db: TestDatabase;
  let destination: Destination;
  const source = (apiToken = sim.token): Source =>
    createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiToken },
      clock: sim.clock,
      sleep: async () => undefined,
      pageSize: 10,
      logger,
    });

  /** The next run after a failure: incremental, with the source healthy again. */
  const healRun = (tables: string[]) =>
    runSync({ source: source(), destination, mode: 'incremental', tables, clock: sim.clock, logger });

  beforeEach(async () => {
    sim = await startSimulator({ seed: 5, scale: 60 });
    db = await freshDatabase('sqlite');
    destination = await createDestination(db.url, { logger });
  });
  afterEach(async () => {
    await destination.close();
    await db.drop();
    await sim.close();
  });

  it('commits every page read before a failed read with its bookmark, finishes the others, and the next run converges', async () => {
    // Once two pages of persons are read, every later persons request fails (the page already
    // requested by the prefetch may still arrive). Batches of two pages: the failure falls
    // inside the second batch, whose pages read so far must still commit.
    const breakPersons: ProgressSink = {
      update: (p) => {
        if (p.table === 'persons' && p.rowsRead >= 20) {
          sim.setFaults({ endpoints: { '/api/v2/persons': { '500': 1 } } });
        }
      },
      finish: () => undefined,
    };
    const broken = await runSync({
      source: source(),
      destination,
      mode: 'incremental',
      tables: COMPARED_TABLES,
      clock: sim.clock,
      logger,
      progress: breakPersons,
      batch: { rows: 1000, pages: 2 },
    });
    expect(broken.result).toBe('partial');
    expect(broken.exitCode).toBe(1);
    const persons = broken.tables.find((t) => t.name === 'persons')!;
    expect(persons.result).toBe('failed');
    expect(persons.error).toMatch(/persons/);
    expect(persons.rowsWritten).toBeGreaterThanOrEqual(20);
    expect(persons.rowsWritten).toBeLessThan(48);
    expect(persons.rowsWritten).toBe(persons.rowsRead);
    expect(await db.count('persons')).toBe(persons.rowsWritten);
    expect((await destination.readBookmarks()).get('persons') ?? null).toBe(persons.bookmark);
    expect(broken.tables.filter((t) => t.name !== 'persons').every((t) => t.result === 'succeeded')).toBe(
      true,
    );

    sim.setFaults(undefined);
    const healed = await healRun(COMPARED_TABLES);
    expect(healed.result, healed.message).toBe('succeeded');
    await expectDestinationMatchesSimulator(db, sim);
  });

  it('loses only the batch whose write failed: earlier batches stay committed with the bookmark of their last page', async () => {
    let dealWrites = 0;
    const failing = await createDestination(db.url, {
      logger,
      hooks: {
        beforeBookmark: (table) => {
          if (table === 'deals' && (dealWrites += 1) === 2) throw new Error('forced write failure');
        },
      },
    });
    // Pages of 10, batches of 3 pages: the first batch (30 rows) commits, the second fails.
    let bookmarkAfterFirstBatch: string | null = null;
    const report = await runSync({
      source: source(),
      destination: failing,
      mode: 'incremental',
      tables: ['deals'],
      clock: sim.clock,
      logger,
      progress: {
        update: (p) => {
          if (p.rowsWritten === 30) bookmarkAfterFirstBatch = p.bookmark;
        },
        finish: () => undefined,
      },
      batch: { rows: 1000, pages: 3 },
    });
    await failing.close();
    const deals = report.tables[0]!;
    expect(deals.result).toBe('failed');
    expect(deals.error).toMatch(/forced write failure/);
    expect(deals.rowsRead).toBeGreaterThan(30);
    expect(deals.rowsWritten).toBe(30);
    expect(await db.count('deals')).toBe(30);
    expect(bookmarkAfterFirstBatch).not.toBeNull();
    expect(deals.bookmark).toBe(bookmarkAfterFirstBatch);
    expect((await destination.readBookmarks()).get('deals')).toBe(bookmarkAfterFirstBatch);

    const healed = await healRun(['deals']);
    expect(healed.result, healed.message).toBe('succeeded');
    // The healed run re-reads from the committed bookmark: every deal once, live ones as in Pipedrive.
    const live = await db.select('deals', ['id', 'title', 'value', 'status', 'is_deleted']);
    expect(live.filter((r) => !r.is_deleted).map((r) => r.id)).toEqual(
      expectedRows(sim, 'deals', ['title']).map((r) => r.id),
    );
    expect(await db.count('deals')).toBe(await db.count('deals', 'distinct id'));
  });

  it('stops a table at a row the destination cannot hold, committing the pages read before it', async () => {
    // The third page of deals carries a row without its primary key: it fails as the page is
    // encoded, before anything of it is written, like a malformed page.
    const real = source();
    let dealPages = 0;
    const keyless: Source = {
      ...real,
      check: () => real.check(),
      discover: (options) => real.discover(options),
      usage: () => real.usage(),
      read: async function* (table, bookmark, options) {
        for await (const page of real.read(table, bookmark, options)) {
          if (table.name === 'deals' && (dealPages += 1) === 3) {
            yield { ...page, rows: page.rows.map((row, i) => (i === 4 ? { ...row, id: null } : row)) };
          } else yield page;
        }
      },
    };
    const report = await runSync({
      source: keyless,
      destination,
      mode: 'incremental',
      tables: ['deals'],
      clock: sim.clock,
      logger,
      batch: { rows: 1000, pages: 4 },
    });
    const deals = report.tables[0]!;
    expect(deals.result).toBe('failed');
    expect(deals.error).toMatch(/primary-key column "id"/);
    expect(report.exitCode).toBe(2);
    expect(deals.rowsWritten).toBe(20);
    expect(await db.count('deals')).toBe(20);
    const committed = (await destination.readBookmarks()).get('deals') ?? null;
    expect(committed).not.toBeNull();
    expect(committed).toBe(deals.bookmark);

    const healed = await healRun(['deals']);
    expect(healed.result, healed.message).toBe('succeeded');
    const live = await db.select('deals', ['id', 'is_deleted']);
    expect(live.filter((r) => !r.is_deleted).map((r) => r.id)).toEqual(
      expectedRows(sim, 'deals', ['title']).map((r) => r.id),
    );
  });

  it('stops at the next page when interrupted, committing the pages already read with their bookmark', async () => {
    const interrupt = new AbortController();
    const stopAfterFirstPage: ProgressSink = {
      update: (p) => {
        if (p.rowsRead > 0) interrupt.abort();
      },
      finish: () => undefined,
    };
    const report = await runSync({
      source: source(),
      destination,
      mode: 'incremental',
      tables: ['deals', 'persons', 'organizations', 'users'],
      concurrency: 1,
      clock: sim.clock,
      logger,
      progress: stopAfterFirstPage,
      signal: interrupt.signal,
    });
    expect(report.result).toBe('failed');
    expect(report.exitCode).toBe(1);
    const [deals, ...rest] = report.tables;
    expect(deals?.rowsRead).toBe(10);
    expect(deals?.rowsWritten).toBe(10);
    expect(deals?.error).toMatch(/Interrupted/);
    expect(await db.count('deals')).toBe(10);
    expect(deals?.bookmark).not.toBeNull();
    expect((await destination.readBookmarks()).get('deals') ?? null).toBe(deals?.bookmark);
    expect(rest.map((t) => [t.name, t.rowsWritten])).toEqual([
      ['organizations', 0],
      ['persons', 0],
      ['users', 0],
    ]);
  });

  it('refuses, with exit code 2 and nothing written, a token that belongs to another company', async () => {
    const otherCompany = createConnector({
      companyDomain: 'another-company',
      schema: 'V2',
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiToken: sim.token },
      clock: sim.clock,
      sleep: async () => undefined,
      logger,
    });
    const report = await runSync({
      source: otherCompany,
      destination,
      mode: 'incremental',
      tables: ['deals'],
      clock: sim.clock,
      logger,
    });
    expect(report.result).toBe('failed');
    expect(report.exitCode).toBe(2);
    expect(report.message).toMatch(/another-company|demo-company|domain/i);
    expect((await destination.readBookmarks()).size).toBe(0);
  });

  it('fails the whole run with exit code 2 on bad credentials, and records the run', async () => {
    const report = await runSync({
      source: source('0000000000000000000000000000000000000000'),
      destination,
      mode: 'incremental',
      tables: ['deals', 'persons'],
      clock: sim.clock,
      logger,
    });
    expect(report.result).toBe('failed');
    expect(report.exitCode).toBe(2);
    expect(report.message).not.toContain('0000000000000000000000000000000000000000');
    expect(await db.count('_pipedrive_sync_runs')).toBe(1);
  });
});
