/**
 * Tables that only v1 serves (users, notes, leads, files...): the same
 * endpoints and columns under both schemas.
 */
import { cols } from './columns.js';
import type { TableSpec } from './types.js';

const v1 = (path: string, cost: number, paging: 'offset' | 'none' | 'cursor' = 'none', maxLimit = 500) =>
  ({ version: 'v1', path, cost, paging, maxLimit }) as const;

const LEAD_COLUMNS = cols(`id:s title:s owner_id:i creator_id:i label_ids:j person_id:i organization_id:i
  source_name:s origin:s origin_id:s channel:i channel_id:s source_deal_id:i is_archived:b archive_time:ts was_seen:b
  value:d value_currency:s expected_close_date:date next_activity_id:i add_time:ts update_time:ts visible_to:i cc_email:s`);

export const SHARED_TABLES: TableSpec[] = [
  {
    name: 'users',
    primaryKey: ['id'],
    columns:
      cols(`id:i name:s email:s phone:s default_currency:s locale:s lang:i timezone_name:s timezone_offset:s
      role_id:i icon_url:t activated:b active_flag:b is_deleted:b is_admin:b is_you:b has_created_company:b
      created:ts modified:ts last_login:ts access:j`),
    endpoints: [v1('/users', 20)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'activity_types',
    primaryKey: ['id'],
    columns: cols(`id:i order_nr:i name:s key_string:s icon_key:s active_flag:b color:s is_custom_flag:b
      add_time:ts update_time:ts`),
    endpoints: [v1('/activityTypes', 20)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'currencies',
    primaryKey: ['id'],
    columns: cols('id:i code:s name:s decimal_points:i symbol:s active_flag:b is_custom_flag:b'),
    endpoints: [v1('/currencies', 20)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'notes',
    primaryKey: ['id'],
    columns: cols(`id:i content:t user_id:i deal_id:i lead_id:s person_id:i org_id:i project_id:i task_id:i
      active_flag:b is_deleted:b add_time:ts update_time:ts last_update_user_id:i pinned_to_deal_flag:b
      pinned_to_person_flag:b pinned_to_organization_flag:b pinned_to_lead_flag:b pinned_to_project_flag:b`),
    endpoints: [{ ...v1('/notes', 20, 'offset'), query: { sort: 'update_time ASC' } }],
    dialect: 'v1',
    incremental: 'updated-since',
    updateFilter: { since: 'updated_since' },
  },
  {
    name: 'note_comments',
    primaryKey: ['uuid'],
    columns: cols(
      'uuid:s note_id:i object_id:s object_type:s user_id:i content:t active_flag:b add_time:ts update_time:ts company_id:i',
    ),
    endpoints: [v1('/notes/{id}/comments', 20, 'offset')],
    dialect: 'v1',
    incremental: 'parents',
    child: { parent: 'notes', parentColumn: 'note_id' },
  },
  {
    name: 'files',
    primaryKey: ['id'],
    columns:
      cols(`id:i user_id:i deal_id:i person_id:i org_id:i product_id:i activity_id:i lead_id:s project_id:i
      add_time:ts update_time:ts file_name:s file_type:s file_size:i active_flag:b is_deleted:b inline_flag:b
      remote_location:s remote_id:s s3_bucket:s mail_message_id:s mail_template_id:i url:t name:s description:t`),
    endpoints: [{ ...v1('/files', 20, 'offset', 100), query: { sort: 'update_time DESC' } }],
    dialect: 'v1',
    incremental: 'descending',
  },
  {
    name: 'leads',
    primaryKey: ['id'],
    columns: LEAD_COLUMNS,
    endpoints: [
      { ...v1('/leads', 20, 'offset'), query: { sort: 'update_time ASC' } },
      {
        ...v1('/leads/archived', 40, 'offset'),
        query: { sort: 'update_time DESC' },
        stamp: { is_archived: true },
      },
    ],
    dialect: 'v1',
    incremental: 'updated-since',
    updateFilter: { since: 'updated_since' },
    customFields: 'lead',
  },
  {
    name: 'lead_labels',
    primaryKey: ['id'],
    columns: cols('id:s name:s color:s add_time:ts update_time:ts'),
    endpoints: [v1('/leadLabels', 10)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'lead_sources',
    primaryKey: ['name'],
    columns: cols('name:s'),
    endpoints: [v1('/leadSources', 2)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'filters',
    primaryKey: ['id'],
    columns: cols(`id:i name:s type:s active_flag:b is_editable:b temporary_flag:b user_id:i visible_to:i
      add_time:ts update_time:ts last_used_time:ts custom_view_id:i`),
    endpoints: [v1('/filters', 20)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'goals',
    primaryKey: ['id'],
    columns: cols(
      'id:s owner_id:i title:s type:j assignee:j interval:s duration:j expected_outcome:j is_active:b report_ids:j',
    ),
    endpoints: [{ ...v1('/goals/find', 20), rowsAt: 'goals' }],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'roles',
    primaryKey: ['id'],
    columns: cols(
      'id:i parent_role_id:i name:s active_flag:b assignment_count:i sub_role_count:i level:i description:t',
    ),
    endpoints: [v1('/roles', 20, 'offset')],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'role_assignments',
    primaryKey: ['role_id', 'user_id'],
    columns: cols('role_id:i user_id:i parent_role_id:i name:s active_flag:b type:s'),
    endpoints: [v1('/roles/{id}/assignments', 10, 'offset')],
    dialect: 'v1',
    incremental: 'full',
    child: { parent: 'roles', parentColumn: 'role_id' },
  },
  {
    name: 'role_settings',
    primaryKey: ['role_id'],
    columns: cols(`role_id:i deal_default_visibility:i lead_default_visibility:i org_default_visibility:i
      person_default_visibility:i product_default_visibility:i deal_access_level:i org_access_level:i
      person_access_level:i product_access_level:i`),
    endpoints: [v1('/roles/{id}/settings', 20)],
    dialect: 'v1',
    incremental: 'full',
    child: { parent: 'roles', parentColumn: 'role_id' },
  },
  {
    name: 'permission_sets',
    primaryKey: ['id'],
    columns: cols('id:s name:s description:t app:s type:s assignment_count:i'),
    endpoints: [v1('/permissionSets', 20)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'call_logs',
    primaryKey: ['id'],
    columns:
      cols(`id:s activity_id:i person_id:i org_id:i deal_id:i lead_id:s user_id:i company_id:i subject:s
      duration:i outcome:s from_phone_number:s to_phone_number:s has_recording:b start_time:ts end_time:ts note:t`),
    endpoints: [v1('/callLogs', 20, 'offset', 50)],
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'mail_threads',
    primaryKey: ['id'],
    columns:
      cols(`id:i subject:t snippet:t parties:j folder:s user_id:i deal_id:i lead_id:s has_attachments_flag:b
      has_inline_attachments_flag:b archived_flag:b deleted_flag:b shared_flag:b read_flag:b
      first_message_timestamp:ts last_message_timestamp:ts message_count:i add_time:ts update_time:ts`),
    endpoints: ['inbox', 'drafts', 'sent', 'archive'].map((folder) => ({
      ...v1('/mailbox/mailThreads', 20, 'offset'),
      query: { folder },
      stamp: { folder },
    })),
    dialect: 'v1',
    incremental: 'full',
  },
  {
    name: 'deal_participants',
    primaryKey: ['id'],
    columns: cols(
      'id:i deal_id:i person_id:i add_time:ts active_flag:b related_item_type:s related_item_id:i added_by_user_id:i',
    ),
    endpoints: [v1('/deals/{id}/participants', 10, 'offset')],
    dialect: 'v1',
    incremental: 'parents',
    child: { parent: 'deals', parentColumn: 'deal_id' },
  },
  {
    name: 'organization_relationships',
    primaryKey: ['id'],
    columns: cols(`id:i type:s rel_owner_org_id:i rel_linked_org_id:i active_flag:b add_time:ts update_time:ts
      calculated_type:s calculated_related_org_id:i related_organization_name:s`),
    endpoints: [v1('/organizationRelationships', 20)],
    dialect: 'v1',
    incremental: 'parents',
    child: { parent: 'organizations', parentColumn: 'org_id', parentParam: 'org_id' },
  },
];
