import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import type { DealRecord } from '../../src/simulator/entities/deals.js';
import { get, rows } from './sim-client.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, scale: 300 });
});
afterAll(async () => {
  await sim.close();
});

type Deal = { id: number; title: string; update_time: string };

/** Walks a v2 list, calling `between` after every page so the world changes mid-walk. */
async function walk(path: string, between: (page: number) => void): Promise<Deal[]> {
  const seen: Deal[] = [];
  let cursor: string | null | undefined;
  let page = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body } = await get<Deal>(sim, `${path}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(status).toBe(200);
    seen.push(...rows(body));
    cursor = body.additional_data?.next_cursor;
    between(page);
    page += 1;
  } while (cursor);
  return seen;
}

describe('v2 cursor pagination while records change between pages', () => {
  test('sort by id: every record that exists throughout is returned exactly once', async () => {
    const before = new Set(
      [...sim.world.records<DealRecord>('deals')]
        .filter((d) => !d.is_deleted && !d.is_archived)
        .map((d) => d.id),
    );
    const touched = new Set<number>();
    const seen = await walk('/api/v2/deals?limit=37', (page) => {
      // Update a record already read and one not yet read, delete one ahead, create one.
      const ahead = 37 * (page + 2) + 3;
      for (const id of [page * 37 + 1, ahead]) {
        if (sim.world.get('deals', id)) {
          sim.world.update('deals', id, { title: `changed ${page}` });
        }
      }
      if (sim.world.get('deals', ahead + 1)) {
        sim.world.delete('deals', ahead + 1);
        touched.add(ahead + 1);
      }
      sim.world.create('deals', { title: `new ${page}` });
    });
    const ids = seen.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) if (!touched.has(id)) expect(ids).toContain(id);
    for (const id of touched) expect(ids).not.toContain(id);
  });

  test('sort by update_time: unchanged records once, changed records reappear only with their new version', async () => {
    const renamed = new Set<number>();
    const total = [...sim.world.records('persons')].length;
    const seen = await walk('/api/v2/persons?limit=50&sort_by=update_time', (page) => {
      // Only records already read are renamed, so each must come back once more, renamed.
      const id = page * 50 + 2;
      if (id + 50 <= total && !renamed.has(id)) {
        sim.world.update('persons', id, { name: `Renamed ${page}` });
        renamed.add(id);
      }
    });
    const counts = new Map<number, number>();
    for (const p of seen) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
    expect(counts.size).toBe(total);
    for (const [id, count] of counts) expect(count, `person ${id}`).toBe(renamed.has(id) ? 2 : 1);
    const last = new Map(seen.map((p) => [p.id, p as unknown as { name: string }]));
    for (const id of renamed) expect(last.get(id)?.name).toMatch(/^Renamed/);
    const times = seen.map((p) => p.update_time);
    expect([...times].sort()).toEqual(times);
  });

  test('updated_since/updated_until bound the walk and next_cursor is null on the last page', async () => {
    const since = '2026-01-01T00:00:00Z';
    const { body } = await get<Deal>(
      sim,
      `/api/v2/deals?limit=500&updated_since=${since}&updated_until=2030-01-01T00:00:00Z`,
    );
    expect(rows(body).length).toBeGreaterThan(0);
    for (const d of rows(body)) expect(d.update_time >= since).toBe(true);
    expect(body.additional_data?.next_cursor).toBeNull();
  });

  test('a cursor from another sort order is rejected with 400', async () => {
    const { body } = await get(sim, '/api/v2/deals?limit=2&sort_by=update_time');
    const { status } = await get(sim, `/api/v2/deals?limit=2&cursor=${body.additional_data?.next_cursor}`);
    expect(status).toBe(400);
  });
});

describe('v1 offset pagination', () => {
  test('start/limit with more_items_in_collection and next_start; empty page is data null', async () => {
    const first = await get(sim, '/api/v1/notes?limit=100');
    expect(first.body.additional_data?.pagination).toMatchObject({
      start: 0,
      limit: 100,
      more_items_in_collection: true,
      next_start: 100,
    });
    const past = await get(sim, '/api/v1/notes?start=100000');
    expect(past.body.data).toBeNull();
    expect(past.body.additional_data?.pagination?.more_items_in_collection).toBe(false);
  });

  test('files cap limit at 100 and call logs at 50', async () => {
    const files = await get(sim, '/api/v1/files?limit=500');
    expect(files.body.additional_data?.pagination?.limit).toBe(100);
    const calls = await get(sim, '/api/v1/callLogs?limit=500');
    expect(calls.body.additional_data?.pagination?.limit).toBe(50);
  });
});
