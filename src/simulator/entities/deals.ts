import { utcDate } from '../shapes/time-format.js';
import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import { DAY_MS } from '../world/record.js';
import type { SimRecord } from '../world/record.js';

export interface DealRecord extends SimRecord {
  title: string;
  creator_user_id: number;
  owner_id: number;
  person_id: number | null;
  org_id: number | null;
  pipeline_id: number;
  stage_id: number;
  value: number;
  currency: string;
  stage_change_time: number | null;
  status: 'open' | 'won' | 'lost' | 'deleted';
  is_archived: boolean;
  archive_time: number | null;
  probability: number | null;
  lost_reason: string | null;
  visible_to: number;
  close_time: number | null;
  won_time: number | null;
  lost_time: number | null;
  expected_close_date: string | null;
  label_ids: number[];
  origin: string;
  origin_id: string | null;
  channel: number | null;
  channel_id: string | null;
  acv: number | null;
  arr: number | null;
  mrr: number | null;
  custom: Record<string, unknown>;
}

const NAMES = [
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Acme',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
];
const KINDS = ['renewal', 'pilot', 'expansion', 'license', 'onboarding', 'upgrade'];
const LOST_REASONS = ['Price', 'Timing', 'Competitor', 'No budget'];

export function generateDeal(ctx: GenContext, id: number): DealRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.deals ?? 0, id);
  const layout = ctx.layout('deals');
  const add = layout.addTime(id);
  const update = layout.updateTime(id);
  const stageCount = Math.max(1, ctx.count('stages'));
  const stage = rnd.int(1, stageCount);
  const roll = rnd.next();
  const status = roll < 0.6 ? 'open' : roll < 0.8 ? 'won' : 'lost';
  const closed = status === 'open' ? null : update - rnd.int(1, 30) * DAY_MS;
  const users = Math.max(1, ctx.count('users'));
  const owner = rnd.int(1, users);
  // Every 20th deal is archived, so even tiny companies have archived deals to list.
  const archived = id % 20 === 3;
  return {
    id,
    title: `${rnd.pick(NAMES)} ${rnd.pick(KINDS)} #${id}`,
    creator_user_id: rnd.int(1, users),
    owner_id: owner,
    person_id: ctx.ref('persons', rnd.int(0, 1 << 30)),
    org_id: ctx.ref('organizations', rnd.int(0, 1 << 30)),
    pipeline_id: ctx.pipelineOfStage(stage),
    stage_id: stage,
    value: rnd.int(5, 2000) * 50,
    currency: rnd.chance(0.7) ? 'EUR' : 'USD',
    stage_change_time: add + rnd.int(1, 20) * DAY_MS,
    status,
    is_archived: archived,
    archive_time: archived ? update : null,
    probability: status === 'open' ? rnd.int(1, 10) * 10 : null,
    lost_reason: status === 'lost' ? rnd.pick(LOST_REASONS) : null,
    visible_to: rnd.chance(0.8) ? 3 : 1,
    close_time: closed,
    won_time: status === 'won' ? closed : null,
    lost_time: status === 'lost' ? closed : null,
    expected_close_date: utcDate(update + rnd.int(10, 120) * DAY_MS),
    label_ids: rnd.chance(0.3) ? [rnd.int(1, 4)] : [],
    origin: rnd.chance(0.8) ? 'ManuallyCreated' : 'API',
    origin_id: null,
    channel: null,
    channel_id: null,
    acv: null,
    arr: null,
    mrr: null,
    add_time: add,
    update_time: update,
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('deal'), STREAM.deals ?? 0, id, ctx.values, add),
  };
}
