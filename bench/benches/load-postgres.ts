import { loadBenchmark } from '../support/load-bench.js';

/** Issue 8 benchmark 2 / issue 4: full sync into PostgreSQL vs a read-only pass and one bare COPY per table. */
export const benchmark = loadBenchmark('postgres', 'PostgreSQL', 'bare COPY into plain tables');
