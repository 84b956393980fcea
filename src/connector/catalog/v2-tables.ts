/**
 * Schema V2: the v2 endpoints for deals, persons, organizations, activities,
 * products, pipelines, stages, deal products, followers, fields, projects
 * and tasks (v1 list endpoints for these are out of support since 2026-08-01).
 */
import { addressColumns, cols } from './columns.js';
import type { Endpoint, TableSpec } from './types.js';

const v2 = (path: string, cost: number, extra: Partial<Endpoint> = {}): Endpoint => ({
  version: 'v2',
  path,
  cost,
  paging: 'cursor',
  maxLimit: 500,
  ...extra,
});

const ASCENDING = { sort_by: 'update_time', sort_direction: 'asc' };
const UPDATED = { since: 'updated_since', until: 'updated_until' };
/** Every status, deleted included (the API keeps deleted deals for 30 days). */
const ALL_DEALS = {
  status: 'open,won,lost,deleted',
  include_fields: 'products_count,followers_count,participants_count',
};

const follower = (
  name: string,
  parent: string,
  parentColumn: string,
  path: string,
  countColumn?: string,
): TableSpec => ({
  name,
  primaryKey: [parentColumn, 'user_id'],
  columns: cols(`${parentColumn}:i user_id:i add_time:ts`),
  endpoints: [v2(path, 10)],
  dialect: 'v2',
  incremental: 'parents',
  child: { parent, parentColumn, ...(countColumn ? { countColumn } : {}) },
});

const fieldsTable = (name: string, path: string): TableSpec => ({
  name,
  primaryKey: ['field_code'],
  columns:
    cols(`field_code:s field_name:s field_type:s description:t is_custom_field:b is_optional_response_field:b
    options:j subfields:j`),
  endpoints: [v2(path, 10)],
  dialect: 'v2',
  incremental: 'full',
});

