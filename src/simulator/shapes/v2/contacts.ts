import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { mix } from '../../seeded-random.js';
import { rfc3339 } from '../time-format.js';
import { v2CustomFields } from './custom-fields.js';
import type { V2ShapeOptions } from './deal.js';

export const CONTACT_OPTIONAL_FIELDS = [
  'next_activity_id',
  'last_activity_id',
  'open_deals_count',
  'related_open_deals_count',
  'closed_deals_count',
  'related_closed_deals_count',
  'participant_open_deals_count',
  'participant_closed_deals_count',
  'email_messages_count',
  'activities_count',
  'done_activities_count',
  'undone_activities_count',
  'files_count',
  'notes_count',
  'followers_count',
  'won_deals_count',
  'related_won_deals_count',
  'lost_deals_count',
  'related_lost_deals_count',
  'last_incoming_mail_time',
  'last_outgoing_mail_time',
  'marketing_status',
  'doi_status',
] as const;

function optional(
  entity: 'persons' | 'organizations',
  record: PersonRecord | OrganizationRecord,
  name: string,
  options: V2ShapeOptions,
): unknown {
  const h = mix(options.seed, record.id, name.length, name.charCodeAt(1));
  const updateTime = record.update_time;
  if (name.endsWith('_count')) return options.counts?.count(entity, record, name) ?? 0;
  if (name.endsWith('_mail_time')) return h % 3 === 0 ? null : rfc3339(updateTime - (h % 40) * 3_600_000);
  if (name === 'marketing_status') return 'no_consent';
  if (name === 'doi_status') return null;
  return null;
}

export function v2Person(
  p: PersonRecord,
  defs: readonly CustomFieldDef[],
  options: V2ShapeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    first_name: p.first_name,
    last_name: p.last_name,
    owner_id: p.owner_id,
    org_id: p.org_id,
    add_time: rfc3339(p.add_time),
    update_time: rfc3339(p.update_time),
    emails: p.emails,
    phones: p.phones,
    is_deleted: p.is_deleted,
    visible_to: p.visible_to,
    label_ids: p.label_ids,
    picture_id: p.picture_id,
  };
  if (options.include) for (const name of options.include) out[name] = optional('persons', p, name, options);
  out.custom_fields = v2CustomFields(defs, p.custom, options);
  return out;
}

export function v2Organization(
  o: OrganizationRecord,
  defs: readonly CustomFieldDef[],
  options: V2ShapeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: o.id,
    name: o.name,
    owner_id: o.owner_id,
    add_time: rfc3339(o.add_time),
    update_time: rfc3339(o.update_time),
    is_deleted: o.is_deleted,
    visible_to: o.visible_to,
    label_ids: o.label_ids,
    address: o.address,
    website: o.website,
    linkedin: o.linkedin,
    industry: o.industry,
    annual_revenue: o.annual_revenue,
    employee_count: o.employee_count,
  };
  if (options.include)
    for (const name of options.include) out[name] = optional('organizations', o, name, options);
  out.custom_fields = v2CustomFields(defs, o.custom, options);
  return out;
}
