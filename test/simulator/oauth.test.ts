import { afterEach, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';

let sim: RunningSimulator;
afterEach(async () => {
  await sim.close();
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function tokenRequest(
  form: Record<string, string>,
  auth?: string,
  contentType = 'application/x-www-form-urlencoded',
) {
  const oauth = sim.oauth!;
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      authorization: auth ?? basic(oauth.clientId, oauth.clientSecret),
    },
    body: contentType.includes('json') ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function me(accessToken: string): Promise<number> {
  const response = await fetch(`${sim.url}/api/v1/users/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

test('authorize approves at once and the code is exchanged once for tokens with api_domain', async () => {
  sim = await startSimulator({ seed: 4, scale: 10, oauth: {} });
  const oauth = sim.oauth!;
  const authorize = await fetch(
    `${sim.url}/oauth/authorize?client_id=${oauth.clientId}&redirect_uri=${encodeURIComponent('http://localhost:9/cb')}&state=xyz`,
    { redirect: 'manual' },
  );
  expect(authorize.status).toBe(302);
  const location = new URL(authorize.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('xyz');
  const code = location.searchParams.get('code')!;
  const exchange = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://localhost:9/cb',
  });
  expect(exchange.status).toBe(200);
  expect(exchange.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, api_domain: sim.url });
  expect(await me(String(exchange.body.access_token))).toBe(200);
  const again = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://localhost:9/cb',
  });
  expect(again).toMatchObject({
    status: 400,
    body: { message: 'Invalid grant: authorization_code is invalid' },
  });
});

test('access tokens expire after 3599 simulated seconds; refresh without rotation keeps the refresh token', async () => {
  sim = await startSimulator({ seed: 4, scale: 10, oauth: {} });
  const refreshToken = sim.oauth!.refreshToken;
  const first = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(first.body.refresh_token).toBe(refreshToken);
  const access = String(first.body.access_token);
  sim.clock.advance(3598_000);
  expect(await me(access)).toBe(200);
  sim.clock.advance(2_000);
  expect(await me(access)).toBe(401);
  const second = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(second.status).toBe(200);
  expect(await me(String(second.body.access_token))).toBe(200);
});

test('with rotation every refresh returns a new refresh token and the old one becomes invalid', async () => {
  sim = await startSimulator({ seed: 4, scale: 10, oauth: { rotateRefreshTokens: true } });
  const old = sim.oauth!.refreshToken;
  const rotated = await tokenRequest({ grant_type: 'refresh_token', refresh_token: old });
  expect(rotated.status).toBe(200);
  expect(rotated.body.refresh_token).not.toBe(old);
  const reuse = await tokenRequest({ grant_type: 'refresh_token', refresh_token: old });
  expect(reuse).toMatchObject({ status: 400, body: { message: 'Invalid grant: refresh_token is invalid' } });
  const next = await tokenRequest({
    grant_type: 'refresh_token',
    refresh_token: String(rotated.body.refresh_token),
  });
  expect(next.status).toBe(200);
});

test('token endpoint errors and API auth errors use the documented statuses', async () => {
  sim = await startSimulator({ seed: 4, scale: 10, oauth: {} });
  const rt = sim.oauth!.refreshToken;
  expect(await tokenRequest({ refresh_token: rt })).toMatchObject({
    status: 400,
    body: { message: 'Missing parameter: grant_type' },
  });
  expect(await tokenRequest({ grant_type: 'password' })).toMatchObject({
    status: 400,
    body: { message: 'Unsupported grant type: grant_type is invalid' },
  });
  expect(
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: rt }, basic('nope', 'bad')),
  ).toMatchObject({
    status: 400,
    body: { message: 'Invalid client: client is invalid' },
  });
  expect(
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: rt }, undefined, 'application/json'),
  ).toMatchObject({
    status: 400,
    body: { message: 'Invalid request: content must be application/x-www-form-urlencoded' },
  });
  const malformed = await fetch(`${sim.url}/api/v2/deals`, { headers: { authorization: 'Token abc' } });
  expect(malformed.status).toBe(400);
  const unknown = await fetch(`${sim.url}/api/v2/deals`, { headers: { authorization: 'Bearer nope' } });
  expect(unknown.status).toBe(401);
  expect(await unknown.json()).toMatchObject({
    success: false,
    error: 'unauthorized access',
    errorCode: 401,
  });
  const revoked = await tokenRequest({ grant_type: 'refresh_token', refresh_token: rt });
  await fetch(`${sim.url}/oauth/revoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(sim.oauth!.clientId, sim.oauth!.clientSecret),
    },
    body: new URLSearchParams({ token: rt, token_type_hint: 'refresh_token' }).toString(),
  });
  expect(await me(String(revoked.body.access_token))).toBe(401);
  expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: rt })).status).toBe(400);
});

test('users/me over OAuth returns the company domain', async () => {
  sim = await startSimulator({ seed: 4, scale: 10, oauth: {}, companyDomain: 'acme-sales' });
  const tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: sim.oauth!.refreshToken });
  const response = await fetch(`${sim.url}/v1/users/me`, {
    headers: { authorization: `Bearer ${String(tokens.body.access_token)}` },
  });
  expect(((await response.json()) as { data: { company_domain: string } }).data.company_domain).toBe(
    'acme-sales',
  );
});