export const V2_TABLES: TableSpec[] = [
  {
    name: 'deals',
    primaryKey: ['id'],
    columns:
      cols(`id:i title:s creator_user_id:i owner_id:i person_id:i org_id:i pipeline_id:i stage_id:i value:d
      currency:s add_time:ts update_time:ts stage_change_time:ts status:s is_deleted:b is_archived:b archive_time:ts
      probability:n lost_reason:t visible_to:i close_time:ts won_time:ts lost_time:ts local_won_date:date
      local_lost_date:date local_close_date:date expected_close_date:date label_ids:j origin:s origin_id:s channel:i
      channel_id:s acv:d arr:d mrr:d products_count:i followers_count:i participants_count:i`),
    endpoints: [
      v2('/deals', 10, { query: ALL_DEALS }),
      v2('/deals/archived', 20, { query: ALL_DEALS, stamp: { is_archived: true } }),
    ],
    dialect: 'v2',
    incremental: 'updated-since',
    updateFilter: UPDATED,
    sort: ASCENDING,
    customFields: 'deal',
  },
  {
    name: 'persons',
    primaryKey: ['id'],
    columns:
      cols(`id:i name:s first_name:s last_name:s owner_id:i org_id:i picture_id:i add_time:ts update_time:ts
      is_deleted:b visible_to:i label_ids:j emails:j phones:j im:j birthday:date job_title:s notes:t
      postal_address:j followers_count:i`),
    endpoints: [v2('/persons', 10, { query: { include_fields: 'followers_count' } })],
    dialect: 'v2',
    incremental: 'updated-since',
    updateFilter: UPDATED,
    sort: ASCENDING,
    customFields: 'person',
  },
  {
    name: 'organizations',
    primaryKey: ['id'],
    columns: [
      ...cols(`id:i name:s owner_id:i add_time:ts update_time:ts is_deleted:b visible_to:i label_ids:j website:s
        linkedin:s industry:i annual_revenue:d employee_count:i followers_count:i`),
      ...addressColumns('address'),
    ],
    endpoints: [v2('/organizations', 10, { query: { include_fields: 'followers_count' } })],
    dialect: 'v2',
    incremental: 'updated-since',
    updateFilter: UPDATED,
    sort: ASCENDING,
    customFields: 'organization',
  },
  {
    name: 'activities',
    primaryKey: ['id'],
    columns: cols(`id:i subject:s type:s owner_id:i creator_user_id:i is_deleted:b done:b busy:b due_date:date
      due_time:time duration:s marked_as_done_time:ts add_time:ts update_time:ts deal_id:i lead_id:s person_id:i
      org_id:i project_id:i participants:j attendees:j location:j priority:i public_description:t note:t
      conference_meeting_client:s conference_meeting_url:t conference_meeting_id:s`),
    endpoints: [v2('/activities', 10)],
    dialect: 'v2',
    incremental: 'updated-since',
    updateFilter: UPDATED,
    sort: ASCENDING,
    customFields: 'activity',
  },
  {
    name: 'products',
    primaryKey: ['id'],
    columns:
      cols(`id:i name:s code:s description:t unit:s tax:n category:s is_linkable:b is_deleted:b visible_to:i
      owner_id:i add_time:ts update_time:ts billing_frequency:s billing_frequency_cycles:i prices:j`),
    endpoints: [v2('/products', 10)],
    dialect: 'v2',
    incremental: 'updated-since',
    updateFilter: { since: 'updated_since' },
    sort: ASCENDING,
    customFields: 'product',
  },
  {
    name: 'pipelines',
    primaryKey: ['id'],
    columns: cols(
      'id:i name:s order_nr:i is_deleted:b is_deal_probability_enabled:b add_time:ts update_time:ts',
    ),
    endpoints: [v2('/pipelines', 5)],
    dialect: 'v2',
    incremental: 'full',
  },
  {
    name: 'stages',
    primaryKey: ['id'],
    columns: cols(`id:i order_nr:i name:s is_deleted:b deal_probability:n pipeline_id:i is_deal_rot_enabled:b
      days_to_rotten:i add_time:ts update_time:ts`),
    endpoints: [v2('/stages', 5)],
    dialect: 'v2',
    incremental: 'full',
  },
  {
    name: 'deal_products',
    primaryKey: ['id'],
    columns:
      cols(`id:i deal_id:i product_id:i product_variation_id:i name:s item_price:d quantity:n sum:d tax:n
      tax_method:s currency:s discount:n discount_type:s is_enabled:b comments:t order_nr:i billing_frequency:s
      billing_frequency_cycles:i billing_start_date:date add_time:ts update_time:ts`),
    endpoints: [v2('/deals/products', 10, { query: { sort_by: 'id', sort_direction: 'asc' } })],
    dialect: 'v2',
    incremental: 'parents',
    child: {
      parent: 'deals',
      parentColumn: 'deal_id',
      batch: { idsParam: 'deal_ids', batchSize: 100 },
    },
  },
  follower('deal_followers', 'deals', 'deal_id', '/deals/{id}/followers'),
  follower('person_followers', 'persons', 'person_id', '/persons/{id}/followers'),
  follower('organization_followers', 'organizations', 'org_id', '/organizations/{id}/followers'),
  follower('product_followers', 'products', 'product_id', '/products/{id}/followers'),
  fieldsTable('deal_fields', '/dealFields'),
  fieldsTable('person_fields', '/personFields'),
  fieldsTable('organization_fields', '/organizationFields'),
  fieldsTable('product_fields', '/productFields'),
  fieldsTable('activity_fields', '/activityFields'),
  {
    name: 'projects',
    primaryKey: ['id'],
    columns:
      cols(`id:i title:s description:t status:s board_id:i phase_id:i owner_id:i start_date:date end_date:date
      deal_ids:j person_ids:j org_ids:j label_ids:j health_status:s is_archived:b add_time:ts update_time:ts
      status_change_time:ts archive_time:ts`),
    endpoints: [v2('/projects', 10), v2('/projects/archived', 10, { stamp: { is_archived: true } })],
    dialect: 'v2',
    incremental: 'full',
    customFields: 'project',
  },
  {
    name: 'tasks',
    primaryKey: ['id'],
    columns: cols(`id:i title:s creator_id:i description:t project_id:i is_done:b is_milestone:b due_date:date
      start_date:date parent_task_id:i assignee_ids:j priority:i add_time:ts update_time:ts marked_as_done_time:ts`),
    endpoints: [v2('/tasks', 10)],
    dialect: 'v2',
    incremental: 'full',
  },
];
