import { dealProductCount, followerCount } from '../entities/derived.js';
import type { SimRecord } from './record.js';
import type { World } from './world.js';

type Parent = SimRecord & { owner_id?: number; person_id?: number | null };
type Child = SimRecord & Record<string, unknown>;

/** Which child records a count covers, beyond "not deleted and pointing at the parent". */
const KINDS: Record<string, { child: string; match?: (r: Child) => boolean }> = {
  activities: { child: 'activities' },
  done_activities: { child: 'activities', match: (r) => r.done === true },
  undone_activities: { child: 'activities', match: (r) => r.done !== true },
  notes: { child: 'notes' },
  files: { child: 'files' },
  email_messages: { child: 'mailThreads' },
  open_deals: { child: 'deals', match: (r) => r.status === 'open' },
  closed_deals: { child: 'deals', match: (r) => r.status === 'won' || r.status === 'lost' },
  won_deals: { child: 'deals', match: (r) => r.status === 'won' },
  lost_deals: { child: 'deals', match: (r) => r.status === 'lost' },
  people: { child: 'persons' },
};
// Deals of a person are the deals it participates in (a deal's participant is its person).
const ALIASES: Record<string, string> = {
  participant_open_deals: 'open_deals',
  participant_closed_deals: 'closed_deals',
};

/** Foreign key of each parent entity in child records. */
const PARENT_KEY: Record<string, string> = {
  deals: 'deal_id',
  persons: 'person_id',
  organizations: 'org_id',
};

/**
 * The `*_count` fields of deals, persons and organizations, equal to what the child
 * endpoints list for the record (followers, participants, products, activities, notes...).
 * Counts over generated children come from a reverse index built on first use and
 * rebuilt when the child entity changes, so they stay right after world mutations.
 */
export class ChildCounts {
  private readonly indexes = new Map<string, { revision: number; counts: Map<number, number> }>();

  constructor(private readonly world: World) {}

  /** `name` is a field such as `followers_count`. */
  count(entity: string, parent: Parent, name: string): number {
    const base = name.slice(0, -'_count'.length);
    if (base === 'followers') return followerCount(parent.id, parent.owner_id ?? parent.id);
    if (entity === 'deals' && base === 'products')
      return dealProductCount(this.world.seed, parent.id, this.world.ctx.count('products'));
    if (entity === 'deals' && base === 'participants')
      return parent.person_id != null && this.world.store('persons').get(parent.person_id) ? 1 : 0;
    if (base.startsWith('related_')) return 0;
    if (entity === 'organizations' && base.startsWith('participant_')) return 0;
    const kind = ALIASES[base] ?? base;
    const key = PARENT_KEY[entity];
    if (!key || !KINDS[kind] || (entity === 'deals' && kind.endsWith('_deals'))) return 0;
    return this.index(kind, key).get(parent.id) ?? 0;
  }

  private index(kind: string, key: string): Map<number, number> {
    const spec = KINDS[kind] as { child: string; match?: (r: Child) => boolean };
    const store = this.world.store<Child>(spec.child);
    const id = `${kind}:${key}`;
    const cached = this.indexes.get(id);
    if (cached && cached.revision === store.revision) return cached.counts;
    const counts = new Map<number, number>();
    for (const r of store.all()) {
      const parent = r[key];
      if (r.is_deleted || typeof parent !== 'number' || (spec.match && !spec.match(r))) continue;
      counts.set(parent, (counts.get(parent) ?? 0) + 1);
    }
    this.indexes.set(id, { revision: store.revision, counts });
    return counts;
  }
}
