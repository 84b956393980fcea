import { loadBenchmark } from '../support/load-bench.js';

/** Issue 8 benchmark 2: full sync into MariaDB vs a read-only pass and bare multi-row INSERTs of 1,000. */
export const benchmark = loadBenchmark('mysql', 'MariaDB', 'bare multi-row INSERTs');
