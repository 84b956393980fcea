import type { ActivityRecord } from '../../entities/activities.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { rfc3339 } from '../time-format.js';
import { v2CustomFields } from './custom-fields.js';
import type { V2ShapeOptions } from './deal.js';

export const ACTIVITY_OPTIONAL_FIELDS = ['attendees'] as const;

export function v2Activity(
  a: ActivityRecord,
  defs: readonly CustomFieldDef[],
  options: V2ShapeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    subject: a.subject,
    type: a.type,
    owner_id: a.owner_id,
    creator_user_id: a.creator_user_id,
    is_deleted: a.is_deleted,
    add_time: rfc3339(a.add_time),
    update_time: rfc3339(a.update_time),
    deal_id: a.deal_id,
    lead_id: a.lead_id,
    person_id: a.person_id,
    org_id: a.org_id,
    project_id: a.project_id,
    due_date: a.due_date,
    due_time: a.due_time,
    duration: a.duration,
    busy: a.busy,
    done: a.done,
    marked_as_done_time: rfc3339(a.marked_as_done_time),
    location: null,
    participants: a.person_id === null ? [] : [{ person_id: a.person_id, primary: true }],
    conference_meeting_client: null,
    conference_meeting_url: null,
    conference_meeting_id: null,
    public_description: a.public_description,
    priority: a.priority,
    note: a.note,
  };
  if (options.include?.has('attendees')) out.attendees = [];
  // Activities carry custom fields only in the v2 payload's custom_fields object.
  out.custom_fields = v2CustomFields(defs, a.custom, options);
  return out;
}
