import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Process memory in MB, the unit the benchmarks report. */

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
}

const MB = 1024 * 1024;

/**
 * `npm run bench` runs plain tsx, without --expose-gc; enabling the flag at runtime and fetching `gc` from a
 * fresh context lets the heap figure be live data rather than garbage awaiting collection.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const gc = collector();

export function sampleMemory(): MemorySample {
  gc();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
}
