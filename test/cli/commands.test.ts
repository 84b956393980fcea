/**
 * check, discover and sync through the CLI's `main` against the simulator:
 * OAuth with a rotating refresh token kept in a file, and a SyncJob manifest
 * given with --config.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { captureMain } from './capture-main.js';

const CREDENTIAL_VARS = [
  'PIPEDRIVE_API_TOKEN',
  'PIPEDRIVE_CLIENT_ID',
  'PIPEDRIVE_CLIENT_SECRET',
  'PIPEDRIVE_REFRESH_TOKEN',
  'PIPEDRIVE_ACCESS_TOKEN',
];

async function refreshGrant(sim: RunningSimulator, refreshToken: string): Promise<number> {
  const basic = Buffer.from(`${sim.oauth?.clientId}:${sim.oauth?.clientSecret}`).toString('base64');
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return response.status;
}

/** A fresh grant from the simulator (the one-time API-token exchange), as the operator would hold it. */
async function exchangeGrant(
  sim: RunningSimulator,
): Promise<{ access_token: string; refresh_token: string; api_domain: string }> {
  const basic = Buffer.from(`${sim.oauth?.clientId}:${sim.oauth?.clientSecret}`).toString('base64');
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'exchange_api_token', api_token: sim.token }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; api_domain: string };
}

describe('CLI commands against the simulator', () => {
  let sim: RunningSimulator;
  let dir: string;
  const connection = (): string[] => ['--domain', sim.companyDomain, '--api-url', sim.url];

  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, scale: 20, oauth: { rotateRefreshTokens: true } });
    dir = await mkdtemp(join(tmpdir(), 'cli-commands-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const name of CREDENTIAL_VARS) delete process.env[name];
  });

  it('check reports the account and exits 0; a wrong token exits 2', async () => {
    process.env.PIPEDRIVE_API_TOKEN = sim.token;
    const ok = await captureMain(['check', ...connection()]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Authenticated as .+ \(demo-company, company \d+\)\.\n$/);

    process.env.PIPEDRIVE_API_TOKEN = 'a'.repeat(40);
    const refused = await captureMain(['check', ...connection()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/InvalidCredentials/);
    expect(refused.stderr).not.toContain('a'.repeat(40));
  });

  it('discover lists the selected tables with their custom fields', async () => {
    process.env.PIPEDRIVE_API_TOKEN = sim.token;
    const result = await captureMain(['discover', ...connection(), '--tables', 'deals,persons', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const schemas = JSON.parse(result.stdout) as { name: string; customFields: unknown[] }[];
    expect(schemas.map((s) => s.name).sort()).toEqual(['deals', 'persons']);
    expect(schemas.every((s) => s.customFields.length > 0)).toBe(true);
  });

  it('sync with OAuth saves every rotated refresh token to --refresh-token-file before using it', async () => {
    const tokenFile = join(dir, 'refresh-token');
    const secretFile = join(dir, 'client-secret');
    const initial = sim.oauth?.refreshToken ?? '';
    await writeFile(tokenFile, `${initial}\n`);
    await writeFile(secretFile, sim.oauth?.clientSecret ?? '');
    process.env.PIPEDRIVE_CLIENT_ID = sim.oauth?.clientId;
    const db = join(dir, 'oauth.db');
    const result = await captureMain(
      ['sync', ...connection(), '--client-secret-file', secretFile, '--refresh-token-file', tokenFile].concat(
        ['--destination', `sqlite:${db}`, '--tables', 'deals,users'],
      ),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(initial);
    const saved = (await readFile(tokenFile, 'utf8')).trim();
    expect(saved).not.toBe(initial);
    expect(await refreshGrant(sim, initial)).toBe(400);
    expect(await refreshGrant(sim, saved)).toBe(200);
  });

  it('sync with --access-token-file reads rows at the api domain from --api-domain-file, refreshing nothing', async () => {
    const grant = await exchangeGrant(sim);
    const tokenFile = join(dir, 'accessToken');
    const domainFile = join(dir, 'apiDomain');
    await writeFile(tokenFile, `${grant.access_token}\n`);
    await writeFile(domainFile, grant.api_domain);
    const db = join(dir, 'access-token.db');
    // No --api-url: the base URL comes from the api domain file.
    const result = await captureMain(
      [
        'sync',
        '--domain',
        sim.companyDomain,
        '--access-token-file',
        tokenFile,
        '--api-domain-file',
        domainFile,
      ].concat(['--destination', `sqlite:${db}`, '--tables', 'deals']),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(grant.access_token);
    const sqlite = new Database(db, { readonly: true });
    try {
      const deals = sqlite.prepare('select count(*) as n from deals').get() as { n: number };
      expect(deals.n).toBeGreaterThanOrEqual(20);
    } finally {
      sqlite.close();
    }
    // The refresh token of the grant was never used: it still refreshes.
    expect(await refreshGrant(sim, grant.refresh_token)).toBe(200);

    process.env.PIPEDRIVE_ACCESS_TOKEN = 'v1u:not-a-token';
    const refused = await captureMain(['check', ...connection()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/InvalidCredentials/);
  });

  it('sync reads tables and mode from a SyncJob manifest given with --config', async () => {
    process.env.PIPEDRIVE_API_TOKEN = sim.token;
    const config = join(dir, 'syncjob.yaml');
    await writeFile(
      config,
      [
        'apiVersion: pipedrive.sync.dev/v1alpha1',
        'kind: SyncJob',
        'metadata: {name: acme, namespace: sales-data}',
        'spec:',
        '  connectionRef: {name: acme}',
        '  tables: [deals, pipelines]',
        '  mode: Full',
        '  destination: {type: sqlite, tablePrefix: crm_, sqlite: {persistentVolumeClaim: {claimName: data}, path: x.db}}',
        '  schedule: "*/30 * * * *"',
      ].join('\n'),
    );
    const db = join(dir, 'config.db');
    const report = join(dir, 'report.json');
    const result = await captureMain([
      'sync',
      ...connection(),
      '--config',
      config,
      '--destination',
      `sqlite:${db}`,
      '--report-file',
      report,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(await readFile(report, 'utf8')) as { mode: string; tables: { name: string }[] };
    expect(parsed.mode).toBe('full');
    expect(parsed.tables.map((t) => t.name)).toEqual(['deals', 'pipelines']);
    const sqlite = new Database(db, { readonly: true });
    try {
      const deals = sqlite.prepare('select count(*) as n from crm_deals').get() as { n: number };
      expect(deals.n).toBeGreaterThanOrEqual(20);
    } finally {
      sqlite.close();
    }
  });
});
