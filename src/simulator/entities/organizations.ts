import { addressValue, generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface OrganizationRecord extends SimRecord {
  name: string;
  owner_id: number;
  visible_to: number;
  label_ids: number[];
  address: Record<string, string | null> | null;
  website: string | null;
  linkedin: string | null;
  industry: number | null;
  annual_revenue: number | null;
  employee_count: number | null;
  custom: Record<string, unknown>;
}

const PREFIX = [
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Acme',
  'Soylent',
  'Tyrell',
  'Vandelay',
];
const SUFFIX = ['GmbH', 'Ltd', 'Inc', 'OÜ', 'AS', 'LLC'];

export function generateOrganization(ctx: GenContext, id: number): OrganizationRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.organizations ?? 0, id);
  const layout = ctx.layout('organizations');
  const add = layout.addTime(id);
  const name = `${rnd.pick(PREFIX)} ${id} ${rnd.pick(SUFFIX)}`;
  return {
    id,
    name,
    owner_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    visible_to: 3,
    label_ids: rnd.chance(0.2) ? [rnd.int(1, 3)] : [],
    address: rnd.chance(0.8) ? addressValue(rnd.int(0, 1000), id) : null,
    website: rnd.chance(0.5) ? `https://org${id}.example.com` : null,
    linkedin: null,
    industry: null,
    annual_revenue: null,
    employee_count: rnd.chance(0.5) ? rnd.int(1, 5000) : null,
    add_time: add,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('organization'), STREAM.organizations ?? 0, id, ctx.values, add),
  };
}
