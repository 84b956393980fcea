import type { FieldEntity } from './custom-field.js';

/** A built-in (not user-created) field: [key, name, field_type]. Keys are readable, not hashes. */
export type BuiltinField = readonly [key: string, name: string, fieldType: string];

const COMMON_TAIL: BuiltinField[] = [
  ['add_time', 'Created', 'date'],
  ['update_time', 'Update time', 'date'],
  ['visible_to', 'Visible to', 'visible_to'],
];

/** Built-in fields per entity, a representative subset of what Pipedrive lists first in *Fields. */
export const BUILTIN_FIELDS: Record<FieldEntity | 'note' | 'lead', BuiltinField[]> = {
  deal: [
    ['id', 'ID', 'int'],
    ['title', 'Title', 'varchar'],
    ['creator_user_id', 'Creator', 'user'],
    ['user_id', 'Owner', 'user'],
    ['value', 'Value', 'monetary'],
    ['currency', 'Currency', 'varchar'],
    ['org_id', 'Organization', 'org'],
    ['pipeline', 'Pipeline', 'double'],
    ['person_id', 'Contact person', 'people'],
    ['stage_id', 'Stage', 'stage'],
    ['status', 'Status', 'status'],
    ['probability', 'Probability', 'double'],
    ['lost_reason', 'Lost reason', 'varchar_options'],
    ['close_time', 'Deal closed on', 'date'],
    ['won_time', 'Won time', 'date'],
    ['lost_time', 'Lost time', 'date'],
    ['expected_close_date', 'Expected close date', 'date'],
    ['label', 'Label', 'set'],
    ...COMMON_TAIL,
  ],
  person: [
    ['id', 'ID', 'int'],
    ['name', 'Name', 'varchar'],
    ['first_name', 'First name', 'varchar'],
    ['last_name', 'Last name', 'varchar'],
    ['org_id', 'Organization', 'org'],
    ['owner_id', 'Owner', 'user'],
    ['phone', 'Phone', 'phone'],
    ['email', 'Email', 'varchar'],
    ['label', 'Labels', 'set'],
    ...COMMON_TAIL,
  ],
  organization: [
    ['id', 'ID', 'int'],
    ['name', 'Name', 'varchar'],
    ['owner_id', 'Owner', 'user'],
    ['address', 'Address', 'address'],
    ['label', 'Labels', 'set'],
    ...COMMON_TAIL,
  ],
  product: [
    ['id', 'ID', 'int'],
    ['name', 'Name', 'varchar'],
    ['code', 'Product code', 'varchar'],
    ['description', 'Description', 'text'],
    ['unit', 'Unit', 'varchar'],
    ['tax', 'Tax', 'double'],
    ['category', 'Category', 'enum'],
    ['owner_id', 'Owner', 'user'],
    ['prices', 'Price', 'price_list'],
    ...COMMON_TAIL,
  ],
  activity: [
    ['id', 'ID', 'int'],
    ['subject', 'Subject', 'varchar'],
    ['type', 'Type', 'varchar'],
    ['due_date', 'Due date', 'date'],
    ['due_time', 'Due time', 'time'],
    ['duration', 'Duration', 'time'],
    ['deal_id', 'Deal', 'deal'],
    ['person_id', 'Contact person', 'people'],
    ['org_id', 'Organization', 'org'],
    ['user_id', 'Assigned to user', 'user'],
    ['done', 'Done', 'boolean'],
    ['note', 'Note', 'text'],
    ['add_time', 'Add time', 'date'],
    ['update_time', 'Update time', 'date'],
  ],
  project: [
    ['id', 'ID', 'int'],
    ['title', 'Title', 'varchar'],
    ['description', 'Description', 'text'],
    ['status', 'Status', 'status'],
    ['owner_id', 'Owner', 'user'],
    ['start_date', 'Start date', 'date'],
    ['end_date', 'End date', 'date'],
    ['add_time', 'Add time', 'date'],
    ['update_time', 'Update time', 'date'],
  ],
  note: [
    ['id', 'ID', 'int'],
    ['content', 'Content', 'text'],
    ['deal_id', 'Deal', 'deal'],
    ['lead_id', 'Lead', 'lead'],
    ['person_id', 'Person', 'people'],
    ['org_id', 'Organization', 'org'],
    ['user_id', 'User', 'user'],
    ['add_time', 'Add time', 'date'],
    ['update_time', 'Update time', 'date'],
  ],
  lead: [
    ['title', 'Title', 'varchar'],
    ['owner_id', 'Owner', 'user'],
    ['person_id', 'Person', 'people'],
    ['organization_id', 'Organization', 'org'],
    ['value', 'Value', 'monetary'],
    ['expected_close_date', 'Expected close date', 'date'],
    ['add_time', 'Add time', 'date'],
    ['update_time', 'Update time', 'date'],
  ],
};

/** Built-in enum-like options, with the non-integer ids Pipedrive uses for them. */
export const BUILTIN_OPTIONS: Record<string, { id: string | number; label: string }[]> = {
  status: [
    { id: 'open', label: 'Open' },
    { id: 'won', label: 'Won' },
    { id: 'lost', label: 'Lost' },
    { id: 'deleted', label: 'Deleted' },
  ],
  visible_to: [
    { id: '1', label: 'Owner & followers' },
    { id: '3', label: 'Entire company' },
  ],
};
