/**
 * Custom field names and option labels a Pipedrive user could type (quotes,
 * semicolons, SQL keywords, unicode, emoji, 1,000 characters, names of system
 * columns), created through the simulator, synced into each engine and read
 * back with plain SQL: every value lands in its own column, nothing breaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { runSync } from '../../src/sync/index.js';
import type { Engine, TestDatabase } from '../e2e-sync/databases.js';
import { freshDatabase } from '../e2e-sync/databases.js';
import { sourceFor } from '../e2e-sync/sync-suite.js';
import { openReader } from './database-reader.js';
import { fieldColumns } from './custom-field-checks.js';

const logger = createLogger({ level: 'error', format: 'json' });
const NAMES = [
  `it's "quoted" \`three\` ways`,
  'x; DROP TABLE deals; --',
  'select',
  'Ünïcødé naïve 日本語',
  'emoji 🎉🚀',
  'n'.repeat(1000),
  'id',
  '_synced_at',
  'update_time',
  'is_deleted',
];
const LABELS = ["O'Brien; DROP TABLE x", 'emoji 🎉', 'l'.repeat(1000)];

describe.each(['sqlite', 'postgres', 'mysql'] as Engine[])('hostile custom fields into %s', (engine) => {
  let sim: RunningSimulator;
  let db: TestDatabase;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 23, scale: 20 });
    db = await freshDatabase(engine);
  });
  afterAll(async () => {
    await db?.drop();
    await sim?.close();
  });

  it('stores every value under its own column and every label as given', async () => {
    const deal = [...sim.world.records('deals')].find((d) => !d.is_deleted)!;
    const keys = NAMES.map((name) => sim.world.addField('deal', name, 'varchar').key);
    const choice = sim.world.addField('deal', 'hostile options', 'enum', LABELS);
    const custom = Object.fromEntries(keys.map((key, i) => [key, `value ${i}: ${NAMES[i]!.slice(0, 50)}`]));
    sim.world.update('deals', deal.id, { custom: { ...custom, [choice.key]: choice.options![2]!.id } });
    // Start the run in a later second: the signpost is the server clock (whole seconds) less a 1 s margin, so a change less than 2 s old waits for the next run.
    await new Promise((r) => setTimeout(r, 2100));
    const destination = await createDestination(db.url, { logger });
    const report = await runSync({
      source: sourceFor(sim),
      destination,
      mode: 'incremental',
      tables: ['deals'],
      clock: sim.clock,
      logger,
    });
    await destination.close();
    expect(report.result, report.message).toBe('succeeded');

    const reader = await openReader(db);
    const fields = await fieldColumns(reader);
    const columns = [...keys, choice.key].map((key) => fields.get(key)?.column ?? `missing ${key}`);
    expect(new Set(columns).size).toBe(columns.length);
    const [row] = await reader.query(
      `select ${['id', 'title', ...columns].map(reader.column).join(', ')} from {table} where ${reader.column('id')} = ${deal.id}`,
      'deals',
    );
    expect(Number(row?.id)).toBe(deal.id);
    expect(row?.title).toBe((deal as unknown as { title: string }).title);
    keys.forEach((key, i) => expect(row?.[fields.get(key)!.column], NAMES[i]).toBe(custom[key]));
    expect(row?.[fields.get(choice.key)!.column]).toBe(LABELS[2]);
    expect(fields.get(choice.key)?.options.map((o) => o.label)).toEqual(LABELS);
    expect(fields.get(keys[5]!)?.currentName).toBe(NAMES[5]);
    expect(await db.count('deals')).toBe(await db.count('deals', 'distinct id'));
    await reader.close();
  }, 120_000);
});
