import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import type { OAuthTokens } from '../../src/connector/index.js';
import { SyncError } from '../../src/sync/errors.js';
import { readAll, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ scale: 30, oauth: { rotateRefreshTokens: true, accessTokenTtlSeconds: 120 } });
});
afterAll(() => sim.close());

describe('OAuth', () => {
  test('every rotated refresh token is persisted before the new access token is used', async () => {
    const persisted: OAuthTokens[] = [];
    const usedBeforePersisted: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      if (auth.startsWith('Bearer ')) {
        const token = auth.slice(7);
        if (!persisted.some((t) => t.accessToken === token)) usedBeforePersisted.push(token);
      }
      return fetch(input, init);
    };
    const source = createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      fetch: recordingFetch,
      clock: sim.clock,
      auth: {
        scheme: 'OAuth',
        clientId: sim.oauth!.clientId,
        clientSecret: sim.oauth!.clientSecret,
        refreshToken: sim.oauth!.refreshToken,
        onTokens: async (tokens) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          persisted.push(tokens);
        },
      },
    });
    const check = await source.check();
    expect(check.ok).toBe(true);
    const tables = await source.discover({ knownCustomFields: [], tables: ['deals'] });
    // Past the access token's lifetime: the next call refreshes (and rotates) first.
    sim.clock.advance(10 * 60_000);
    const { rows } = await readAll(source, tableNamed(tables, 'deals'), { signpost: sim.clock.now() });
    expect(rows.length).toBe([...sim.world.records('deals')].length);
    expect(persisted.length).toBeGreaterThanOrEqual(2);
    expect(new Set(persisted.map((t) => t.refreshToken)).size).toBe(persisted.length);
    expect(usedBeforePersisted).toEqual([]);
  });

  test('a refresh token the server rejects is an unauthorized error without the token in it', async () => {
    const source = createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      auth: {
        scheme: 'OAuth',
        clientId: sim.oauth!.clientId,
        clientSecret: sim.oauth!.clientSecret,
        refreshToken: 'bogus-refresh-token-123',
      },
    });
    const tables = await source
      .discover({ knownCustomFields: [], tables: ['deals'] })
      .catch((e: unknown) => e);
    expect(tables).toBeInstanceOf(SyncError);
    expect((tables as SyncError).kind).toBe('unauthorized');
    expect((tables as SyncError).message).not.toContain('bogus-refresh-token-123');
    const check = await source.check();
    expect(check).toMatchObject({ ok: false, reason: 'InvalidCredentials' });
  });
});
