/**
 * Canary credentials (API token, OAuth client secret, database password) go
 * through real CLI runs with faults injected, failures on purpose and the
 * auth login flow; afterwards none of them, in any encoding, appears in any
 * output line, report file, or bookkeeping row of the destination.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { CliResult } from '../cli/run-cli.js';
import { cleanEnv, runCli, spawnCli, waitForOutput } from '../cli/run-cli.js';
import { openReader } from './database-reader.js';

const API_TOKEN = 'canaryApiToken7f3e9c2b5a1d8e4f6a0b3c9d2e7f1a5b';
const CLIENT_SECRET = 'canaryClientSecret-4b8d2f6a9c1e';
const DB_PASSWORD = 'canaryDbPassword-9e2c7a4f1b6d';
const SCHEMA = `canary_${process.pid}`;
const DESTINATION = `postgres://postgres:${DB_PASSWORD}@127.0.0.1:5432/test?schema=${SCHEMA}`;

/** Every form a secret could take on the way out: as is, URL-encoded, base64, inside Basic auth. */
function forms(clientId: string): string[] {
  const raw = [API_TOKEN, CLIENT_SECRET, DB_PASSWORD];
  return [
    ...raw,
    ...raw.map(encodeURIComponent),
    ...raw.map((s) => Buffer.from(s).toString('base64')),
    Buffer.from(`${clientId}:${CLIENT_SECRET}`).toString('base64'),
  ];
}

describe('secrets never leak', () => {
  let sim: RunningSimulator;
  let dir: string;
  const outputs: { what: string; text: string }[] = [];
  const keep = (what: string, result: CliResult) =>
    outputs.push(
      { what: `${what} stdout`, text: result.stdout },
      { what: `${what} stderr`, text: result.stderr },
    );
  const sync = (name: string, env: Record<string, string>, extra: string[] = []) =>
    runCli(
      [
        'sync',
        '--domain',
        sim.companyDomain,
        '--api-url',
        sim.url,
        '--destination-env',
        'DEST_URL',
        '--tables',
        'deals,persons,users',
        '--page-size',
        '20',
        '--report-file',
        join(dir, `${name}.json`),
        ...extra,
      ],
      cleanEnv({ DEST_URL: DESTINATION, ...env }),
    );

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 77,
      scale: 80,
      token: API_TOKEN,
      oauth: { clientSecret: CLIENT_SECRET, rotateRefreshTokens: true },
      faults: { rates: { '429': 0.05, '500': 0.05, reset: 0.03, truncate: 0.03 }, timeoutMs: 500 },
    });
    dir = await mkdtemp(join(tmpdir(), 'canary-'));
  });
  afterAll(async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`drop schema if exists "${SCHEMA}" cascade`);
    await client.end();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a token sync with faults, verbose logs', { timeout: 120_000 }, async () => {
    const result = await sync('token', { PIPEDRIVE_API_TOKEN: API_TOKEN }, ['--verbose']);
    keep('token sync', result);
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
  });

  it('an OAuth sync with rotating refresh tokens', { timeout: 120_000 }, async () => {
    const file = join(dir, 'refresh-token');
    await writeFile(file, `${sim.oauth?.refreshToken}\n`, { mode: 0o600 });
    const result = await sync(
      'oauth',
      { PIPEDRIVE_CLIENT_ID: sim.oauth?.clientId ?? '', PIPEDRIVE_CLIENT_SECRET: CLIENT_SECRET },
      ['--refresh-token-file', file, '--verbose'],
    );
    keep('oauth sync', result);
    expect(result.code, result.stderr.slice(-2000)).toBe(0);
  });

  it(
    'failures: a refused token, a wrong client secret, an unknown database, a refused password',
    {
      timeout: 240_000,
    },
    async () => {
      const refused = await sync('refused', { PIPEDRIVE_API_TOKEN: `${API_TOKEN}x` });
      keep('refused token', refused);
      const badSecret = await sync(
        'bad-secret',
        { PIPEDRIVE_CLIENT_ID: sim.oauth?.clientId ?? '', PIPEDRIVE_CLIENT_SECRET: `${CLIENT_SECRET}x` },
        ['--refresh-token-file', join(dir, 'refresh-token'), '--verbose'],
      );
      keep('wrong client secret', badSecret);
      const noDb = await runCli(
        [
          'check',
          '--domain',
          sim.companyDomain,
          '--api-url',
          sim.url,
          '--destination-env',
          'DEST_URL',
          '--verbose',
        ],
        cleanEnv({
          PIPEDRIVE_API_TOKEN: API_TOKEN,
          DEST_URL: `postgres://postgres:${DB_PASSWORD}@127.0.0.1:5432/no_such_database_canary`,
        }),
      );
      keep('unknown database', noDb);
      const mysqlRefused = await sync('mysql-refused', {
        PIPEDRIVE_API_TOKEN: API_TOKEN,
        DEST_URL: `mysql://root:${DB_PASSWORD}@127.0.0.1:3306/test`,
      });
      keep('refused database password', mysqlRefused);
      expect([refused.code, badSecret.code, noDb.code, mysqlRefused.code]).toEqual([2, 2, 2, 2]);
    },
  );

  it('auth login', { timeout: 120_000 }, async () => {
    await writeFile(join(dir, 'client-secret'), `${CLIENT_SECRET}\n`);
    const cli = spawnCli(
      [
        'auth',
        'login',
        '--oauth-url',
        sim.url,
        '--port',
        '0',
        '--client-secret-file',
        join(dir, 'client-secret'),
      ],
      cleanEnv({ PIPEDRIVE_CLIENT_ID: sim.oauth?.clientId ?? '' }),
    );
    const [url] = await waitForOutput(cli.stderrSoFar, /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\S+/);
    const consent = await fetch(url, { redirect: 'manual' });
    const page = await fetch(new URL(consent.headers.get('location') ?? ''));
    outputs.push({ what: 'login callback page', text: await page.text() });
    const result = await cli.done;
    expect(result.code).toBe(0);
    // stdout is the Secret manifest, which must hold the client secret; stderr is the log.
    expect(result.stdout).toContain(CLIENT_SECRET);
    outputs.push({ what: 'auth login stderr', text: result.stderr });
  });

  it('appears in no output, report or bookkeeping row', async () => {
    // A destination that refuses the connection fails before the run starts: no report to check then.
    for (const name of ['token', 'oauth', 'refused', 'bad-secret', 'mysql-refused']) {
      const text = await readFile(join(dir, `${name}.json`), 'utf8').catch(() => undefined);
      if (text !== undefined) outputs.push({ what: `${name} report`, text });
    }
    const reader = await openReader({ url: DESTINATION });
    for (const table of ['_pipedrive_sync_runs', '_pipedrive_sync_state', '_pipedrive_custom_fields'])
      outputs.push({ what: table, text: JSON.stringify(await reader.query('select * from {table}', table)) });
    const runs = await reader.query('select result, message from {table}', '_pipedrive_sync_runs');
    await reader.close();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(outputs.length).toBeGreaterThan(15);
    const leaks = outputs.flatMap(({ what, text }) =>
      forms(sim.oauth?.clientId ?? '')
        .filter((secret) => text.includes(secret))
        .map((secret) => `${what} holds ${secret.slice(0, 12)}...`),
    );
    expect(leaks).toEqual([]);
  });
});
