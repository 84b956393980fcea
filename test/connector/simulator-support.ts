/**
 * Test support: a connector pointed at an in-process simulator, and helpers
 * that read a table to the end the way the engine would.
 */
import { createConnector } from '../../src/connector/index.js';
import type { ConnectorConfig } from '../../src/connector/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/index.js';
import type { Bookmark, Row, Source, SyncMode, TableSchema } from '../../src/sync/contracts.js';

export type { RunningSimulator };

export function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ scale: 60, ...options });
}

export function connectorFor(
  sim: RunningSimulator,
  schema: 'V1' | 'V2',
  extra: Partial<ConnectorConfig> = {},
): Source {
  return createConnector({
    companyDomain: sim.companyDomain,
    schema,
    apiUrl: sim.url,
    auth: { scheme: 'Basic', apiToken: sim.token },
    // The simulated clock is this client's clock too: tests move it, and the signpost follows the server.
    clock: sim.clock,
    // Retries wait a few ms instead of seconds so fault tests stay fast.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    ...extra,
  });
}

export interface ReadResult {
  rows: Row[];
  bookmark: Bookmark | null;
  pages: number;
}

export async function readAll(
  source: Source,
  table: TableSchema,
  options: { bookmark?: Bookmark | null; mode?: SyncMode; signpost: Date },
): Promise<ReadResult> {
  const result: ReadResult = { rows: [], bookmark: options.bookmark ?? null, pages: 0 };
  for await (const page of source.read(table, options.bookmark ?? null, {
    mode: options.mode ?? 'full',
    signpost: options.signpost,
  })) {
    result.rows.push(...page.rows);
    result.pages += 1;
    if (page.bookmark !== null) result.bookmark = page.bookmark;
  }
  return result;
}

export function tableNamed(tables: TableSchema[], name: string): TableSchema {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}

/** Ids of every record the simulator serves for an entity (live, recently deleted, archived). */
export function worldIds(sim: RunningSimulator, entity: string): (number | string)[] {
  return [...sim.world.records(entity)].map((r) => r.id).sort(byId);
}

export function rowIds(rows: Row[]): (number | string)[] {
  return rows.map((r) => r.id as number | string).sort(byId);
}

function byId(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
