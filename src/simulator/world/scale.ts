/** Record counts per entity. A number scales everything from the deal count. */
export type EntityCounts = Record<string, number>;

export const DEFAULT_DEALS = 1000;

const RATIOS: Record<string, number> = {
  persons: 0.8,
  organizations: 0.3,
  activities: 2,
  products: 0.05,
  notes: 0.5,
  files: 0.1,
  leads: 0.2,
  callLogs: 0.1,
  mailThreads: 0.1,
  projects: 0.02,
  tasks: 0.08,
  organizationRelationships: 0.03,
};

const FIXED: Record<string, number> = {
  pipelines: 2,
  stages: 10,
  leadLabels: 4,
  filters: 6,
  goals: 3,
  roles: 3,
};

export function entityCounts(scale: number | Partial<Record<string, number>> | undefined): EntityCounts {
  const explicit = typeof scale === 'object' ? scale : {};
  const deals = typeof scale === 'number' ? scale : (explicit.deals ?? DEFAULT_DEALS);
  if (!Number.isInteger(deals) || deals < 0)
    throw new Error(`scale must be a non-negative integer, got ${deals}`);
  const counts: EntityCounts = { deals, users: Math.min(100, Math.max(5, Math.ceil(deals / 100))) };
  for (const [entity, ratio] of Object.entries(RATIOS))
    counts[entity] = Math.max(3, Math.ceil(deals * ratio));
  counts.products = Math.max(20, counts.products ?? 0);
  // Enough projects and tasks that archived projects and later pages exist even in tiny companies.
  counts.projects = Math.max(8, counts.projects ?? 0);
  counts.tasks = Math.max(20, counts.tasks ?? 0);
  Object.assign(counts, FIXED);
  for (const [entity, count] of Object.entries(explicit)) {
    if (count === undefined) continue;
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`scale for ${entity} must be a non-negative integer`);
    counts[entity] = count;
  }
  return counts;
}

/** Parses the CLI form: `N` or `deals=N,persons=M`. */
export function parseScale(text: string): number | Record<string, number> {
  if (/^\d+$/.test(text)) return Number(text);
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (!name || value === undefined || !/^\d+$/.test(value))
      throw new Error(`bad scale entry '${part}', expected entity=N`);
    out[name.trim()] = Number(value);
  }
  return out;
}
