import type { DealRecord } from '../../entities/deals.js';
import { dealProductsOf, followersOf } from '../../entities/derived.js';
import type { DealProductRow } from '../../entities/derived.js';
import type { SimRecord } from '../../world/record.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest } from '../../http/api-types.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { ok } from '../../http/envelope.js';
import { enumParam, idListParam, limitParam } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { rfc3339 } from '../../shapes/time-format.js';
import { compareKeys } from '../../world/record.js';
import type { RouteContext } from '../route-context.js';
import { notFound, pathId } from './single.js';

type Row = { id: number } & Record<string, unknown>;

/** Cursor pagination over a small in-memory list sorted by `sortKey`. */
export function pagedRows(req: ApiRequest, rows: Row[], sortable: readonly string[]) {
  const limit = limitParam(req.query);
  const sortKey = enumParam(req.query, 'sort_by', sortable, 'id');
  const direction = enumParam(req.query, 'sort_direction', ['asc', 'desc'] as const, 'asc');
  const sign = direction === 'desc' ? -1 : 1;
  const key = (r: Row) => (r[sortKey] as number | string | null) ?? null;
  const sorted = [...rows].sort((a, b) => sign * compareKeys(key(a), a.id, key(b), b.id));
  const after = decodeCursor(req.query.get('cursor'), sortKey, direction);
  const from = after
    ? sorted.filter((r) => sign * compareKeys(key(r), r.id, after.fieldValue, after.id) > 0)
    : sorted;
  const page = from.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    from.length > limit && last
      ? encodeCursor({ field: sortKey, fieldValue: key(last), sortDirection: direction, id: last.id })
      : null;
  return { page, next };
}

function v2DealProduct(r: DealProductRow): Row {
  const sum = r.item_price * r.quantity - r.discount;
  return {
    id: r.id,
    deal_id: r.deal_id,
    product_id: r.product_id,
    product_variation_id: null,
    name: r.name,
    item_price: r.item_price,
    quantity: r.quantity,
    sum,
    tax: r.tax,
    tax_method: 'inclusive',
    currency: r.currency,
    discount: r.discount,
    discount_type: 'percentage',
    is_enabled: true,
    comments: '',
    order_nr: r.order_nr,
    billing_frequency: r.billing_frequency,
    billing_frequency_cycles: null,
    billing_start_date: null,
    add_time: rfc3339(r.add_time),
    update_time: rfc3339(r.update_time),
  };
}

const DEAL_PRODUCT_SORT = ['id', 'deal_id', 'add_time', 'update_time', 'order_nr'];

export function v2RelationRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const deals = world.store<DealRecord>('deals');
  const requireDeal = (req: ApiRequest) => {
    const deal = deals.get(pathId(req));
    if (!deal) throw notFound('Deal');
    return deal;
  };
  const routes: Route[] = [
    {
      method: 'GET',
      version: 'v2',
      template: '/deals/{id}/products',
      handler: (req) => {
        const { page, next } = pagedRows(
          req,
          dealProductsOf(world, requireDeal(req)).map(v2DealProduct),
          DEAL_PRODUCT_SORT,
        );
        return ok(page, { next_cursor: next });
      },
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/deals/products',
      handler: (req) => {
        const ids = idListParam(req.query, 'deal_ids');
        if (!ids) throw new ApiError(400, "Parameter 'deal_ids' is required.");
        const rows = ids.flatMap((id) => {
          const deal = deals.get(id);
          return deal ? dealProductsOf(world, deal).map(v2DealProduct) : [];
        });
        const { page, next } = pagedRows(req, rows, DEAL_PRODUCT_SORT);
        return ok(page, { next_cursor: next });
      },
    },
  ];
  for (const [path, entity, label] of [
    ['deals', 'deals', 'Deal'],
    ['persons', 'persons', 'Person'],
    ['organizations', 'organizations', 'Organization'],
    ['products', 'products', 'Product'],
    ['users', 'users', 'User'],
  ] as const) {
    routes.push({
      method: 'GET',
      version: 'v2',
      template: `/${path}/{id}/followers`,
      handler: (req) => {
        const parent = world.store<SimRecord & { owner_id?: number }>(entity).get(pathId(req));
        if (!parent) throw notFound(label);
        const rows = followersOf(seed, parent.id, parent.owner_id ?? parent.id, parent.add_time).map((f) => ({
          id: f.user_id,
          user_id: f.user_id,
          add_time: rfc3339(f.add_time),
        }));
        const { page, next } = pagedRows(req, rows, ['id']);
        return ok(
          page.map(({ user_id, add_time }) => ({ user_id, add_time })),
          { next_cursor: next },
        );
      },
    });
  }
  return routes;
}
