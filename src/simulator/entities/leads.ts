import { utcDate } from '../shapes/time-format.js';
import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import { DAY_MS } from '../world/record.js';
import type { SimRecord } from '../world/record.js';

/** Leads have UUID ids on the wire; the store keys them by index (see uuidFor). */
export interface LeadRecord extends SimRecord {
  title: string;
  owner_id: number;
  creator_id: number;
  label_index: number | null;
  person_id: number | null;
  organization_id: number | null;
  source_name: string;
  origin: string;
  is_archived: boolean;
  archive_time: number | null;
  was_seen: boolean;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  visible_to: number;
  custom: Record<string, unknown>;
}

export function generateLead(ctx: GenContext, id: number): LeadRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.leads ?? 0, id);
  const layout = ctx.layout('leads');
  const add = layout.addTime(id);
  const update = layout.updateTime(id);
  const archived = id % 10 === 4;
  return {
    id,
    title: `Lead ${id}`,
    owner_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    creator_id: 1,
    label_index: rnd.chance(0.5) ? rnd.int(1, Math.max(1, ctx.count('leadLabels'))) : null,
    person_id: ctx.ref('persons', rnd.int(0, 1 << 30)),
    organization_id: rnd.chance(0.6) ? ctx.ref('organizations', rnd.int(0, 1 << 30)) : null,
    source_name: 'Manually created',
    origin: 'ManuallyCreated',
    is_archived: archived,
    archive_time: archived ? update : null,
    was_seen: rnd.chance(0.5),
    value: rnd.chance(0.7) ? { amount: rnd.int(1, 500) * 100, currency: 'EUR' } : null,
    expected_close_date: rnd.chance(0.5) ? utcDate(update + 30 * DAY_MS) : null,
    visible_to: 3,
    add_time: add,
    update_time: update,
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('deal'), STREAM.leads ?? 0, id, ctx.values, add),
  };
}
