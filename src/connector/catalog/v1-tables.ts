/**
 * Schema V1: the v1 endpoints (deprecated ones included) and the v1 data
 * model, for accounts and destinations built on it. Lists without an update
 * filter sort by update_time descending so an incremental read stops at the
 * bookmark; the few without any sort are small enough to re-read.
 */
import { addressColumns, cols } from './columns.js';
import type { Endpoint, TableSpec } from './types.js';

const v1 = (
  path: string,
  cost: number,
  paging: Endpoint['paging'],
  extra: Partial<Endpoint> = {},
): Endpoint => ({
  version: 'v1',
  path,
  cost,
  paging,
  maxLimit: 500,
  ...extra,
});

const DESCENDING = { sort: 'update_time DESC' };

const follower = (
  name: string,
  parent: string,
  parentColumn: string,
  path: string,
  countColumn?: string,
): TableSpec => ({
  name,
  primaryKey: [parentColumn, 'user_id'],
  columns: cols(`${parentColumn}:i user_id:i id:i add_time:ts`),
  endpoints: [v1(path, 20, 'offset')],
  dialect: 'v1',
  incremental: 'parents',
  child: { parent, parentColumn, ...(countColumn ? { countColumn } : {}) },
});

const fieldsTable = (name: string, path: string, paging: Endpoint['paging']): TableSpec => ({
  name,
  primaryKey: ['id'],
  columns: cols(`id:i key:s name:s order_nr:i field_type:s edit_flag:b active_flag:b mandatory_flag:j
    index_visible_flag:b details_visible_flag:b add_visible_flag:b important_flag:b bulk_edit_allowed:b
    searchable_flag:b filtering_allowed:b sortable_flag:b options:j add_time:ts update_time:ts
    last_updated_by_user_id:i created_by_user_id:i`),
  endpoints: [v1(path, 20, paging)],
  dialect: 'v1',
  incremental: 'full',
});

