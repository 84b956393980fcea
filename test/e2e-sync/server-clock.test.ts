/**
 * Incremental reads follow the API server's clock, not this machine's: the
 * signpost is the server's `Date` at the run's first response. Synced by the
 * real CLI in a child process, as a Job runs it: against an in-process
 * simulator whose clock is 300 days away from ours, a change made between two
 * runs arrives; against a simulator process started by the CLI, the
 * bookmark is today (its clock starts at real time).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { cleanEnv, runCli, spawnCli, waitForOutput } from '../cli/run-cli.js';

const DAY = 86_400_000;

interface Api {
  url: string;
  token: string;
  companyDomain: string;
}

const syncCli = (api: Api, db: string) =>
  runCli(
    ['sync', '--domain', api.companyDomain, '--api-url', api.url, '--destination', `sqlite:${db}`].concat([
      '--tables',
      'persons,pipelines',
      '--mode',
      'incremental',
    ]),
    cleanEnv({ PIPEDRIVE_API_TOKEN: api.token, LOG_LEVEL: 'error' }),
  );

function query<T>(db: string, sql: string): T[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all() as T[];
  } finally {
    sqlite.close();
  }
}

/** The lower bound the persons bookmark holds for the next run, in ms. */
function personsSince(db: string): number {
  const [state] = query<{ bookmark: string }>(
    db,
    "select bookmark from _pipedrive_sync_state where table_name = 'persons'",
  );
  const since = (JSON.parse(state!.bookmark) as { since: string[] }).since[0];
  return Date.parse(since!);
}

describe('the incremental signpost follows the API server clock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'server-clock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('picks up a change made between two CLI runs although the clocks are 300 days apart', async () => {
    const sim: RunningSimulator = await startSimulator({
      seed: 21,
      scale: 40,
      startAt: new Date(Date.now() - 300 * DAY),
    });
    try {
      const db = join(dir, 'behind.db');
      const first = await syncCli(sim, db);
      expect(first.code, first.stderr).toBe(0);
      // The bookmark sits at the server's time (less the one-second margin), not at ours.
      expect(Math.abs(personsSince(db) - sim.clock.now().getTime())).toBeLessThan(60_000);

      const person = [...sim.world.records('persons')].find((p) => !p.is_deleted)!;
      sim.world.update('persons', person.id, { name: 'Renamed between runs' });
      // A change is at least a second old when the next run starts (the Date header counts seconds).
      sim.clock.advance(2_000);
      const second = await syncCli(sim, db);
      expect(second.code, second.stderr).toBe(0);
      const rows = query<{ name: string }>(db, `select name from persons where id = ${person.id}`);
      expect(rows[0]?.name).toBe('Renamed between runs');
    } finally {
      await sim.close();
    }
  });

  it('a simulator started from the CLI keeps real time, so its bookmark is today', async () => {
    const simulator = spawnCli(['simulator', '--port', '0', '--seed', '4', '--scale', '20']);
    try {
      const [, url] = await waitForOutput(simulator.stdoutSoFar, /listening on (http:\/\/\S+)/);
      const [, token, companyDomain] = await waitForOutput(
        simulator.stdoutSoFar,
        /API token: (\S+)\s+company domain: (\S+)/,
      );
      const db = join(dir, 'process.db');
      const result = await syncCli({ url: url!, token: token!, companyDomain: companyDomain! }, db);
      expect(result.code, result.stderr).toBe(0);
      expect(Math.abs(personsSince(db) - Date.now())).toBeLessThan(5 * 60_000);
      // The generated history ends at the simulator's start, which is now.
      const [latest] = query<{ at: string }>(db, 'select max(update_time) as at from persons');
      expect(Date.parse(latest!.at)).toBeGreaterThan(Date.now() - 120 * DAY);
    } finally {
      simulator.child.kill('SIGTERM');
      await simulator.done;
    }
  });
});
