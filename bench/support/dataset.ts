import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The load benchmarks' company: `total` records across deals, persons, organizations and activities in the
 * simulator's own proportions (1 : 0.8 : 0.3 : 2). Other entities keep the simulator's defaults for that deal
 * count but are not synced.
 */

export const LOAD_TABLES = ['deals', 'persons', 'organizations', 'activities'];

const SHARE = { deals: 1, persons: 0.8, organizations: 0.3, activities: 2 };
const WEIGHT = Object.values(SHARE).reduce((a, b) => a + b, 0);

export function loadScale(total: number): Record<string, number> {
  const deals = Math.round(total / WEIGHT);
  return {
    deals,
    persons: Math.round(deals * SHARE.persons),
    organizations: Math.round(deals * SHARE.organizations),
    activities: total - deals - Math.round(deals * SHARE.persons) - Math.round(deals * SHARE.organizations),
  };
}

/** Where the rows of a `total`-record company are dumped for bare loads (reused across benchmarks). */
export const dumpDir = (total: number): string => join(tmpdir(), `pipedrive-bench-dump-seed1-${total}`);

export const thousands = (n: number): string => n.toLocaleString('en-US');
