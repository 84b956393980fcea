import type { DealRecord } from '../../entities/deals.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { v1Time } from '../time-format.js';
import { writeV1Custom } from './custom-fields.js';
import type { RelatedObjects } from './relations.js';

function money(value: number, currency: string): string {
  return `${currency === 'EUR' ? '€' : '$'}${value.toLocaleString('en-US')}`;
}

/**
 * v1 deal: nested user/person/org objects (or plain ids when `flat`, as in
 * /collection and /recents), denormalised names, counts, hash-key custom fields.
 */
export function v1Deal(
  d: DealRecord,
  defs: readonly CustomFieldDef[],
  rel: RelatedObjects,
  seed: number,
  flat = false,
): Record<string, unknown> {
  const user = rel.user(d.owner_id);
  const person = rel.person(d.person_id);
  const org = rel.organization(d.org_id);
  const stage = rel.stage(d.stage_id);
  const count = (name: string) => rel.world.counts.count('deals', d, name);
  const weighted = d.probability === null ? d.value : Math.round((d.value * d.probability) / 100);
  const out: Record<string, unknown> = {
    id: d.id,
    creator_user_id: flat ? d.creator_user_id : rel.user(d.creator_user_id),
    user_id: flat ? d.owner_id : user,
    person_id: flat ? d.person_id : person,
    org_id: flat ? d.org_id : org,
    stage_id: d.stage_id,
    title: d.title,
    value: d.value,
    currency: d.currency,
    add_time: v1Time(d.add_time),
    update_time: v1Time(d.update_time),
    stage_change_time: v1Time(d.stage_change_time),
    active: d.status === 'open' && !d.is_deleted,
    deleted: d.is_deleted,
    is_archived: d.is_archived,
    archive_time: v1Time(d.archive_time),
    status: d.is_deleted ? 'deleted' : d.status,
    probability: d.probability,
    next_activity_date: null,
    next_activity_time: null,
    next_activity_id: null,
    last_activity_id: null,
    last_activity_date: null,
    lost_reason: d.lost_reason,
    visible_to: String(d.visible_to),
    close_time: v1Time(d.close_time),
    pipeline_id: d.pipeline_id,
    won_time: v1Time(d.won_time),
    first_won_time: v1Time(d.won_time),
    lost_time: v1Time(d.lost_time),
    products_count: count('products_count'),
    files_count: count('files_count'),
    notes_count: count('notes_count'),
    followers_count: count('followers_count'),
    email_messages_count: count('email_messages_count'),
    activities_count: count('activities_count'),
    done_activities_count: count('done_activities_count'),
    undone_activities_count: count('undone_activities_count'),
    participants_count: count('participants_count'),
    expected_close_date: d.expected_close_date,
    last_incoming_mail_time: null,
    last_outgoing_mail_time: null,
    label: d.label_ids.length ? d.label_ids.join(',') : null,
    stage_order_nr: stage?.order_nr ?? 0,
    person_name: (person?.name as string | undefined) ?? null,
    org_name: (org?.name as string | undefined) ?? null,
    next_activity_subject: null,
    next_activity_type: null,
    next_activity_duration: null,
    next_activity_note: null,
    formatted_value: money(d.value, d.currency),
    weighted_value: weighted,
    formatted_weighted_value: money(weighted, d.currency),
    weighted_value_currency: d.currency,
    rotten_time: null,
    owner_name: (user?.name as string | undefined) ?? null,
    cc_email: `demo-company+deal${d.id}@pipedrivemail.com`,
    org_hidden: false,
    person_hidden: false,
    origin: d.origin,
    origin_id: d.origin_id,
    channel: d.channel,
    channel_id: d.channel_id,
    acv: d.acv,
    arr: d.arr,
    mrr: d.mrr,
    acv_currency: null,
    arr_currency: null,
    mrr_currency: null,
  };
  writeV1Custom(out, defs, d.custom);
  return out;
}
