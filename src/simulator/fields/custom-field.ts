/** The 16 custom field types a Pipedrive user can create. */
export const CUSTOM_FIELD_TYPES = [
  'varchar',
  'varchar_auto',
  'text',
  'double',
  'monetary',
  'enum',
  'set',
  'user',
  'org',
  'people',
  'phone',
  'date',
  'daterange',
  'time',
  'timerange',
  'address',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Entities that carry custom fields; leads share the deal fields. */
export const FIELD_ENTITIES = ['deal', 'person', 'organization', 'product', 'activity', 'project'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];

export interface FieldOption {
  id: number;
  label: string;
}

export interface CustomFieldDef {
  /** Numeric field id (v1 `id`). */
  id: number;
  /** 40-hex key (v1 `key`, v2 `field_code`). */
  key: string;
  name: string;
  fieldType: CustomFieldType;
  options: FieldOption[] | null;
  /** Base records get generated values only for fields that existed from the start. */
  generated: boolean;
  orderNr: number;
  addTime: number;
  updateTime: number;
}

/** Address components, in the order v1 suffix keys and v2 subfields use. */
export const ADDRESS_PARTS = [
  'street_number',
  'route',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
  'formatted_address',
] as const;
