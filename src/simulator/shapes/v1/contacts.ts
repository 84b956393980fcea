import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { ADDRESS_PARTS } from '../../fields/custom-field.js';
import { v1Time } from '../time-format.js';
import { writeV1Custom } from './custom-fields.js';
import { V1_CC_EMAIL } from './relations.js';
import type { RelatedObjects } from './relations.js';

const COUNT_FIELDS = [
  'open_deals_count',
  'related_open_deals_count',
  'closed_deals_count',
  'related_closed_deals_count',
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
];

/** The v1 `*_count` fields, equal to what the child lists hold for the record. */
function counts(
  rel: RelatedObjects,
  entity: 'persons' | 'organizations',
  record: PersonRecord | OrganizationRecord,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of COUNT_FIELDS) out[name] = rel.world.counts.count(entity, record, name);
  return out;
}

export function v1Person(
  p: PersonRecord,
  defs: readonly CustomFieldDef[],
  rel: RelatedObjects,
  seed: number,
  flat = false,
): Record<string, unknown> {
  const owner = rel.user(p.owner_id);
  const org = rel.organization(p.org_id);
  const out: Record<string, unknown> = {
    id: p.id,
    company_id: 0,
    owner_id: flat ? p.owner_id : owner,
    org_id: flat ? p.org_id : org,
    name: p.name,
    first_name: p.first_name,
    last_name: p.last_name,
    ...counts(rel, 'persons', p),
    active_flag: !p.is_deleted,
    phone: p.phones.map((e) => ({ label: e.label, value: e.value, primary: e.primary })),
    email: p.emails.map((e) => ({ label: e.label, value: e.value, primary: e.primary })),
    primary_email: p.emails[0]?.value ?? null,
    first_char: p.name.charAt(0).toLowerCase(),
    update_time: v1Time(p.update_time),
    delete_time: v1Time(p.delete_time),
    add_time: v1Time(p.add_time),
    visible_to: String(p.visible_to),
    picture_id: null,
    next_activity_date: null,
    next_activity_time: null,
    next_activity_id: null,
    last_activity_id: null,
    last_activity_date: null,
    last_incoming_mail_time: null,
    last_outgoing_mail_time: null,
    label: p.label_ids[0] ?? null,
    label_ids: p.label_ids,
    org_name: (org?.name as string | undefined) ?? null,
    owner_name: (owner?.name as string | undefined) ?? null,
    cc_email: V1_CC_EMAIL,
  };
  writeV1Custom(out, defs, p.custom);
  return out;
}

export function v1Organization(
  o: OrganizationRecord,
  defs: readonly CustomFieldDef[],
  rel: RelatedObjects,
  seed: number,
  flat = false,
): Record<string, unknown> {
  const owner = rel.user(o.owner_id);
  const out: Record<string, unknown> = {
    id: o.id,
    company_id: 0,
    owner_id: flat ? o.owner_id : owner,
    name: o.name,
    ...counts(rel, 'organizations', o),
    people_count: rel.world.counts.count('organizations', o, 'people_count'),
    active_flag: !o.is_deleted,
    picture_id: null,
    country_code: o.address ? 'DE' : null,
    first_char: o.name.charAt(0).toLowerCase(),
    update_time: v1Time(o.update_time),
    delete_time: v1Time(o.delete_time),
    add_time: v1Time(o.add_time),
    visible_to: String(o.visible_to),
    next_activity_date: null,
    next_activity_time: null,
    next_activity_id: null,
    last_activity_id: null,
    last_activity_date: null,
    label: o.label_ids[0] ?? null,
    label_ids: o.label_ids,
    address: (o.address?.value as string | undefined) ?? null,
    owner_name: (owner?.name as string | undefined) ?? null,
    cc_email: V1_CC_EMAIL,
  };
  for (const part of ADDRESS_PARTS) out[`address_${part}`] = o.address ? (o.address[part] ?? null) : null;
  out.address_subpremise = null;
  writeV1Custom(out, defs, o.custom);
  return out;
}
