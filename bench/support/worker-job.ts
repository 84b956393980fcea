import type { SyncMode } from '../../src/sync/contracts.js';

/** What a sync-worker child is asked to do, and what it answers. */

export interface SimRef {
  url: string;
  token: string;
  companyDomain: string;
}

export type BareEngine = 'postgres' | 'mysql' | 'sqlite';

export type WorkerJob =
  | {
      kind: 'sync';
      sim: SimRef;
      destination: string;
      tables: string[];
      mode: SyncMode;
      concurrency?: number;
      pageSize?: number;
    }
  | { kind: 'read'; sim: SimRef; tables: string[]; concurrency?: number; pageSize?: number }
  /** Reads the tables once into dir/<table>.ndjson and dir/schemas.json (setup for the bare load, untimed). */
  | { kind: 'dump'; sim: SimRef; tables: string[]; dir: string }
  /** Loads the dumped rows into plain tables with the engine's cheapest path; only the load is timed. */
  | { kind: 'bare'; engine: BareEngine; destination: string; dir: string; tables: string[] }
  /** Does nothing: the peak RSS of the runtime with every module loaded, the floor of the others. */
  | { kind: 'idle' };

export interface WorkerResult {
  /** Wall time of the measured part, in the child (process start-up excluded). */
  seconds: number;
  rows: number;
  maxRssMb: number;
  cpuSeconds: number;
  /** Bare loads: CPU spent turning the dumped rows into what the engine loads, before the timed part. */
  encodeCpuSeconds?: number;
  tokens?: number;
  requests?: number;
  rateLimited?: number;
  tokensByTable?: Record<string, number>;
  rowsByTable?: Record<string, number>;
}
