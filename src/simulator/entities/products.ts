import { generatedCustom } from '../fields/values.js';
import { RecordRandom, STREAM } from '../seeded-random.js';
import type { GenContext } from '../world/context.js';
import type { SimRecord } from '../world/record.js';

export interface ProductPrice {
  price: number;
  currency: string;
  cost: number;
  direct_cost: number | null;
  notes: string;
}

export interface ProductRecord extends SimRecord {
  name: string;
  code: string;
  description: string;
  unit: string;
  tax: number;
  category: string | null;
  is_linkable: boolean;
  visible_to: number;
  owner_id: number;
  billing_frequency: string;
  billing_frequency_cycles: number | null;
  prices: ProductPrice[];
  custom: Record<string, unknown>;
}

const ITEMS = [
  'License',
  'Support plan',
  'Onboarding',
  'Training day',
  'Hardware kit',
  'Add-on seat',
  'API package',
];

export function generateProduct(ctx: GenContext, id: number): ProductRecord {
  const rnd = new RecordRandom(ctx.seed, STREAM.products ?? 0, id);
  const layout = ctx.layout('products');
  const add = layout.addTime(id);
  const price = rnd.int(10, 2000);
  return {
    id,
    name: `${rnd.pick(ITEMS)} ${id}`,
    code: `SKU-${String(id).padStart(5, '0')}`,
    description: `Product number ${id}`,
    unit: rnd.pick(['pcs', 'seat', 'day', 'month']),
    tax: rnd.pick([0, 9, 20, 22]),
    category: null,
    is_linkable: true,
    visible_to: 3,
    owner_id: rnd.int(1, Math.max(1, ctx.count('users'))),
    billing_frequency: rnd.pick(['one-time', 'monthly', 'annually']),
    billing_frequency_cycles: null,
    prices: [{ price, currency: 'EUR', cost: Math.floor(price / 2), direct_cost: null, notes: '' }],
    add_time: add,
    update_time: layout.updateTime(id),
    is_deleted: false,
    delete_time: null,
    custom: generatedCustom(ctx.fields.list('product'), STREAM.products ?? 0, id, ctx.values, add),
  };
}
