import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/demo-run.js';

describe('demo (small scale)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('syncs every table, applies changes, and the incremental run moves only them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-'));
    dirs.push(dir);
    const dbPath = join(dir, 'pipedrive-demo.db');
    let output = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });

    const code = await runDemo({ dbPath, seed: 3, scale: 30, fresh: true, out, color: false });

    expect(code, output).toBe(0);
    expect(output).toMatch(/1\. First sync: every table/);
    expect(output).toMatch(/3\. Incremental sync: only the changes move/);
    expect(output).toMatch(/demo_priority\s+high/);
    expect(output).toContain(`sqlite3 ${dbPath}`);
    const db = new Database(dbPath, { readonly: true });
    try {
      const runs = db.prepare('select result from _pipedrive_sync_runs').all() as { result: string }[];
      expect(runs.map((r) => r.result)).toEqual(['succeeded', 'succeeded']);
      const deals = db
        .prepare("select count(*) as n from deals where title like '%(renegotiated)'")
        .get() as { n: number };
      expect(deals.n).toBe(1);
    } finally {
      db.close();
    }
  });
});
