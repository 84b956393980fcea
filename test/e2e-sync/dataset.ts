/**
 * The expected content of each table, from the simulator's read view of its
 * world, and the comparison with what the destination holds. Values are
 * normalised (booleans, numbers) because each engine returns them its own way.
 */
import { expect } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import type { TestDatabase } from './databases.js';

/** Tables compared row by row, with the simulator entity and the key fields checked per row. */
export const COMPARED: { table: string; entity: string; fields: string[] }[] = [
  { table: 'deals', entity: 'deals', fields: ['title', 'value', 'status'] },
  { table: 'persons', entity: 'persons', fields: ['name'] },
  { table: 'organizations', entity: 'organizations', fields: ['name'] },
  { table: 'activities', entity: 'activities', fields: ['subject'] },
  { table: 'products', entity: 'products', fields: ['name'] },
  { table: 'users', entity: 'users', fields: ['name'] },
  { table: 'pipelines', entity: 'pipelines', fields: ['name'] },
  { table: 'stages', entity: 'stages', fields: ['name', 'pipeline_id'] },
];

export const COMPARED_TABLES = COMPARED.map((c) => c.table);

function normalise(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value ?? null;
}

function project(row: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries([['id', normalise(row.id)], ...fields.map((f) => [f, normalise(row[f])])]);
}

const isDeleted = (row: Record<string, unknown>): boolean => normalise(row.is_deleted) === 1;

/** Live records in id order: what the destination must hold as not deleted. */
export function expectedRows(
  sim: RunningSimulator,
  entity: string,
  fields: string[],
): Record<string, unknown>[] {
  return [...sim.world.records(entity)]
    .map((r) => r as unknown as Record<string, unknown>)
    .filter((r) => !isDeleted(r))
    .map((r) => project(r, fields));
}

/**
 * Every live record is in the destination with the same key fields, nothing
 * else is there unflagged, and a row flagged deleted is deleted (or purged)
 * in the simulator too.
 */
export async function expectDestinationMatchesSimulator(
  db: TestDatabase,
  sim: RunningSimulator,
): Promise<void> {
  for (const { table, entity, fields } of COMPARED) {
    const rows = await db.select(table, ['id', ...fields, 'is_deleted']);
    const live = rows.filter((r) => !isDeleted(r)).map((r) => project(r, fields));
    const expected = expectedRows(sim, entity, fields);
    expect.soft(live, `live ${table} in ${db.engine}`).toEqual(expected);
    const flagged = rows.filter(isDeleted).map((r) => normalise(r.id) as number);
    const stillLive = flagged.filter((id) => {
      const record = sim.world.get(entity, id) as unknown as Record<string, unknown> | undefined;
      return record !== undefined && !isDeleted(record);
    });
    expect
      .soft(stillLive, `${table} rows flagged deleted in ${db.engine} but live in the simulator`)
      .toEqual([]);
    expect
      .soft(await db.count(table), `${table} has no duplicate rows`)
      .toBe(await db.count(table, 'distinct id'));
  }
}
