import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { get, rows } from './sim-client.js';

const DAY = 86_400_000;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, scale: 50 });
});
afterAll(async () => {
  await sim.close();
});

test('a deleted deal is listable with status=deleted for 30 simulated days, then purged (404)', async () => {
  sim.world.delete('deals', 5);
  const single = await get<{ is_deleted: boolean; status: string }>(sim, '/api/v2/deals/5');
  expect(single.body.data).toMatchObject({ is_deleted: true });
  const normal = await get<{ id: number }>(sim, '/api/v2/deals?limit=500');
  expect(rows(normal.body).map((d) => d.id)).not.toContain(5);
  const deleted = await get<{ id: number }>(sim, '/api/v2/deals?status=deleted');
  expect(rows(deleted.body).map((d) => d.id)).toEqual([5]);
  const v1 = await get<{ id: number; deleted: boolean }>(sim, '/api/v1/deals?status=deleted');
  expect(rows(v1.body).map((d) => [d.id, d.deleted])).toEqual([[5, true]]);

  sim.clock.advance(29 * DAY);
  expect(
    rows((await get<{ id: number }>(sim, '/api/v2/deals?status=deleted')).body).map((d) => d.id),
  ).toEqual([5]);

  sim.clock.advance(2 * DAY);
  expect((await get(sim, '/api/v2/deals?status=deleted')).body.data).toEqual([]);
  expect((await get(sim, '/api/v2/deals/5')).status).toBe(404);
  expect((await get(sim, '/api/v1/deals/5')).status).toBe(404);
  expect(sim.world.get('deals', 5)).toBeUndefined();
});

test('persons deleted are hidden from lists at once and purged after 30 days', async () => {
  sim.world.delete('persons', 3);
  const list = await get<{ id: number }>(sim, '/api/v2/persons?ids=3,4');
  expect(rows(list.body).map((p) => p.id)).toEqual([4]);
  expect((await get(sim, '/api/v2/persons/3')).status).toBe(200);
  sim.clock.advance(31 * DAY);
  expect((await get(sim, '/api/v2/persons/3')).status).toBe(404);
});
