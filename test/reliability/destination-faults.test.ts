/**
 * The database drops the sync's connections mid-run (PostgreSQL:
 * pg_terminate_backend; MariaDB: KILL from another connection), three times.
 * The run either retries or fails cleanly (exit code 1, retryable), nothing
 * is half-written (rows and bookmarks agree, checked with plain SQL), and
 * the next run converges to the simulator row by row.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { ProgressSink, RunReport } from '../../src/sync/index.js';
import { runSync } from '../../src/sync/index.js';
import type { TestDatabase } from '../e2e-sync/databases.js';
import { freshDatabase } from '../e2e-sync/databases.js';
import { COMPARED_TABLES } from '../e2e-sync/dataset.js';
import { sourceFor } from '../e2e-sync/sync-suite.js';
import { rowsAgreeWithBookmarks } from './bookmark-checks.js';
import { openReader, readBookmarks } from './database-reader.js';
import { compareAll, isIdentical } from './table-checksums.js';

const logger = createLogger({ level: 'error', format: 'json' });
const APP = `reliability_dest_${process.pid}`;

/** Drops every connection the destination under test holds, from a connection of its own. */
async function dropConnections(db: TestDatabase): Promise<number> {
  if (db.engine === 'postgres') {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await admin.connect();
    const result = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [APP],
    );
    await admin.end();
    return result.rowCount ?? 0;
  }
  const database = new URL(db.url).pathname.slice(1);
  const admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  const [rows] = await admin.query('select id from information_schema.processlist where db = ?', [database]);
  for (const { id } of rows as { id: number }[])
    await admin.query(`KILL ${Number(id)}`).catch(() => undefined);
  await admin.end();
  return (rows as unknown[]).length;
}

describe.each(['postgres', 'mysql'] as const)('%s connection dropped mid-run', (engine) => {
  let sim: RunningSimulator;
  let db: TestDatabase;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 61, scale: 150 });
    db = await freshDatabase(engine);
  });
  afterAll(async () => {
    await db?.drop();
    await sim?.close();
  });

  it('fails cleanly or retries, never half-writes, and the next run converges', async () => {
    const url = engine === 'postgres' ? `${db.url}&application_name=${APP}` : db.url;
    const destination = await createDestination(url, { logger });
    const thresholds = [30, 90, 200];
    let dropped = 0;
    const pending: Promise<number>[] = [];
    const dropMidRun: ProgressSink = {
      update: (p) => {
        if (thresholds.length > 0 && p.rowsWritten >= thresholds[0]!) {
          thresholds.shift();
          pending.push(dropConnections(db).then((n) => (dropped += n)));
        }
      },
      finish: () => undefined,
    };
    const reports: RunReport[] = [];
    for (let attempt = 0; attempt < 4 && reports.at(-1)?.exitCode !== 0; attempt += 1) {
      const report = await runSync({
        source: sourceFor(sim),
        destination,
        mode: 'incremental',
        tables: COMPARED_TABLES,
        concurrency: 2,
        clock: sim.clock,
        logger,
        progress: attempt === 0 ? dropMidRun : undefined,
      });
      await Promise.all(pending);
      reports.push(report);
      expect([0, 1], report.message).toContain(report.exitCode);
      const reader = await openReader(db);
      expect(await rowsAgreeWithBookmarks(reader, sim, await readBookmarks(reader))).toEqual([]);
      await reader.close();
    }
    await destination.close();
    expect(dropped).toBeGreaterThan(0);
    expect(reports.at(-1)?.exitCode).toBe(0);
    const reader = await openReader(db);
    const comparisons = await compareAll(reader, sim);
    await reader.close();
    expect(comparisons.filter((c) => !isIdentical(c))).toEqual([]);
    console.log(
      `[destination faults ${engine}] connections dropped: ${dropped}; runs: ${reports.map((r) => `${r.result}/${r.exitCode}`).join(', ')}`,
    );
  }, 240_000);
});
