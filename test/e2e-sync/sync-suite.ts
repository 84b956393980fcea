/**
 * The end-to-end sync scenario every destination engine runs: simulator ->
 * real connector -> engine -> real database, compared row by row with the
 * simulator's world after a first sync, after changes and an incremental
 * sync, after a full re-sync, and after deletions the API no longer lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Destination, Source } from '../../src/sync/contracts.js';
import type { RunReport } from '../../src/sync/index.js';
import { runSync } from '../../src/sync/index.js';
import type { Engine, TestDatabase } from './databases.js';
import { freshDatabase } from './databases.js';
import { COMPARED_TABLES, expectDestinationMatchesSimulator } from './dataset.js';

const logger = createLogger({ level: 'error', format: 'json' });

export function sourceFor(sim: RunningSimulator, overrides: { apiToken?: string } = {}): Source {
  return createConnector({
    companyDomain: sim.companyDomain,
    schema: 'V2',
    apiUrl: sim.url,
    auth: { scheme: 'Basic', apiToken: overrides.apiToken ?? sim.token },
    clock: sim.clock,
    sleep: async () => undefined,
    logger,
  });
}

const tableReport = (report: RunReport, name: string) => report.tables.find((t) => t.name === name);

export function describeSyncEndToEnd(engine: Engine): void {
  describe(`sync into ${engine}`, () => {
    let sim: RunningSimulator;
    let db: TestDatabase;
    let destination: Destination;
    const sync = (mode: 'full' | 'incremental', tables = COMPARED_TABLES): Promise<RunReport> =>
      runSync({
        source: sourceFor(sim),
        destination,
        mode,
        tables,
        clock: sim.clock,
        logger,
        concurrency: 3,
      });

    beforeAll(async () => {
      sim = await startSimulator({ seed: 11, scale: 60 });
      db = await freshDatabase(engine);
      destination = await createDestination(db.url, { logger });
    });
    afterAll(async () => {
      await destination?.close();
      await db?.drop();
      await sim?.close();
    });

    it('copies every compared table on the first run', async () => {
      const report = await sync('incremental');
      expect(report.result, report.message).toBe('succeeded');
      expect(report.exitCode).toBe(0);
      expect(tableReport(report, 'deals')?.rowsWritten).toBeGreaterThanOrEqual(60);
      await expectDestinationMatchesSimulator(db, sim);
    });

    it('moves only the changes on an incremental run, new custom field included', async () => {
      sim.clock.advance(60_000);
      const [first, second, third] = [...sim.world.records('deals')].filter((d) => !d.is_deleted);
      const field = sim.world.addField('deal', 'E2E rating', 'varchar');
      sim.world.update('deals', first!.id, {
        title: 'Renamed by the e2e test',
        custom: { [field.key]: 'five stars' },
      });
      sim.world.update('deals', second!.id, { status: 'won' });
      sim.world.delete('deals', third!.id);
      // Pipedrive lists deleted deals (status=deleted) but not deleted persons, so persons change by update here.
      const person = [...sim.world.records('persons')].find((p) => !p.is_deleted)!;
      sim.world.update('persons', person.id, { name: 'Renamed Person' });
      sim.world.create('organizations', { name: 'Created by the e2e test' });
      // The signpost is the server's time less a second, to whole seconds: a change two seconds old is in.
      sim.clock.advance(2_000);

      const report = await sync('incremental');
      expect(report.result, report.message).toBe('succeeded');
      const deals = tableReport(report, 'deals')!;
      expect(deals.rowsWritten).toBeGreaterThanOrEqual(3);
      expect(deals.rowsWritten).toBeLessThan(10);
      expect(deals.rowsDeleted).toBeGreaterThanOrEqual(1);
      expect(tableReport(report, 'activities')?.rowsWritten).toBe(0);
      await expectDestinationMatchesSimulator(db, sim);

      const fields = await destination.readCustomFields();
      const column = fields.find((f) => f.table === 'deals' && f.fieldKey === field.key)?.column;
      expect(column).toBeDefined();
      const [row] = (await db.select('deals', ['id', column!])).filter((r) => Number(r.id) === first!.id);
      expect(row?.[column!]).toBe('five stars');
    });

    it('reads nothing new when nothing changed, and a full run converges to the same content', async () => {
      sim.clock.advance(60_000);
      const quiet = await sync('incremental');
      expect(tableReport(quiet, 'deals')?.rowsWritten).toBe(0);
      const full = await sync('full');
      expect(full.result, full.message).toBe('succeeded');
      expect(tableReport(full, 'deals')?.rowsWritten).toBeGreaterThanOrEqual(59);
      await expectDestinationMatchesSimulator(db, sim);
    });

    it('flags rows gone from Pipedrive: full-refresh tables on every run, the others on a full run', async () => {
      sim.clock.advance(60_000);
      const live = (entity: string) => [...sim.world.records(entity)].find((r) => !r.is_deleted)!;
      const [person, organization, pipeline] = [live('persons'), live('organizations'), live('pipelines')];
      // None of the three is listed once deleted (only deals are listed with status=deleted).
      sim.world.delete('persons', person.id);
      sim.world.delete('organizations', organization.id);
      sim.world.delete('pipelines', pipeline.id);
      sim.clock.advance(2_000);
      const flag = async (table: string, id: number): Promise<unknown> =>
        (await db.select(table, ['id', 'is_deleted'])).find((r) => Number(r.id) === id)?.is_deleted;

      // Pipelines are re-read whole on every run, so even an incremental run sees the deletion;
      // persons and organizations were read from their bookmark only, which proves nothing.
      const incremental = await sync('incremental');
      expect(incremental.result, incremental.message).toBe('succeeded');
      expect(tableReport(incremental, 'pipelines')?.rowsDeleted).toBe(1);
      expect(Number(await flag('pipelines', pipeline.id))).toBe(1);
      expect(tableReport(incremental, 'persons')?.rowsDeleted).toBe(0);
      expect(Number(await flag('persons', person.id))).toBe(0);
      expect(Number(await flag('organizations', organization.id))).toBe(0);

      const full = await sync('full');
      expect(full.result, full.message).toBe('succeeded');
      expect(tableReport(full, 'persons')?.rowsDeleted).toBe(1);
      expect(tableReport(full, 'organizations')?.rowsDeleted).toBe(1);
      expect(tableReport(full, 'pipelines')?.rowsDeleted).toBe(0);
      expect(Number(await flag('persons', person.id))).toBe(1);
      expect(Number(await flag('organizations', organization.id))).toBe(1);
      expect(Number(await flag('pipelines', pipeline.id))).toBe(1);
      // Flagged, never removed; every other row is as the simulator has it.
      expect(await db.count('persons')).toBe(await db.count('persons', 'distinct id'));
      await expectDestinationMatchesSimulator(db, sim);
    });
  });
}
