import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { V1_TOKEN_COSTS } from '../../src/simulator/http/token-costs-v1.js';
import { V2_TOKEN_COSTS } from '../../src/simulator/http/token-costs-v2.js';
import { get } from './sim-client.js';

const specDir =
  process.env.PIPEDRIVE_OPENAPI_DIR ?? resolve(import.meta.dirname, '../../../shared/pipedrive-openapi');

type Spec = { paths: Record<string, Record<string, { 'x-token-cost'?: number; responses?: unknown }>> };

function specCosts(file: string): Record<string, Record<string, number>> {
  const spec = parse(readFileSync(resolve(specDir, file), 'utf8')) as Spec;
  const out: Record<string, Record<string, number>> = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && 'responses' in op && op['x-token-cost'] !== undefined) {
        (out[path] ??= {})[method.toUpperCase()] = op['x-token-cost'];
      }
    }
  }
  return out;
}

describe('token cost table', () => {
  test('v2 costs equal the spec x-token-cost of every operation', () => {
    expect(V2_TOKEN_COSTS).toEqual(specCosts('v2.yaml'));
  });
  test('v1 costs equal the spec (2026-01 file, which still holds the deprecated paths)', () => {
    expect(V1_TOKEN_COSTS).toEqual(specCosts('v1-2026-01-with-deprecated.yaml'));
  });
});

describe('rate limiting', () => {
  let sim: RunningSimulator;
  afterEach(async () => {
    await sim.close();
  });

  test('the daily budget is charged with each endpoint cost and a 429 follows when it runs out', async () => {
    sim = await startSimulator({ seed: 2, scale: 20, rateLimit: { dailyBudget: 25 } });
    const first = await get(sim, '/api/v2/deals?limit=1'); // 10
    expect(first.headers.get('x-daily-ratelimit-token-remaining')).toBe('15');
    await get(sim, '/api/v2/deals/1'); // 1
    await get(sim, '/api/v1/users/me'); // 2
    const third = await get(sim, '/api/v2/pipelines'); // 5
    expect(third.headers.get('x-daily-ratelimit-token-remaining')).toBe('7');
    const over = await get(sim, '/api/v2/persons'); // 10 > 7
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ success: false, error: 'Request over limit' });
    expect(over.headers.get('x-daily-ratelimit-token-remaining')).toBe('7');
    const stats = sim.stats();
    expect(stats.tokensCharged).toBe(18);
    expect(stats.status429).toBe(1);
    expect(stats.byEndpoint['GET /v2/deals']).toEqual({ requests: 1, tokens: 10 });
  });

  test('the budget resets at midnight (server time) on the simulated clock', async () => {
    sim = await startSimulator({ seed: 2, scale: 20, rateLimit: { dailyBudget: 10 } });
    expect((await get(sim, '/api/v2/deals')).status).toBe(200);
    expect((await get(sim, '/api/v2/deals')).status).toBe(429);
    sim.clock.advance(86_400_000);
    expect((await get(sim, '/api/v2/deals')).status).toBe(200);
  });

  test('the burst window allows burstLimit requests per token, with the limit headers on every response', async () => {
    sim = await startSimulator({ seed: 2, scale: 20, rateLimit: { burstLimit: 3, burstWindowMs: 2000 } });
    const statuses: number[] = [];
    let last: Headers | undefined;
    for (let i = 0; i < 4; i += 1) {
      const r = await get(sim, '/api/v1/users/me');
      statuses.push(r.status);
      last = r.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.get('x-ratelimit-limit')).toBe('3');
    expect(last?.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last?.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    sim.clock.advance(2000);
    expect((await get(sim, '/api/v1/users/me')).status).toBe(200);
  });
});
