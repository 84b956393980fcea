import type { CustomFieldDef } from '../../fields/custom-field.js';
import type { DealRecord } from '../../entities/deals.js';
import { mix } from '../../seeded-random.js';
import type { ChildCounts } from '../../world/child-counts.js';
import { rfc3339, rfc3339Day } from '../time-format.js';
import { v2CustomFields } from './custom-fields.js';
import type { CustomProjection } from './custom-fields.js';

export interface V2ShapeOptions extends CustomProjection {
  include?: ReadonlySet<string>;
  seed: number;
  /** Source of `*_count` fields (equal to the child endpoints); counts are 0 without it. */
  counts?: ChildCounts;
}

/** Optional deal fields, only returned when named in `include_fields`. */
export const DEAL_OPTIONAL_FIELDS = [
  'next_activity_id',
  'last_activity_id',
  'first_won_time',
  'products_count',
  'files_count',
  'notes_count',
  'followers_count',
  'email_messages_count',
  'activities_count',
  'done_activities_count',
  'undone_activities_count',
  'participants_count',
  'last_incoming_mail_time',
  'last_outgoing_mail_time',
  'smart_bcc_email',
  'source_lead_id',
] as const;

function optionalDealField(deal: DealRecord, name: string, options: V2ShapeOptions): unknown {
  const h = mix(options.seed, deal.id, name.length, name.charCodeAt(0));
  if (name === 'first_won_time') return rfc3339(deal.won_time);
  if (name.endsWith('_count')) return options.counts?.count('deals', deal, name) ?? 0;
  if (name === 'smart_bcc_email') return `demo-company+deal${deal.id}@pipedrivemail.com`;
  if (name.endsWith('_mail_time'))
    return h % 3 === 0 ? null : rfc3339(deal.update_time - (h % 50) * 3_600_000);
  return null;
}

export function v2Deal(
  deal: DealRecord,
  defs: readonly CustomFieldDef[],
  options: V2ShapeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: deal.id,
    title: deal.title,
    creator_user_id: deal.creator_user_id,
    owner_id: deal.owner_id,
    person_id: deal.person_id,
    org_id: deal.org_id,
    pipeline_id: deal.pipeline_id,
    stage_id: deal.stage_id,
    value: deal.value,
    currency: deal.currency,
    add_time: rfc3339(deal.add_time),
    update_time: rfc3339(deal.update_time),
    stage_change_time: rfc3339(deal.stage_change_time),
    is_deleted: deal.is_deleted,
    is_archived: deal.is_archived,
    archive_time: rfc3339(deal.archive_time),
    status: deal.status,
    probability: deal.probability,
    lost_reason: deal.lost_reason,
    visible_to: deal.visible_to,
    close_time: rfc3339(deal.close_time),
    won_time: rfc3339(deal.won_time),
    lost_time: rfc3339(deal.lost_time),
    local_won_date: deal.won_time === null ? null : rfc3339Day(deal.won_time),
    local_lost_date: deal.lost_time === null ? null : rfc3339Day(deal.lost_time),
    local_close_date: deal.close_time === null ? null : rfc3339Day(deal.close_time),
    expected_close_date: deal.expected_close_date,
    label_ids: deal.label_ids,
    origin: deal.origin,
    origin_id: deal.origin_id,
    channel: deal.channel,
    channel_id: deal.channel_id,
    arr: deal.arr,
    mrr: deal.mrr,
    acv: deal.acv,
  };
  if (options.include) for (const name of options.include) out[name] = optionalDealField(deal, name, options);
  out.custom_fields = v2CustomFields(defs, deal.custom, options);
  return out;
}
