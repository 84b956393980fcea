import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { captureMain } from './capture-main.js';
import { cleanEnv, spawnCli, waitForOutput } from './run-cli.js';

/** Plays the browser: opens the authorize URL and follows the redirect to the local callback. */
async function approveInBrowser(authorizeUrl: string, tamper?: (callback: URL) => void): Promise<Response> {
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location') ?? '');
  tamper?.(callback);
  return fetch(callback);
}

describe('auth login against the simulator OAuth server', () => {
  let sim: RunningSimulator;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, scale: 5, oauth: {} });
    dir = await mkdtemp(join(tmpdir(), 'auth-login-'));
    await writeFile(join(dir, 'secret'), `${sim.oauth?.clientSecret}\n`);
  });
  afterAll(async () => sim.close());

  it('prints the authorize URL, receives the redirect, and writes a Secret whose refresh token works', async () => {
    const output = join(dir, 'oauth.yaml');
    const cli = spawnCli(
      [
        'auth',
        'login',
        '--oauth-url',
        sim.url,
        '--port',
        '0',
        '--client-secret-file',
        join(dir, 'secret'),
        '--output',
        output,
      ],
      cleanEnv({ PIPEDRIVE_CLIENT_ID: sim.oauth?.clientId ?? '' }),
    );
    const [url] = await waitForOutput(cli.stderrSoFar, /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\S+/);
    const page = await approveInBrowser(url);
    expect(page.status).toBe(200);
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(sim.oauth?.clientSecret);

    const manifest = parseYaml(await readFile(output, 'utf8')) as {
      kind: string;
      stringData: Record<string, string>;
    };
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    expect(manifest.kind).toBe('Secret');
    expect(manifest.stringData.clientId).toBe(sim.oauth?.clientId);
    expect(manifest.stringData.clientSecret).toBe(sim.oauth?.clientSecret);
    // The refresh token is live: the OAuth server grants an access token for it.
    const basic = Buffer.from(`${sim.oauth?.clientId}:${sim.oauth?.clientSecret}`).toString('base64');
    const refreshed = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: manifest.stringData.refreshToken ?? '',
      }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('refuses a redirect whose state does not match and exits 2', async () => {
    const cli = spawnCli(
      ['auth', 'login', '--oauth-url', sim.url, '--port', '0', '--format', 'env'],
      cleanEnv({
        PIPEDRIVE_CLIENT_ID: sim.oauth?.clientId ?? '',
        PIPEDRIVE_CLIENT_SECRET: sim.oauth?.clientSecret ?? '',
      }),
    );
    const [url] = await waitForOutput(cli.stderrSoFar, /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\S+/);
    const page = await approveInBrowser(url, (callback) => callback.searchParams.set('state', 'forged'));
    expect(page.status).toBe(400);
    const result = await cli.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/different state/);
    expect(result.stdout).toBe('');
  });

  it('rejects a client secret given as an argument, explaining why', async () => {
    const result = await captureMain(['auth', 'login', '--client-id', 'x', '--client-secret', 'hunter22']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/visible to other users in 'ps'/);
    expect(result.stderr).not.toContain('hunter22');
  });
});
