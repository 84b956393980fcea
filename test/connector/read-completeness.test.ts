import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectorFor, readAll, rowIds, startSim, tableNamed, worldIds } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

/** Catalog tables and the simulator entity whose records they hold. */
const TABLE_ENTITIES: [string, string][] = [
  ['deals', 'deals'],
  ['persons', 'persons'],
  ['organizations', 'organizations'],
  ['activities', 'activities'],
  ['products', 'products'],
  ['users', 'users'],
  ['pipelines', 'pipelines'],
  ['stages', 'stages'],
];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 80 });
});
afterAll(() => sim.close());

describe.each(['V2', 'V1'] as const)('schema %s', (schema) => {
  test.each(TABLE_ENTITIES)('%s reads every record the simulator serves', async (table, entity) => {
    const source = connectorFor(sim, schema);
    const tables = await source.discover({ knownCustomFields: [], tables: [table] });
    const { rows } = await readAll(source, tableNamed(tables, table), { signpost: sim.clock.now() });
    expect(rowIds(rows)).toEqual(worldIds(sim, entity));
  });

  test('with 429s, 5xx, resets and cut-off bodies injected, reads stay complete', async () => {
    const source = connectorFor(sim, schema, { pageSize: 50 });
    const tables = await source.discover({ knownCustomFields: [] });
    sim.setFaults({ rates: { '429': 0.05, '500': 0.04, '503': 0.03, reset: 0.03, truncate: 0.03 } });
    try {
      for (const [table, entity] of TABLE_ENTITIES) {
        const { rows } = await readAll(source, tableNamed(tables, table), { signpost: sim.clock.now() });
        expect(rowIds(rows), table).toEqual(worldIds(sim, entity));
      }
      expect(sim.stats().faultsInjected).toBeGreaterThan(0);
    } finally {
      sim.setFaults(undefined);
    }
  });
});