export const V1_TABLES: TableSpec[] = [
  {
    name: 'deals',
    primaryKey: ['id'],
    columns:
      cols(`id:i title:s creator_user_id:i user_id:i person_id:i org_id:i stage_id:i pipeline_id:i value:d
      currency:s add_time:ts update_time:ts stage_change_time:ts active:b deleted:b is_deleted:b is_archived:b
      archive_time:ts status:s probability:n lost_reason:t visible_to:i close_time:ts won_time:ts lost_time:ts
      first_won_time:ts expected_close_date:date label:s origin:s origin_id:s channel:i channel_id:s
      next_activity_id:i last_activity_id:i products_count:i files_count:i notes_count:i followers_count:i
      email_messages_count:i activities_count:i done_activities_count:i undone_activities_count:i
      participants_count:i last_incoming_mail_time:ts last_outgoing_mail_time:ts stage_order_nr:i person_name:s
      org_name:s owner_name:s weighted_value:d weighted_value_currency:s rotten_time:ts cc_email:s acv:d arr:d
      mrr:d acv_currency:s arr_currency:s mrr_currency:s`),
    endpoints: [
      v1('/deals', 20, 'offset', { query: DESCENDING }),
      v1('/deals', 20, 'offset', { query: { ...DESCENDING, status: 'deleted' } }),
      v1('/deals/archived', 40, 'offset', { query: DESCENDING, stamp: { is_archived: true } }),
    ],
    dialect: 'v1',
    incremental: 'descending',
    customFields: 'deal',
  },
  {
    name: 'persons',
    primaryKey: ['id'],
    columns:
      cols(`id:i company_id:i name:s first_name:s last_name:s owner_id:i org_id:i picture_id:i active_flag:b
      is_deleted:b delete_time:ts visible_to:i label:i label_ids:j email:j phone:j primary_email:s add_time:ts
      update_time:ts open_deals_count:i closed_deals_count:i activities_count:i notes_count:i followers_count:i
      next_activity_id:i last_activity_id:i org_name:s owner_name:s cc_email:s`),
    endpoints: [v1('/persons', 20, 'offset', { query: DESCENDING })],
    dialect: 'v1',
    incremental: 'descending',
    customFields: 'person',
  },
  {
    name: 'organizations',
    primaryKey: ['id'],
    columns: [
      ...cols(`id:i company_id:i name:s active_flag:b is_deleted:b visible_to:i owner_id:i people_count:i
        open_deals_count:i won_deals_count:i lost_deals_count:i closed_deals_count:i activities_count:i
        notes_count:i followers_count:i label:i label_ids:j country_code:s add_time:ts update_time:ts owner_name:s
        cc_email:s`),
      ...addressColumns('address'),
    ],
    endpoints: [v1('/organizations', 20, 'offset', { query: DESCENDING })],
    dialect: 'v1',
    incremental: 'descending',
    customFields: 'organization',
  },
  {
    name: 'activities',
    primaryKey: ['id'],
    columns:
      cols(`id:i company_id:i user_id:i assigned_to_user_id:i created_by_user_id:i update_user_id:i type:s
      subject:s done:b busy_flag:b active_flag:b is_deleted:b due_date:date due_time:time duration:s
      marked_as_done_time:ts deal_id:i lead_id:s person_id:i org_id:i project_id:i note:t public_description:t
      location:t participants:j attendees:j add_time:ts update_time:ts deal_title:s person_name:s org_name:s
      owner_name:s rec_rule:s series:j conference_meeting_url:t`),
    endpoints: [v1('/activities', 20, 'offset', { query: { user_id: '0' } })],
    dialect: 'v1',
    incremental: 'full',
    customFields: 'activity',
  },
  {
    name: 'products',
    primaryKey: ['id'],
    columns:
      cols(`id:i name:s code:s description:t unit:s tax:n category:s active_flag:b is_deleted:b selectable:b
      visible_to:i owner_id:i files_count:i followers_count:i add_time:ts update_time:ts billing_frequency:s
      billing_frequency_cycles:i prices:j product_variations:j`),
    endpoints: [v1('/products', 20, 'offset')],
    dialect: 'v1',
    incremental: 'full',
    customFields: 'product',
  },
  {
    name: 'pipelines',
    primaryKey: ['id'],
    columns: cols(
      'id:i name:s url_title:s order_nr:i active:b is_deleted:b deal_probability:b selected:b add_time:ts update_time:ts',
    ),
    endpoints: [v1('/pipelines', 10, 'none')],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'stages',
    primaryKey: ['id'],
    columns:
      cols(`id:i order_nr:i name:s active_flag:b is_deleted:b deal_probability:n pipeline_id:i rotten_flag:b
      rotten_days:i add_time:ts update_time:ts pipeline_name:s pipeline_deal_probability:b`),
    endpoints: [v1('/stages', 10, 'offset')],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'deal_products',
    primaryKey: ['id'],
    columns:
      cols(`id:i deal_id:i order_nr:i product_id:i product_variation_id:i name:s item_price:d discount:n
      discount_type:s sum:d currency:s enabled_flag:b active_flag:b add_time:ts last_edit:ts comments:t tax:n
      tax_method:s quantity:n billing_frequency:s billing_frequency_cycles:i billing_start_date:date`),
    endpoints: [v1('/deals/{id}/products', 20, 'offset')],
    dialect: 'v1',
    incremental: 'parents',
    child: { parent: 'deals', parentColumn: 'deal_id' },
  },
  follower('deal_followers', 'deals', 'deal_id', '/deals/{id}/followers'),
  follower('person_followers', 'persons', 'person_id', '/persons/{id}/followers'),
  follower('organization_followers', 'organizations', 'org_id', '/organizations/{id}/followers'),
  follower('product_followers', 'products', 'product_id', '/products/{id}/followers'),
  fieldsTable('deal_fields', '/dealFields', 'offset'),
  fieldsTable('person_fields', '/personFields', 'offset'),
  fieldsTable('organization_fields', '/organizationFields', 'offset'),
  fieldsTable('product_fields', '/productFields', 'offset'),
  fieldsTable('activity_fields', '/activityFields', 'none'),
  {
    name: 'projects',
    primaryKey: ['id'],
    columns:
      cols(`id:i title:s description:t status:s board_id:i phase_id:i owner_id:i start_date:date end_date:date
      deal_ids:j person_ids:j org_ids:j labels:j health_status:s is_archived:b add_time:ts update_time:ts
      status_change_time:ts archive_time:ts`),
    endpoints: [v1('/projects', 20, 'cursor', { query: { include_archived: 'true' } })],
    dialect: 'v1',
    incremental: 'full',
    customFields: 'project',
  },
  {
    name: 'tasks',
    primaryKey: ['id'],
    columns: cols(`id:i title:s project_id:i description:t parent_task_id:i assignee_id:i done:b due_date:date
      creator_id:i add_time:ts update_time:ts marked_as_done_time:ts`),
    endpoints: [v1('/tasks', 20, 'cursor')],
    dialect: 'v1',
    incremental: 'full',
  },
];
