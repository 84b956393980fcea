import { afterAll, beforeAll, expect, test } from 'vitest';
import { BodyBuffers } from '../../src/simulator/http/body-bytes.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, scale: 2000 });
});
afterAll(async () => {
  await sim.close();
});

/** A body large enough to go through the reused buffers, with 2-, 3- and 4-byte UTF-8 characters. */
const large = (fill: string, n: number) => `{"x":"${fill.repeat(n)}","t":"Hauptstraße € 🚀"}`;

test('a reused body buffer carries exactly the new text, never the tail of a longer earlier one', () => {
  const buffers = new BodyBuffers();
  const first = large('a', 200_000);
  const a = buffers.encode(first);
  expect(a.bytes.equals(Buffer.from(first, 'utf8'))).toBe(true);
  a.release();
  const second = large('b', 90_000);
  const b = buffers.encode(second);
  expect(b.bytes.equals(Buffer.from(second, 'utf8'))).toBe(true);
  expect(b.bytes.length).toBe(Buffer.byteLength(second, 'utf8'));
});

test('a body still in flight (not released) is never overwritten by the next response', () => {
  const buffers = new BodyBuffers();
  const first = large('c', 100_000);
  const a = buffers.encode(first);
  const b = buffers.encode(large('d', 100_000));
  expect(a.bytes.equals(Buffer.from(first, 'utf8'))).toBe(true);
  expect(b.bytes.buffer).not.toBe(a.bytes.buffer);
});

async function page(path: string): Promise<{ bytes: Buffer; length: string | null }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { 'x-api-token': sim.token } });
  return { bytes: Buffer.from(await response.arrayBuffer()), length: response.headers.get('content-length') };
}

test('large pages served at the same time are the same bytes as served one by one, with their true length', async () => {
  const paths = [
    '/api/v2/deals?limit=500',
    '/api/v2/deals?limit=500&sort_by=update_time&sort_direction=desc',
    '/api/v2/organizations?limit=500',
    '/api/v2/persons?limit=500',
  ];
  const together = await Promise.all(paths.map(page));
  for (const [i, path] of paths.entries()) {
    const alone = await page(path);
    expect(together[i]!.bytes.equals(alone.bytes)).toBe(true);
    expect(alone.length).toBe(String(alone.bytes.length));
    const body = JSON.parse(alone.bytes.toString('utf8')) as { data: unknown[] };
    expect(body.data.length).toBe(500);
  }
});
