import { subfieldSuffixes } from '../fields/field-rows.js';
import type { FieldRow } from '../fields/field-rows.js';
import { rfc3339, v1Time } from './time-format.js';

const SUBFIELD_NAMES: Record<string, string> = { currency: 'Currency', until: 'End' };

/** v1 field types for built-ins whose v2 type v1 does not know (v1 reports those as plain numbers/options). */
const V1_TYPES: Record<string, string> = {
  int: 'double',
  deal: 'double',
  lead: 'varchar',
  stage: 'double',
  status: 'enum',
  boolean: 'enum',
  price_list: 'varchar',
  varchar_options: 'enum',
};

/** v1 `*Fields` row (`GET /v1/dealFields`). */
export function v1FieldRow(row: FieldRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    key: row.key,
    name: row.name,
    order_nr: row.orderNr,
    field_type: V1_TYPES[row.fieldType] ?? row.fieldType,
    json_column_flag: row.custom,
    add_time: v1Time(row.addTime),
    update_time: v1Time(row.updateTime),
    last_updated_by_user_id: 1,
    created_by_user_id: 1,
    active_flag: true,
    edit_flag: row.custom,
    index_visible_flag: true,
    details_visible_flag: true,
    add_visible_flag: true,
    important_flag: false,
    bulk_edit_allowed: true,
    searchable_flag: false,
    filtering_allowed: true,
    sortable_flag: true,
    mandatory_flag: row.mandatory,
  };
  if (row.options) out.options = row.options;
  return out;
}

/** v2 `*Fields` row (`GET /api/v2/dealFields`). */
export function v2FieldRow(row: FieldRow, include?: ReadonlySet<string>): Record<string, unknown> {
  const suffixes = row.custom ? subfieldSuffixes(row.fieldType) : [];
  const out: Record<string, unknown> = {
    field_name: row.name,
    field_code: row.key,
    description: null,
    field_type: row.fieldType,
    options: row.options
      ? row.options.map((o) => ({
          id: o.id,
          label: o.label,
          color: null,
          add_time: rfc3339(row.addTime),
          update_time: rfc3339(row.updateTime),
        }))
      : null,
    subfields: suffixes.length
      ? suffixes.map((s) => ({
          field_code: `${row.key}_${s}`,
          field_name: `${row.name} - ${SUBFIELD_NAMES[s] ?? s.replace(/_/g, ' ')}`,
          field_type: s === 'until' ? row.fieldType.replace('range', '') : 'varchar',
        }))
      : null,
    is_custom_field: row.custom,
    is_optional_response_field: false,
  };
  if (include?.has('ui_visibility')) {
    out.ui_visibility = { add_visible_flag: true, details_visible_flag: true };
  }
  if (include?.has('important_fields')) out.important_fields = { enabled: false, stage_ids: [] };
  if (include?.has('required_fields')) out.required_fields = { enabled: row.mandatory, stage_ids: [] };
  return out;
}
