/**
 * A sync process killed mid-run (SIGKILL: no cleanup at all) and started
 * again converges to the simulator's content with no duplicates, because each
 * batch of pages commits its rows and its bookmark together. Everything runs as separate
 * processes through the real binary, as in a Kubernetes Job.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { CliResult } from '../cli/run-cli.js';
import { cleanEnv, spawnCli, waitForOutput } from '../cli/run-cli.js';
import { expectDestinationMatchesSimulator } from './dataset.js';
import type { TestDatabase } from './databases.js';

const SEED = 21;
const SCALE = 600;
const TABLES = 'deals,persons,organizations,activities,products,users,pipelines,stages';

function rowCount(file: string, table: string): number {
  try {
    const db = new Database(file, { readonly: true, timeout: 1000 });
    try {
      return (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or busy for a moment
  }
}

function sqliteView(file: string): TestDatabase {
  const query = <T>(sql: string): T[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  return {
    engine: 'sqlite',
    url: `sqlite:${file}`,
    select: async (table, columns) =>
      query(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}" order by id`),
    count: async (table, expression = '*') =>
      query<{ n: number }>(`select count(${expression}) as n from "${table}"`)[0]?.n ?? 0,
    drop: async () => undefined,
  };
}

describe('killing the sync process mid-run', () => {
  let simulator: ReturnType<typeof spawnCli>;
  let url: string;
  let token: string;
  let domain: string;
  let dir: string;
  let twin: RunningSimulator;

  beforeAll(async () => {
    simulator = spawnCli([
      'simulator',
      '--port',
      '0',
      '--seed',
      String(SEED),
      '--scale',
      String(SCALE),
      '--latency',
      '40',
    ]);
    const listening = await waitForOutput(
      simulator.stdoutSoFar,
      /listening on (http:\S+)[\s\S]*API token: (\S+)\s+company domain: (\S+)/,
    );
    [, url, token, domain] = listening as unknown as [string, string, string, string];
    dir = await mkdtemp(join(tmpdir(), 'kill-resume-'));
    // Same seed and scale: the same company, readable in this process for the comparison.
    twin = await startSimulator({ seed: SEED, scale: SCALE });
  });
  afterAll(async () => {
    simulator?.child.kill('SIGTERM');
    await simulator?.done;
    await twin?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const syncArgs = (file: string, report: string): string[] =>
    [
      'sync',
      '--domain',
      domain,
      '--api-url',
      url,
      '--destination',
      `sqlite:${file}`,
      '--tables',
      TABLES,
    ].concat(['--concurrency', '1', '--page-size', '100', '--report-file', report]);

  it('converges with no duplicates when run again', async () => {
    const file = join(dir, 'pipedrive.db');
    const report = join(dir, 'report.json');
    const env = cleanEnv({ PIPEDRIVE_API_TOKEN: token });

    const doomed = spawnCli(syncArgs(file, report), env);
    const deadline = Date.now() + 60_000;
    // activities come first in catalog order: 12 pages of 100 at this scale.
    while (rowCount(file, 'activities') < 300 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    doomed.child.kill('SIGKILL');
    const killed: CliResult = await doomed.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(rowCount(file, 'activities')).toBeGreaterThanOrEqual(300);
    expect(rowCount(file, 'activities')).toBeLessThan(1200);
    expect(rowCount(file, '_pipedrive_sync_runs')).toBe(0);

    const again = await spawnCli(syncArgs(file, report), env).done;
    expect(again.code, again.stderr).toBe(0);
    const text = await readFile(report, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(JSON.parse(text)).toMatchObject({ result: 'succeeded', exitCode: 0 });
    // The report is also the last log line.
    const lastLine = JSON.parse(again.stderr.trim().split('\n').at(-1) ?? '{}') as {
      message?: string;
      report?: unknown;
    };
    expect(lastLine.message).toBe('Finished sync run');

    await expectDestinationMatchesSimulator(sqliteView(file), twin);
  });

  it('exits 2 with one sentence when the token is refused', async () => {
    const result = await spawnCli(
      syncArgs(join(dir, 'refused.db'), join(dir, 'refused.json')),
      cleanEnv({ PIPEDRIVE_API_TOKEN: 'f'.repeat(40) }),
    ).done;
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('f'.repeat(40));
    expect(JSON.parse(await readFile(join(dir, 'refused.json'), 'utf8'))).toMatchObject({
      result: 'failed',
      exitCode: 2,
    });
  });
});
