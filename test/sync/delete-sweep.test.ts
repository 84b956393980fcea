/**
 * The delete sweep only follows a complete read: a full read that fails
 * midway flags nothing (rows it had not reached yet are not gone), and the
 * next complete read flags exactly what Pipedrive no longer lists. Real
 * simulator, connector and SQLite destination; the fault is the simulator's.
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

const logger = createLogger({ level: 'error', format: 'json' });

describe('delete sweep', () => {
  let sim: RunningSimulator;
  let db: TestDatabase;
  let destination: Destination;
  const source = (): Source =>
    createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiToken: sim.token },
      clock: sim.clock,
      sleep: async () => undefined,
      pageSize: 10,
      logger,
    });
  const fullPersons = (progress?: ProgressSink) =>
    runSync({ source: source(), destination, mode: 'full', tables: ['persons'], logger, progress });
  const flagged = async (): Promise<number[]> =>
    (await db.select('persons', ['id', 'is_deleted']))
      .filter((r) => Number(r.is_deleted) === 1)
      .map((r) => Number(r.id));

  beforeEach(async () => {
    sim = await startSimulator({ seed: 7, scale: 60 });
    db = await freshDatabase('sqlite');
    destination = await createDestination(db.url, { logger });
  });
  afterEach(async () => {
    await destination.close();
    await db.drop();
    await sim.close();
  });

  it('flags nothing after a failed full read, and the next complete read flags what is gone', async () => {
    const first = await fullPersons();
    expect(first.result, first.message).toBe('succeeded');
    const total = await db.count('persons');
    expect(total).toBeGreaterThan(20);
    const gone = [...sim.world.records('persons')].find((p) => !p.is_deleted)!;
    sim.world.delete('persons', gone.id);

    // The second full read fails once two pages are read (writes run beside the reads, so a count of
    // rows written could come after the last page).
    const breakPersons: ProgressSink = {
      update: (p) => {
        if (p.table === 'persons' && p.rowsRead >= 20) {
          sim.setFaults({ endpoints: { '/api/v2/persons': { '500': 1 } } });
        }
      },
      finish: () => undefined,
    };
    const broken = await fullPersons(breakPersons);
    expect(broken.tables[0]?.result).toBe('failed');
    expect(broken.tables[0]?.rowsDeleted).toBe(0);
    expect(await flagged()).toEqual([]);

    sim.setFaults(undefined);
    const healed = await fullPersons();
    expect(healed.result, healed.message).toBe('succeeded');
    expect(healed.tables[0]?.rowsDeleted).toBe(1);
    expect(await flagged()).toEqual([gone.id]);
    expect(await db.count('persons')).toBe(total);
  });
});
