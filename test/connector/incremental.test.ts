import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectorFor, readAll, rowIds, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 120 });
});
afterAll(() => sim.close());

const HOUR = 3_600_000;

describe.each(['V2', 'V1'] as const)('incremental reads, schema %s', (schema) => {
  test('after mutations an incremental read returns exactly the changed deals and persons', async () => {
    const source = connectorFor(sim, schema, { pageSize: 40 });
    const tables = await source.discover({ knownCustomFields: [] });
    const deals = tableNamed(tables, 'deals');
    const persons = tableNamed(tables, 'persons');
    sim.clock.advance(HOUR);
    const first = sim.clock.now();
    const fullDeals = await readAll(source, deals, { signpost: first });
    const fullPersons = await readAll(source, persons, { signpost: first });
    expect(fullDeals.bookmark).not.toBeNull();

    sim.clock.advance(HOUR);
    const ids = [...sim.world.records('deals')]
      .filter((d) => d.is_deleted !== true && (d as { is_archived?: boolean }).is_archived !== true)
      .map((d) => d.id);
    const [a, b, c, d] = ids.slice(-4) as [number, number, number, number];
    sim.world.update('deals', a, { title: 'Renamed in the test' });
    sim.world.delete('deals', b);
    sim.world.archive('deals', c);
    const created = sim.world.create('deals', { title: 'Created in the test' });
    const person = [...sim.world.records('persons')][3]!;
    sim.world.update('persons', person.id, { name: 'Changed person' });
    sim.clock.advance(60_000);
    const second = sim.clock.now();

    const changedDeals = await readAll(source, deals, {
      mode: 'incremental',
      bookmark: fullDeals.bookmark,
      signpost: second,
    });
    expect(rowIds(changedDeals.rows)).toEqual([a, b, c, created.id].sort((x, y) => x - y));
    const byId = new Map(changedDeals.rows.map((r) => [r.id, r]));
    expect(byId.get(b)?.is_deleted).toBe(true);
    expect(byId.get(c)?.is_archived).toBe(true);
    expect(byId.get(a)?.title).toBe('Renamed in the test');
    expect(byId.get(d)).toBeUndefined();

    const changedPersons = await readAll(source, persons, {
      mode: 'incremental',
      bookmark: fullPersons.bookmark,
      signpost: second,
    });
    expect(rowIds(changedPersons.rows)).toEqual([person.id]);

    // Nothing changed since: nothing read.
    sim.clock.advance(60_000);
    const again = await readAll(source, deals, {
      mode: 'incremental',
      bookmark: changedDeals.bookmark,
      signpost: sim.clock.now(),
    });
    expect(again.rows).toEqual([]);
  });

  test('child tables revisit only the parents changed since their bookmark', async () => {
    const source = connectorFor(sim, schema);
    const tables = await source.discover({
      knownCustomFields: [],
      tables: ['deal_products', 'deal_followers'],
    });
    sim.clock.advance(HOUR);
    const first = await readAll(source, tableNamed(tables, 'deal_products'), { signpost: sim.clock.now() });
    const followers = await readAll(source, tableNamed(tables, 'deal_followers'), {
      signpost: sim.clock.now(),
    });
    const withProducts = [...new Set(first.rows.map((r) => r.deal_id as number))];
    const target = withProducts[withProducts.length - 1]!;
    sim.clock.advance(HOUR);
    sim.world.update('deals', target, { title: 'Touched for children' });
    sim.clock.advance(60_000);
    const requestsBefore = sim.stats().requests;
    const again = await readAll(source, tableNamed(tables, 'deal_products'), {
      mode: 'incremental',
      bookmark: first.bookmark,
      signpost: sim.clock.now(),
    });
    expect(new Set(again.rows.map((r) => r.deal_id))).toEqual(new Set([target]));
    expect(again.rows.length).toBe(first.rows.filter((r) => r.deal_id === target).length);
    const againFollowers = await readAll(source, tableNamed(tables, 'deal_followers'), {
      mode: 'incremental',
      bookmark: followers.bookmark,
      signpost: sim.clock.now(),
    });
    expect(new Set(againFollowers.rows.map((r) => r.deal_id))).toEqual(new Set([target]));
    // A handful of calls, not one per deal.
    expect(sim.stats().requests - requestsBefore).toBeLessThanOrEqual(schema === 'V2' ? 6 : 10);
  });

  test('a bookmark from a page in the middle resumes without losing rows', async () => {
    if (schema === 'V1') return; // V1 lists sort descending: their bookmark moves when an endpoint is done.
    const source = connectorFor(sim, schema, { pageSize: 25 });
    const deals = tableNamed(await source.discover({ knownCustomFields: [], tables: ['deals'] }), 'deals');
    const signpost = sim.clock.now();
    const seen: unknown[] = [];
    let middle: string | null = null;
    for await (const page of source.read(deals, null, { mode: 'full', signpost })) {
      seen.push(...page.rows.map((r) => r.id));
      if (seen.length >= 50) {
        middle = page.bookmark;
        break;
      }
    }
    expect(middle).not.toBeNull();
    const rest = await readAll(source, deals, { mode: 'incremental', bookmark: middle, signpost });
    const all = new Set([...seen, ...rest.rows.map((r) => r.id)]);
    expect(all.size).toBe([...sim.world.records('deals')].length);
  });
});
