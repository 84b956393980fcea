import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import { connectorFor, startSim } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 5 });
});
afterAll(() => sim.close());

describe('check()', () => {
  test('returns the company and the user behind the token', async () => {
    const result = await connectorFor(sim, 'V2').check();
    expect(result).toMatchObject({
      ok: true,
      account: { companyId: sim.companyId, companyDomain: sim.companyDomain },
    });
  });

  test('a token of another company is a domain mismatch', async () => {
    const result = await connectorFor(sim, 'V2', { companyDomain: 'someone-else' }).check();
    expect(result).toMatchObject({ ok: false, reason: 'CompanyDomainMismatch' });
  });

  test('a wrong token is InvalidCredentials and the message never holds the token', async () => {
    const token = 'f'.repeat(40);
    const source = createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiToken: token },
    });
    const result = await source.check();
    expect(result).toMatchObject({ ok: false, reason: 'InvalidCredentials' });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(result)).toContain('GET /api/v1/users/me');
  });

  test('an unreachable API is ApiUnavailable', async () => {
    const source = connectorFor(sim, 'V2', { apiUrl: 'http://127.0.0.1:9', requestTimeoutMs: 2000 });
    const result = await source.check();
    expect(result).toMatchObject({ ok: false, reason: 'ApiUnavailable' });
  });
});
