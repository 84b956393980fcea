import type { DealRecord } from './deals.js';
import type { ProductRecord } from './products.js';
import { mix, STREAM } from '../seeded-random.js';
import type { World } from '../world/world.js';

export interface Follower {
  id: number;
  user_id: number;
  add_time: number;
}

export interface DealProductRow {
  id: number;
  deal_id: number;
  product_id: number | null;
  name: string | null;
  item_price: number;
  quantity: number;
  tax: number;
  discount: number;
  currency: string;
  order_nr: number;
  add_time: number;
  update_time: number;
  billing_frequency: string;
}

const MAX_PRODUCTS_PER_DEAL = 4;

/** Every third record is also followed by the admin (user 1) unless the admin owns it. */
function adminFollows(parentId: number, ownerId: number): boolean {
  return parentId % 3 === 0 && ownerId !== 1;
}

/** How many followers `followersOf` lists, without building them. */
export function followerCount(parentId: number, ownerId: number): number {
  return adminFollows(parentId, ownerId) ? 2 : 1;
}

/** Followers of a record: its owner, plus the admin on every third record. Derived, never stored. */
export function followersOf(seed: number, parentId: number, ownerId: number, addTime: number): Follower[] {
  const out: Follower[] = [{ id: parentId * 10 + 1, user_id: ownerId, add_time: addTime }];
  if (adminFollows(parentId, ownerId))
    out.push({ id: parentId * 10 + 2, user_id: 1, add_time: addTime + 60_000 });
  return out;
}

/** How many rows `dealProductsOf` lists for a deal, without building them. */
export function dealProductCount(seed: number, dealId: number, productTotal: number): number {
  return productTotal > 0 ? mix(seed, STREAM.dealProducts ?? 0, dealId) % MAX_PRODUCTS_PER_DEAL : 0;
}

/** Products attached to a deal (0-3), with ids unique across deals. Purged products leave product_id/name null. */
export function dealProductsOf(world: World, deal: DealRecord): DealProductRow[] {
  const total = world.ctx.count('products');
  const count = dealProductCount(world.seed, deal.id, total);
  const products = world.store<ProductRecord>('products');
  const rows: DealProductRow[] = [];
  for (let j = 0; j < count && total > 0; j += 1) {
    const productId = 1 + (mix(world.seed, STREAM.dealProducts ?? 0, deal.id, j + 1) % total);
    const product = products.get(productId);
    const price = product?.prices[0]?.price ?? 100;
    rows.push({
      id: (deal.id - 1) * MAX_PRODUCTS_PER_DEAL + j + 1,
      deal_id: deal.id,
      product_id: product ? productId : null,
      name: product?.name ?? null,
      item_price: price,
      quantity: 1 + (j % 3),
      tax: product?.tax ?? 0,
      discount: 0,
      currency: deal.currency,
      order_nr: j + 1,
      add_time: deal.add_time,
      update_time: deal.add_time,
      billing_frequency: product?.billing_frequency ?? 'one-time',
    });
  }
  return rows;
}
