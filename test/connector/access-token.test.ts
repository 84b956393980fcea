/**
 * The access-token-only OAuth auth sync Jobs use: the operator refreshes, the
 * Job only reads the token it was given, re-reads it once after a 401, and
 * otherwise fails with a retryable error so the Job's next attempt starts
 * with the renewed token.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnector } from '../../src/connector/index.js';
import type { OAuthAccessTokenAuth } from '../../src/connector/index.js';
import { SyncError } from '../../src/sync/errors.js';
import { readAll, startSim, tableNamed } from './simulator-support.js';
import type { RunningSimulator } from './simulator-support.js';

let sim: RunningSimulator;
let refreshToken: string;

beforeAll(async () => {
  sim = await startSim({ scale: 20, oauth: { rotateRefreshTokens: true, accessTokenTtlSeconds: 120 } });
  refreshToken = sim.oauth!.refreshToken;
});
afterAll(() => sim.close());

/** What the operator does: one refresh grant, returning a fresh access token. */
async function issueAccessToken(): Promise<{ accessToken: string; apiDomain: string }> {
  const basic = Buffer.from(`${sim.oauth!.clientId}:${sim.oauth!.clientSecret}`).toString('base64');
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  const body = (await response.json()) as { access_token: string; refresh_token: string; api_domain: string };
  refreshToken = body.refresh_token;
  return { accessToken: body.access_token, apiDomain: body.api_domain };
}

function connector(auth: Omit<OAuthAccessTokenAuth, 'scheme'>, apiUrl: string | undefined = sim.url) {
  return createConnector({
    companyDomain: sim.companyDomain,
    schema: 'V2',
    ...(apiUrl ? { apiUrl } : {}),
    clock: sim.clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    auth: { scheme: 'OAuth', ...auth },
  });
}

describe('OAuth with an access token issued elsewhere', () => {
  test('reads every row with the given token, at the api_domain issued with it', async () => {
    const { accessToken, apiDomain } = await issueAccessToken();
    const source = connector({ accessToken, apiDomain }, undefined);
    expect(await source.check()).toMatchObject({ ok: true });
    const tables = await source.discover({ knownCustomFields: [], tables: ['deals'] });
    const { rows } = await readAll(source, tableNamed(tables, 'deals'), { signpost: sim.clock.now() });
    expect(rows.length).toBe([...sim.world.records('deals')].length);
  });

  test('after a 401 it re-reads the token once and continues with the renewed one', async () => {
    let current = (await issueAccessToken()).accessToken;
    let reloads = 0;
    const source = connector({
      accessToken: current,
      reloadAccessToken: () => {
        reloads += 1;
        return Promise.resolve(`${current}\n`);
      },
    });
    const tables = await source.discover({ knownCustomFields: [], tables: ['deals'] });
    // The token expires; meanwhile the issuer renewed it (what the kubelet shows in the mounted file).
    sim.clock.advance(5 * 60_000);
    current = (await issueAccessToken()).accessToken;
    const { rows } = await readAll(source, tableNamed(tables, 'deals'), { signpost: sim.clock.now() });
    expect(rows.length).toBe([...sim.world.records('deals')].length);
    expect(reloads).toBe(1);
  });

  test('a rejected token with nothing newer to read is a retryable error without the token in it', async () => {
    const stale = (await issueAccessToken()).accessToken;
    sim.clock.advance(5 * 60_000);
    const source = connector({ accessToken: stale, reloadAccessToken: () => Promise.resolve(stale) });
    const error = await source
      .discover({ knownCustomFields: [], tables: ['deals'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).retryable).toBe(true);
    expect((error as SyncError).message).toMatch(/401/);
    expect((error as SyncError).message).not.toContain(stale);
  });

  test('without a way to reload, a rejected token is invalid credentials', async () => {
    const source = connector({ accessToken: 'v1u:not-a-token' });
    expect(await source.check()).toMatchObject({ ok: false, reason: 'InvalidCredentials' });
  });
});
