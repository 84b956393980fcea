import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { get, rows } from './sim-client.js';

type Row = Record<string, unknown>;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, scale: 60 });
});
afterAll(async () => {
  await sim.close();
});

const DEAL_COUNTS = 'products_count,followers_count,participants_count,activities_count,notes_count';

/** What each child endpoint lists for a deal, counted by walking it. */
async function dealChildren(id: number): Promise<Record<string, number>> {
  const n = async (path: string) => rows((await get<Row>(sim, path)).body).length;
  const activities = rows((await get<Row>(sim, `/api/v2/activities?deal_id=${id}&limit=500`)).body);
  return {
    products_count: await n(`/api/v2/deals/${id}/products?limit=500`),
    followers_count: await n(`/api/v2/deals/${id}/followers?limit=500`),
    participants_count: await n(`/v1/deals/${id}/participants?limit=500`),
    activities_count: activities.length,
    notes_count: await n(`/v1/notes?deal_id=${id}&limit=500`),
  };
}

async function dealCounts(id: number): Promise<Row> {
  const deal = (await get<Row>(sim, `/api/v2/deals/${id}?include_fields=${DEAL_COUNTS}`)).body.data as Row;
  return Object.fromEntries(DEAL_COUNTS.split(',').map((name) => [name, deal[name]]));
}

test('v2 deal include_fields counts equal what the child endpoints list, in v1 too', async () => {
  const seen = new Set<number>();
  for (let id = 1; id <= 15; id += 1) {
    const expected = await dealChildren(id);
    expect(await dealCounts(id), `deal ${id}`).toEqual(expected);
    const v1 = (await get<Row>(sim, `/v1/deals/${id}`)).body.data as Row;
    expect(v1.products_count).toBe(expected.products_count);
    expect(v1.followers_count).toBe(expected.followers_count);
    for (const value of Object.values(expected)) seen.add(value);
  }
  // The sample must exercise more than one value, or equality would prove little.
  expect(seen.size).toBeGreaterThan(2);
});

test('person and organization counts equal their child lists', async () => {
  const persons = rows(
    (await get<Row>(sim, '/api/v2/persons?limit=10&include_fields=followers_count,activities_count')).body,
  );
  for (const p of persons) {
    const followers = rows((await get<Row>(sim, `/api/v2/persons/${p.id}/followers`)).body).length;
    const activities = rows((await get<Row>(sim, `/api/v2/activities?person_id=${p.id}&limit=500`)).body);
    expect([p.followers_count, p.activities_count]).toEqual([followers, activities.length]);
  }
  const org = (await get<Row>(sim, '/api/v2/organizations/1?include_fields=followers_count')).body
    .data as Row;
  expect(org.followers_count).toBe(
    rows((await get<Row>(sim, '/api/v2/organizations/1/followers')).body).length,
  );
});

test('counts follow world mutations', async () => {
  const before = await dealChildren(2);
  sim.world.create('activities', { deal_id: 2, person_id: null, org_id: null, done: false });
  sim.world.create('activities', { deal_id: 2, person_id: null, org_id: null, done: true });
  sim.world.update('deals', 2, { person_id: null });
  const after = await dealChildren(2);
  expect(after.activities_count).toBe((before.activities_count ?? 0) + 2);
  expect(after.participants_count).toBe(0);
  expect(await dealCounts(2)).toEqual(after);
  const undone = (await get<Row>(sim, '/api/v2/deals/2?include_fields=done_activities_count')).body
    .data as Row;
  const done = rows((await get<Row>(sim, '/api/v2/activities?deal_id=2&done=true&limit=500')).body).length;
  expect(undone.done_activities_count).toBe(done);
});
