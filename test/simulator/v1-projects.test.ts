import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { get, rows } from './sim-client.js';

type Row = Record<string, unknown>;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, scale: 400 });
});
afterAll(async () => {
  await sim.close();
});

/** Follows next_cursor to the end, `limit` records a page. */
async function walk(path: string, limit: number): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get<Row>(sim, `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    out.push(...rows(page.body));
    cursor = page.body.additional_data?.next_cursor;
  } while (cursor);
  return out;
}

test('v1 projects walk the same records as the v2 project lists, archived ones only on request', async () => {
  const v2Live = await walk('/api/v2/projects', 3);
  const v2Archived = await walk('/api/v2/projects/archived', 3);
  const v1Live = await walk('/v1/projects', 3);
  const v1All = await walk('/v1/projects?include_archived=true', 3);
  expect(v2Archived.length).toBeGreaterThan(0);
  expect(v1Live.map((p) => p.id)).toEqual(v2Live.map((p) => p.id));
  const allIds = [...v2Live, ...v2Archived].map((p) => p.id as number).sort((a, b) => a - b);
  expect(v1All.map((p) => p.id)).toEqual(allIds);
  const v2One = (await get<Row>(sim, '/api/v2/projects/2')).body.data as Row;
  const v1One = (await get<Row>(sim, '/v1/projects/2')).body.data as Row;
  expect(v1One).toMatchObject({
    id: 2,
    title: v2One.title,
    phase_id: v2One.phase_id,
    deal_ids: v2One.deal_ids,
  });
  expect(v1One.add_time).toBe(String(v2One.add_time).replace('T', ' ').replace('Z', ''));
});

test('v1 tasks match the v2 tasks, with 0/1 done and filters', async () => {
  const v2Tasks = await walk('/api/v2/tasks', 7);
  const v1Tasks = await walk('/v1/tasks', 7);
  expect(v1Tasks.map((t) => t.id)).toEqual(v2Tasks.map((t) => t.id));
  const byId = new Map(v2Tasks.map((t) => [t.id, t]));
  for (const t of v1Tasks) {
    const v2 = byId.get(t.id) as Row;
    expect(t.done).toBe(v2.is_done ? 1 : 0);
    expect(t.project_id).toBe(v2.project_id);
  }
  const done = await walk('/v1/tasks?done=1', 500);
  expect(done.length).toBe(v2Tasks.filter((t) => t.is_done).length);
  expect((await get(sim, '/v1/tasks/999999')).status).toBe(404);
});

test('a task deleted through the world disappears from v1 and v2 alike', async () => {
  sim.world.delete('tasks', 4);
  expect((await get(sim, '/v1/tasks/4')).status).toBe(404);
  const v1Ids = (await walk('/v1/tasks', 500)).map((t) => t.id);
  const v2Ids = (await walk('/api/v2/tasks', 500)).map((t) => t.id);
  expect(v1Ids).not.toContain(4);
  expect(v1Ids).toEqual(v2Ids);
});
