import { afterEach, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { get } from './sim-client.js';

const DAY = 86_400_000;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function serverDate(s: RunningSimulator): Promise<number> {
  const response = await fetch(`${s.url}/api/v2/deals?limit=1`, { headers: { 'x-api-token': s.token } });
  await response.text();
  return Date.parse(response.headers.get('date') ?? '');
}

test('by default the clock starts at real time, and the Date header tells the simulated time', async () => {
  sim = await startSimulator({ seed: 3, scale: 10 });
  expect(Math.abs(sim.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
  expect(Math.abs((await serverDate(sim)) - sim.clock.now().getTime())).toBeLessThan(2_000);
  sim.clock.advance(3 * DAY);
  expect(Math.abs((await serverDate(sim)) - (Date.now() + 3 * DAY))).toBeLessThan(5_000);
});

test('a test can fix the start; the generated history ends there', async () => {
  const startAt = new Date('2024-05-01T12:00:00Z');
  sim = await startSimulator({ seed: 3, scale: 10, startAt });
  expect(Math.abs(sim.clock.now().getTime() - startAt.getTime())).toBeLessThan(5_000);
  const { body } = await get<Record<string, unknown>>(sim, '/api/v2/deals?limit=100');
  const updated = (body.data as { update_time: string }[]).map((d) => Date.parse(d.update_time));
  expect(Math.max(...updated)).toBeLessThanOrEqual(startAt.getTime());
  expect(Math.max(...updated)).toBeGreaterThan(startAt.getTime() - 366 * DAY);
});
