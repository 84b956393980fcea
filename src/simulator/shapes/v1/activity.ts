import type { ActivityRecord } from '../../entities/activities.js';
import type { DealRecord } from '../../entities/deals.js';
import type { UserRecord } from '../../entities/users.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { v1Time } from '../time-format.js';
import { writeV1Custom } from './custom-fields.js';
import type { RelatedObjects } from './relations.js';

/** v1 activity: flat ids, `HH:MM` times, `busy_flag`, denormalised names. */
export function v1Activity(
  a: ActivityRecord,
  defs: readonly CustomFieldDef[],
  rel: RelatedObjects,
): Record<string, unknown> {
  const person = rel.person(a.person_id);
  const org = rel.organization(a.org_id);
  rel.user(a.owner_id);
  const deal = a.deal_id === null ? undefined : rel.world.store<DealRecord>('deals').get(a.deal_id);
  const owner = rel.world.store<UserRecord>('users').get(a.owner_id);
  const out: Record<string, unknown> = {
    id: a.id,
    company_id: 0,
    user_id: a.owner_id,
    assigned_to_user_id: a.owner_id,
    created_by_user_id: a.creator_user_id,
    update_user_id: a.owner_id,
    type: a.type,
    subject: a.subject,
    done: a.done,
    busy_flag: a.busy,
    active_flag: !a.is_deleted,
    due_date: a.due_date,
    due_time: a.due_time.slice(0, 5),
    duration: a.duration.slice(0, 5),
    marked_as_done_time: a.marked_as_done_time === null ? '' : v1Time(a.marked_as_done_time),
    deal_id: a.deal_id,
    lead_id: a.lead_id,
    person_id: a.person_id,
    org_id: a.org_id,
    project_id: a.project_id,
    note: a.note,
    public_description: a.public_description ?? '',
    location: null,
    participants: a.person_id === null ? null : [{ person_id: a.person_id, primary_flag: true }],
    attendees: null,
    add_time: v1Time(a.add_time),
    update_time: v1Time(a.update_time),
    deal_title: deal?.title ?? null,
    person_name: (person?.name as string | undefined) ?? null,
    org_name: (org?.name as string | undefined) ?? null,
    owner_name: owner?.name ?? null,
    rec_rule: null,
    series: [],
    conference_meeting_url: null,
  };
  writeV1Custom(out, defs, a.custom);
  return out;
}
