import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureMain } from './capture-main.js';

const CREDENTIAL_VARS = [
  'PIPEDRIVE_API_TOKEN',
  'PIPEDRIVE_CLIENT_ID',
  'PIPEDRIVE_CLIENT_SECRET',
  'PIPEDRIVE_REFRESH_TOKEN',
  'PIPEDRIVE_ACCESS_TOKEN',
];

describe('CLI usage errors: one sentence, exit code 2, no stack', () => {
  beforeEach(() => {
    for (const name of CREDENTIAL_VARS) delete process.env[name];
  });

  it.each([
    [
      ['sync', '--domain', 'acme', '--token', 'abcdef123456', '--destination', 'sqlite::memory:'],
      /--token is not accepted because command-line arguments are visible/,
    ],
    [
      ['sync', '--domain', 'acme', '--access-token', 'abcdef123456', '--destination', 'sqlite::memory:'],
      /--access-token is not accepted .* use PIPEDRIVE_ACCESS_TOKEN or --access-token-file instead/,
    ],
    [
      [
        'sync',
        '--domain',
        'acme',
        '--access-token-file',
        '/nonexistent/at',
        '--destination',
        'sqlite::memory:',
      ],
      /Cannot read the access token file \/nonexistent\/at: ENOENT/,
    ],
    [
      ['sync', '--domain', 'acme', '--destination', 'sqlite::memory:'],
      /No Pipedrive credentials: set PIPEDRIVE_API_TOKEN/,
    ],
    [['check', '--token-file', '/nonexistent/token'], /Missing --domain/],
    [
      ['sync', '--domain', 'acme', '--token-file', '/nonexistent/token', '--destination', 'sqlite::memory:'],
      /Cannot read the API token file \/nonexistent\/token: ENOENT/,
    ],
    [['sync', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['auth', 'logout'], /the only one is 'login'/],
    [['nope'], /Unknown command 'nope'/],
  ])('%j', async (argv, message) => {
    const result = await captureMain(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('abcdef123456');
  });

  it('still writes a failed report file when the run cannot start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    const report = join(dir, 'report.json');
    const result = await captureMain([
      'sync',
      '--domain',
      'acme',
      '--destination',
      'sqlite::memory:',
      '--report-file',
      report,
    ]);
    expect(result.code).toBe(2);
    const parsed = JSON.parse(await readFile(report, 'utf8')) as {
      result: string;
      exitCode: number;
      message: string;
    };
    expect(parsed).toMatchObject({ result: 'failed', exitCode: 2 });
    expect(parsed.message).toMatch(/No Pipedrive credentials/);
  });

  it('names the valid tables when one is unknown', async () => {
    process.env.PIPEDRIVE_API_TOKEN = 'token-for-usage-test';
    const result = await captureMain([
      'sync',
      '--domain',
      'acme',
      '--destination',
      'sqlite::memory:',
      '--tables',
      'deals,dealz',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown table 'dealz'; valid tables are: activities, .*deals.*users\./);
  });

  it('rejects an invalid --config with the field that is wrong', async () => {
    process.env.PIPEDRIVE_API_TOKEN = 'token-for-usage-test';
    const dir = await mkdtemp(join(tmpdir(), 'sync-config-'));
    const file = join(dir, 'job.yaml');
    await writeFile(
      file,
      'apiVersion: pipedrive.sync.dev/v1alpha1\nkind: SyncJob\nspec:\n  mode: Sometimes\n',
    );
    const result = await captureMain([
      'sync',
      '--domain',
      'acme',
      '--destination',
      'sqlite::memory:',
      '--config',
      file,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid mode/);
  });
});
