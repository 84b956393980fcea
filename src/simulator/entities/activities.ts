import { utcDate } from '../shapes/time-format.js';
import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import { DAY_MS } from '../world/record.js';
import type { SimRecord } from '../world/record.js';
import { ACTIVITY_TYPES } from './activity-types.js';

export interface ActivityRecord extends SimRecord {
  subject: string;
  type: string;
  owner_id: number;
  creator_user_id: number;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  project_id: number | null;
  due_date: string;
  due_time: string;
  duration: string;
  busy: boolean;
  done: boolean;
  marked_as_done_time: number | null;
  note: string | null;
  public_description: string | null;
  priority: number | null;
  custom: Record<string, unknown>;
}

export function generateActivity(ctx: GenContext, id: number): ActivityRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.activities ?? 0, id);
  const layout = ctx.layout('activities');
  const add = layout.addTime(id);
  const update = layout.updateTime(id);
  const type = rnd.pick(ACTIVITY_TYPES);
  const due = add + rnd.int(1, 60) * DAY_MS;
  const done = due < update && rnd.chance(0.7);
  const owner = rnd.int(1, Math.max(1, ctx.count('users')));
  return {
    id,
    subject: `${type.name} #${id}`,
    type: type.key,
    owner_id: owner,
    creator_user_id: owner,
    deal_id: rnd.chance(0.7) ? ctx.ref('deals', rnd.int(0, 1 << 30)) : null,
    lead_id: null,
    person_id: rnd.chance(0.6) ? ctx.ref('persons', rnd.int(0, 1 << 30)) : null,
    org_id: rnd.chance(0.5) ? ctx.ref('organizations', rnd.int(0, 1 << 30)) : null,
    project_id: null,
    due_date: utcDate(due),
    due_time: `${String(rnd.int(8, 17)).padStart(2, '0')}:${rnd.pick(['00', '15', '30', '45'])}:00`,
    duration: rnd.pick(['00:15:00', '00:30:00', '01:00:00']),
    busy: rnd.chance(0.5),
    done,
    marked_as_done_time: done ? update : null,
    note: rnd.chance(0.3) ? `<p>Agenda for ${type.name.toLowerCase()} ${id}</p>` : null,
    public_description: null,
    priority: null,
    add_time: add,
    update_time: update,
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('activity'), STREAM.activities ?? 0, id, ctx.values, add),
  };
}
