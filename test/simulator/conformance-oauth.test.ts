import { afterAll, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { loadSpecDocuments, ResponseValidator } from '../support/openapi/index.js';

// The simulator's OAuth server against the token schemas of v1.yaml (/oauth/token and /oauth/token/).
const docs = await loadSpecDocuments();
const validator = new ResponseValidator(docs);
const sim = await startSimulator({ seed: 5, scale: 5, oauth: {} });
const oauth = sim.oauth!;
const basic = `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`;

afterAll(async () => {
  await sim.close();
});

async function tokenRequest(form: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

const check = (pathTemplate: string, response: { status: number; body: unknown }) =>
  validator.validate({
    version: 'v1',
    method: 'post',
    pathTemplate,
    status: response.status,
    body: response.body,
  });

test('POST /oauth/token (authorization_code) conforms to the spec', async () => {
  const redirectUri = 'https://app.example.com/callback';
  const authorize = await fetch(
    `${sim.url}/oauth/authorize?client_id=${oauth.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1`,
    { redirect: 'manual' },
  );
  const code = new URL(authorize.headers.get('location') ?? 'about:blank').searchParams.get('code');
  expect(code).toBeTruthy();
  const response = await tokenRequest({
    grant_type: 'authorization_code',
    code: code!,
    redirect_uri: redirectUri,
  });
  expect(response.status).toBe(200);
  expect(check('/oauth/token', response).errors).toEqual([]);
  expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
});

test('POST /oauth/token/ (refresh_token) conforms to the spec', async () => {
  const response = await tokenRequest({ grant_type: 'refresh_token', refresh_token: oauth.refreshToken });
  expect(response.status).toBe(200);
  const result = check('/oauth/token/', response);
  expect(result.source).toBe('v1.yaml POST /oauth/token/ 200');
  expect(result.errors).toEqual([]);
  expect(response.body).toHaveProperty('api_domain');
});
