import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SyncError } from '../../src/sync/errors.js';
import { connectorFor, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 60 });
});
afterAll(() => sim.close());

type Tamper = (body: Record<string, unknown>, call: number) => string | Record<string, unknown>;

/** A fetch that rewrites the second /api/v2/deals page the simulator returns. */
function tampering(tamper: Tamper): typeof fetch {
  let calls = 0;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/api/v2/deals?')) return response;
    calls += 1;
    if (calls < 2) return response;
    const changed = tamper((await response.json()) as Record<string, unknown>, calls);
    const text = typeof changed === 'string' ? changed : JSON.stringify(changed);
    const type = typeof changed === 'string' && changed.startsWith('<') ? 'text/html' : 'application/json';
    return new Response(text, { status: 200, headers: { 'content-type': type } });
  };
}

const CASES: [string, Tamper][] = [
  ['an HTML page', () => '<html><body>Attention required</body></html>'],
  ['success: false', (body) => ({ ...body, success: false })],
  ['no data member', (body) => ({ success: true, additional_data: body.additional_data })],
  ['data of the wrong type', (body) => ({ ...body, data: 'deals' })],
  ['rows that are not objects', (body) => ({ ...body, data: [1, 2, 3] })],
  ['a row without an id', (body) => ({ ...body, data: [{ title: 'no id' }] })],
  [
    'a cursor that never ends',
    (body, call) => (call >= 2 ? { ...body, additional_data: { next_cursor: 'same' } } : body),
  ],
  [
    'duplicate ids',
    (body) => {
      const rows = body.data as Record<string, unknown>[];
      return { ...body, data: [...rows, rows[0]] };
    },
  ],
];

describe('malformed responses', () => {
  test.each(CASES)('%s throws malformed-response and yields no bookmark past it', async (_name, tamper) => {
    const source = connectorFor(sim, 'V2', { pageSize: 10, fetch: tampering(tamper) });
    const deals = tableNamed(await source.discover({ knownCustomFields: [], tables: ['deals'] }), 'deals');
    const bookmarks: (string | null)[] = [];
    const error = await (async () => {
      for await (const page of source.read(deals, null, { mode: 'full', signpost: sim.clock.now() })) {
        bookmarks.push(page.bookmark);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('malformed-response');
    expect((error as SyncError).message).toContain('deals: GET /api/v2/deals');
    // Only pages before the broken one were yielded (the cursor case yields the tampered page first).
    expect(bookmarks.length).toBeLessThanOrEqual(2);
  });
});
