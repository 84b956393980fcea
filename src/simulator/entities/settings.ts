import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface NamedRecord extends SimRecord {
  name: string;
  user_id: number;
  kind: string;
  color: string;
  parent_id: number | null;
  related_id: number | null;
}

const FILTER_TYPES = ['deals', 'leads', 'org', 'people', 'products', 'activity', 'projects'];
const COLORS = ['green', 'blue', 'red', 'yellow', 'purple', 'gray'];

/** Small setting-like entities (filters, goals, roles, lead labels, org relationships) share one record form. */
export function generateNamed(stream: string, names: (id: number) => string) {
  return (ctx: GenContext, id: number): NamedRecord => {
    const rnd = new RecordRandom(ctx.seed, STREAM[stream] ?? 0, id);
    const layout = ctx.layout(stream);
    return {
      id,
      name: names(id),
      user_id: rnd.int(1, Math.max(1, ctx.count('users'))),
      kind: FILTER_TYPES[(id - 1) % FILTER_TYPES.length] as string,
      color: COLORS[(id - 1) % COLORS.length] as string,
      // Relationship n belongs to organization n, so every early organization has one.
      parent_id:
        stream === 'roles' && id > 1
          ? 1
          : stream === 'organizationRelationships'
            ? ctx.ref('organizations', id - 1)
            : null,
      related_id:
        stream === 'organizationRelationships' ? ctx.ref('organizations', rnd.int(0, 1 << 30)) : null,
      add_time: layout.addTime(id),
      update_time: layout.updateTime(id),
      is_deleted: false,
      delete_time: null,
    };
  };
}

export const generateFilter = generateNamed('filters', (id) => `Saved filter ${id}`);
export const generateGoal = generateNamed('goals', (id) => `Quarterly goal ${id}`);
export const generateRole = generateNamed('roles', (id) => (id === 1 ? 'Admins' : `Sales team ${id - 1}`));
export const generateLeadLabel = generateNamed(
  'leadLabels',
  (id) => ['Hot', 'Warm', 'Cold', 'Partner'][id - 1] ?? `Label ${id}`,
);
export const generateOrgRelationship = generateNamed(
  'organizationRelationships',
  (id) => `Relationship ${id}`,
);
