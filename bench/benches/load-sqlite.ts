import { loadBenchmark } from '../support/load-bench.js';

/** Issue 8 benchmark 2: full sync into SQLite vs a read-only pass and a bare prepared INSERT in one transaction. */
export const benchmark = loadBenchmark('sqlite', 'SQLite', 'bare prepared INSERT, one transaction');
