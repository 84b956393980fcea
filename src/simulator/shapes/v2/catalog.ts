import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { ProductRecord } from '../../entities/products.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { rfc3339 } from '../time-format.js';
import { v2CustomFields } from './custom-fields.js';
import type { V2ShapeOptions } from './deal.js';

export function v2Product(
  p: ProductRecord,
  defs: readonly CustomFieldDef[],
  options: V2ShapeOptions,
): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    code: p.code,
    description: p.description,
    unit: p.unit,
    tax: p.tax,
    category: p.category,
    is_linkable: p.is_linkable,
    is_deleted: p.is_deleted,
    visible_to: p.visible_to,
    owner_id: p.owner_id,
    add_time: rfc3339(p.add_time),
    update_time: rfc3339(p.update_time),
    billing_frequency: p.billing_frequency,
    billing_frequency_cycles: p.billing_frequency_cycles,
    prices: p.prices.map((price) => ({ product_id: p.id, ...price })),
    custom_fields: v2CustomFields(defs, p.custom, options),
  };
}

export function v2Pipeline(p: PipelineRecord): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    order_nr: p.order_nr,
    is_deleted: p.is_deleted,
    is_deal_probability_enabled: p.is_deal_probability_enabled,
    add_time: rfc3339(p.add_time),
    update_time: rfc3339(p.update_time),
  };
}

export function v2Stage(s: StageRecord): Record<string, unknown> {
  return {
    id: s.id,
    order_nr: s.order_nr,
    name: s.name,
    is_deleted: s.is_deleted,
    deal_probability: s.deal_probability,
    pipeline_id: s.pipeline_id,
    is_deal_rot_enabled: s.is_deal_rot_enabled,
    days_to_rotten: s.days_to_rotten,
    add_time: rfc3339(s.add_time),
    update_time: rfc3339(s.update_time),
  };
}
