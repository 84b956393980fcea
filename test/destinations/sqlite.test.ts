import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { createDestination, sqliteDialect } from '../../src/destinations/index.js';
import { DestinationError } from '../../src/sync/errors.js';
import { runDestinationContract } from '../contract/destination.contract.js';
import { engineSelected } from './selection.js';

const dir = mkdtempSync(join(tmpdir(), 'pd-sqlite-'));
const file = join(dir, 'nested', 'contract.db');
let inspectorDb: Database.Database | undefined;
const inspect = (): Database.Database => (inspectorDb ??= new Database(file, { readonly: true }));

afterAll(() => {
  inspectorDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!engineSelected('sqlite'))('sqlite', () => {
  runDestinationContract({
    name: 'SQLite',
    dialect: sqliteDialect,
    exactDecimals: false,
    create: (options) => createDestination(`sqlite:${file}`, options),
    inspector: {
      rows: async (table, orderBy) =>
        inspect()
          .prepare(`SELECT * FROM ${sqliteDialect.quote(table)} ORDER BY ${sqliteDialect.quote(orderBy)}`)
          .all() as Record<string, unknown>[],
      columns: async (table) =>
        (
          inspect()
            .prepare(`PRAGMA table_info(${sqliteDialect.quote(table)})`)
            .all() as { name: string }[]
        ).map((c) => c.name),
    },
  });

  test('the database runs in WAL mode', async () => {
    await (await createDestination(`sqlite:${file}`)).close();
    expect(inspect().pragma('journal_mode', { simple: true })).toBe('wal');
  });

  test('sqlite::memory: works without a file', async () => {
    const d = await createDestination('sqlite::memory:');
    await d.check();
    expect(await d.readBookmarks()).toEqual(new Map());
    await d.close();
  });

  test('an unopenable path is a configuration error', async () => {
    writeFileSync(join(dir, 'plain-file'), '');
    const error = await createDestination(`sqlite:${join(dir, 'plain-file', 'x.db')}`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DestinationError);
    expect((error as DestinationError).retryable).toBe(false);
  });
});
