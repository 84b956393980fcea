import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { ProductRecord } from '../../entities/products.js';
import type { CustomFieldDef } from '../../fields/custom-field.js';
import { v1Time } from '../time-format.js';
import { writeV1Custom } from './custom-fields.js';
import type { RelatedObjects } from './relations.js';

export function v1Product(
  p: ProductRecord,
  defs: readonly CustomFieldDef[],
  rel: RelatedObjects,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    code: p.code,
    description: p.description,
    unit: p.unit,
    tax: p.tax,
    category: p.category,
    active_flag: !p.is_deleted,
    selectable: p.is_linkable,
    first_char: p.name.charAt(0).toLowerCase(),
    visible_to: String(p.visible_to),
    owner_id: rel.user(p.owner_id),
    files_count: null,
    add_time: v1Time(p.add_time),
    update_time: v1Time(p.update_time),
    billing_frequency: p.billing_frequency,
    billing_frequency_cycles: p.billing_frequency_cycles,
    prices: p.prices.map((price, i) => ({
      id: p.id * 10 + i,
      product_id: p.id,
      price: price.price,
      currency: price.currency,
      cost: price.cost,
      overhead_cost: price.direct_cost,
      notes: price.notes,
    })),
    product_variations: [],
  };
  writeV1Custom(out, defs, p.custom);
  return out;
}

export function v1Pipeline(p: PipelineRecord): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    url_title: p.name.toLowerCase().replace(/\s+/g, '-'),
    order_nr: p.order_nr,
    active: !p.is_deleted,
    deal_probability: p.is_deal_probability_enabled,
    add_time: v1Time(p.add_time),
    update_time: v1Time(p.update_time),
    selected: p.id === 1,
  };
}

export function v1Stage(s: StageRecord, pipeline: PipelineRecord | undefined): Record<string, unknown> {
  return {
    id: s.id,
    order_nr: s.order_nr,
    name: s.name,
    active_flag: !s.is_deleted,
    deal_probability: s.deal_probability,
    pipeline_id: s.pipeline_id,
    rotten_flag: s.is_deal_rot_enabled,
    rotten_days: s.days_to_rotten,
    add_time: v1Time(s.add_time),
    update_time: v1Time(s.update_time),
    pipeline_name: pipeline?.name ?? null,
    pipeline_deal_probability: pipeline?.is_deal_probability_enabled ?? true,
  };
}
