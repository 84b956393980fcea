import type { FileRecord, NoteRecord } from '../../entities/notes-files.js';
import type { LeadRecord } from '../../entities/leads.js';
import type { DealRecord } from '../../entities/deals.js';
import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { UserRecord } from '../../entities/users.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { STREAM, uuidFor } from '../../seeded-random.js';
import type { World } from '../../world/world.js';
import { isoMillis, v1Time } from '../time-format.js';
import { writeV1Custom } from './custom-fields.js';

export function leadId(seed: number, index: number): string {
  return uuidFor(seed, STREAM.leads ?? 0, index);
}

export function leadLabelId(seed: number, index: number): string {
  return uuidFor(seed, STREAM.leadLabels ?? 0, index);
}

export function v1Note(n: NoteRecord, world: World, currentUserId: number): Record<string, unknown> {
  const deal = n.deal_id === null ? undefined : world.store<DealRecord>('deals').get(n.deal_id);
  const person = n.person_id === null ? undefined : world.store<PersonRecord>('persons').get(n.person_id);
  const org = n.org_id === null ? undefined : world.store<OrganizationRecord>('organizations').get(n.org_id);
  const user = world.store<UserRecord>('users').get(n.user_id);
  return {
    id: n.id,
    active_flag: !n.is_deleted,
    add_time: v1Time(n.add_time),
    content: n.content,
    deal: deal ? { title: deal.title } : null,
    lead_id: n.lead_id,
    deal_id: n.deal_id,
    last_update_user_id: n.user_id,
    org_id: n.org_id,
    organization: org ? { name: org.name } : null,
    person: person ? { name: person.name } : null,
    person_id: n.person_id,
    project_id: n.project_id,
    project: null,
    pinned_to_deal_flag: n.pinned_to_deal_flag,
    pinned_to_organization_flag: false,
    pinned_to_person_flag: false,
    pinned_to_project_flag: false,
    pinned_to_lead_flag: false,
    update_time: v1Time(n.update_time),
    user: {
      email: user?.email ?? '',
      icon_url: null,
      is_you: n.user_id === currentUserId,
      name: user?.name ?? '',
    },
    user_id: n.user_id,
  };
}

export function v1File(f: FileRecord, world: World, baseUrl: string): Record<string, unknown> {
  const deal = f.deal_id === null ? undefined : world.store<DealRecord>('deals').get(f.deal_id);
  const person = f.person_id === null ? undefined : world.store<PersonRecord>('persons').get(f.person_id);
  return {
    id: f.id,
    user_id: f.user_id,
    deal_id: f.deal_id,
    person_id: f.person_id,
    org_id: f.org_id,
    product_id: f.product_id,
    activity_id: f.activity_id,
    lead_id: null,
    add_time: v1Time(f.add_time),
    update_time: v1Time(f.update_time),
    file_name: f.file_name,
    file_type: f.file_type,
    file_size: f.file_size,
    active_flag: !f.is_deleted,
    inline_flag: false,
    remote_location: 's3',
    remote_id: `files/${f.id}`,
    cid: '',
    s3_bucket: '',
    mail_message_id: '',
    mail_template_id: '',
    deal_name: deal?.title ?? '',
    person_name: person?.name ?? '',
    org_name: '',
    product_name: '',
    lead_name: '',
    url: `${baseUrl}/v1/files/${f.id}/download`,
    name: f.file_name,
    description: '',
  };
}

export function v1Lead(
  l: LeadRecord,
  defs: readonly CustomFieldDef[],
  seed: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: leadId(seed, l.id),
    title: l.title,
    owner_id: l.owner_id,
    creator_id: l.creator_id,
    label_ids: l.label_index === null ? [] : [leadLabelId(seed, l.label_index)],
    person_id: l.person_id,
    organization_id: l.organization_id,
    source_name: l.source_name,
    origin: l.origin,
    origin_id: null,
    channel: null,
    channel_id: null,
    is_archived: l.is_archived,
    was_seen: l.was_seen,
    value: l.value,
    expected_close_date: l.expected_close_date,
    next_activity_id: null,
    add_time: isoMillis(l.add_time),
    update_time: isoMillis(l.update_time),
    visible_to: String(l.visible_to),
    cc_email: `demo-company+lead${l.id}@pipedrivemail.com`,
  };
  writeV1Custom(out, defs, l.custom);
  return out;
}
