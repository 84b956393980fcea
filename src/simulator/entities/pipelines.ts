import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface PipelineRecord extends SimRecord {
  name: string;
  order_nr: number;
  is_deal_probability_enabled: boolean;
}

export interface StageRecord extends SimRecord {
  name: string;
  order_nr: number;
  pipeline_id: number;
  deal_probability: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

const PIPELINES = ['Sales', 'Partnerships', 'Renewals', 'Enterprise'];
const STAGES = ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started'];

export function generatePipeline(ctx: GenContext, id: number): PipelineRecord {
  const layout = ctx.layout('pipelines');
  return {
    id,
    name: PIPELINES[id - 1] ?? `Pipeline ${id}`,
    order_nr: id - 1,
    is_deal_probability_enabled: true,
    add_time: layout.addTime(id),
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}

export function generateStage(ctx: GenContext, id: number): StageRecord {
  const layout = ctx.layout('stages');
  const pipeline = ctx.pipelineOfStage(id);
  const per = Math.max(1, Math.ceil(ctx.count('stages') / Math.max(1, ctx.count('pipelines'))));
  const order = (id - 1) % per;
  return {
    id,
    name: STAGES[order % STAGES.length] ?? `Stage ${id}`,
    order_nr: order + 1,
    pipeline_id: pipeline,
    deal_probability: Math.min(100, (order + 1) * 20),
    is_deal_rot_enabled: order === 0,
    days_to_rotten: order === 0 ? 30 : null,
    add_time: layout.addTime(id),
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
  };
}
