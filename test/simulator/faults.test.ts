import { request } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { parseFaults, startSimulator } from '../../src/simulator/index.js';
import type { FaultKind, RunningSimulator } from '../../src/simulator/index.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const running = (): RunningSimulator => {
  if (!sim) throw new Error('no simulator');
  return sim;
};

/** Raw request so connection resets and truncated bodies are observable (fetch hides the details). */
function raw(
  path: string,
): Promise<{ status?: number; body?: string; declaredLength?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(`${running().url}${path}`, { headers: { 'x-api-token': running().token } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, body, declaredLength: Number(res.headers['content-length']) }),
      );
      res.on('error', (error) =>
        resolve({
          status: res.statusCode,
          body,
          declaredLength: Number(res.headers['content-length']),
          error: error.message,
        }),
      );
      res.on('aborted', () =>
        resolve({
          status: res.statusCode,
          body,
          declaredLength: Number(res.headers['content-length']),
          error: 'aborted',
        }),
      );
    });
    req.on('error', (error) => resolve({ error: error.message }));
    req.end();
  });
}

async function withOnly(kind: FaultKind, extra: Record<string, number> = {}) {
  sim = await startSimulator({ seed: 5, scale: 20, faults: { rates: { [kind]: 1 }, ...extra } });
}

describe('each fault kind', () => {
  test.each(['429', '500', '502', '503', '504'] as const)(
    '%s answers with that status and the error envelope',
    async (kind) => {
      await withOnly(kind);
      const response = await raw('/api/v2/deals');
      expect(response.status).toBe(Number(kind));
      expect(JSON.parse(response.body ?? '{}')).toMatchObject({ success: false });
      expect(running().stats().faultsInjected).toBe(1);
      expect(running().stats().tokensCharged).toBe(0);
    },
  );

  test('reset drops the connection without a response', async () => {
    await withOnly('reset');
    const response = await raw('/api/v2/deals');
    expect(response.status).toBeUndefined();
    expect(response.error).toMatch(/reset|hang up/i);
  });

  test('timeout holds the request, then closes it without a response', async () => {
    sim = await startSimulator({ seed: 5, scale: 20, faults: { rates: { timeout: 1 }, timeoutMs: 50 } });
    const response = await raw('/api/v2/deals');
    expect(response.status).toBeUndefined();
    expect(response.error).toBeDefined();
  });

  test('truncate sends fewer bytes than content-length and cuts the connection', async () => {
    await withOnly('truncate');
    const response = await raw('/api/v2/deals?limit=20');
    expect(response.status).toBe(200);
    expect(Buffer.byteLength(response.body ?? '')).toBeLessThan(response.declaredLength ?? 0);
    expect(() => JSON.parse(response.body ?? '')).toThrow();
  });

  test('slow still answers normally after the delay', async () => {
    sim = await startSimulator({ seed: 5, scale: 20, faults: { rates: { slow: 1 }, slowMs: 20 } });
    const response = await raw('/api/v2/deals?limit=1');
    expect(response.status).toBe(200);
    expect(running().stats().faultsInjected).toBe(1);
  });
});

test('faults are seeded: the same seed and request order inject the same faults, per endpoint prefix', async () => {
  const config = parseFaults('500=0.3,/api/v2/persons:503=1');
  const run = async () => {
    sim = await startSimulator({ seed: 9, scale: 20, faults: config });
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await raw('/api/v2/deals?limit=1')).status);
    const persons = (await raw('/api/v2/persons')).status;
    await running().close();
    sim = undefined;
    return { statuses, persons };
  };
  const a = await run();
  const b = await run();
  expect(a).toEqual(b);
  expect(a.persons).toBe(503);
  expect(a.statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
  expect(a.statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
});

test('parseFaults reads the CLI syntax and rejects bad entries', () => {
  expect(parseFaults('429=0.02,500=0.01,reset=0.01,truncate=0.01,timeout=0.005').rates).toEqual({
    '429': 0.02,
    '500': 0.01,
    reset: 0.01,
    truncate: 0.01,
    timeout: 0.005,
  });
  expect(() => parseFaults('teapot=0.1')).toThrow(/bad fault/);
  expect(() => parseFaults('500=2')).toThrow(/bad fault/);
});
