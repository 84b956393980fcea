import type { DealRecord } from '../../entities/deals.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest } from '../../http/api-types.js';
import { v1Ok } from '../../http/envelope.js';
import type { Route } from '../../http/router.js';
import { v1Deal } from '../../shapes/v1/deal.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';
import { v1CollectionList, v1OffsetList } from './list.js';

const STATUSES = ['open', 'won', 'lost', 'deleted', 'all_not_deleted'];

function dealFilter(req: ApiRequest, archived: boolean): (d: DealRecord) => boolean {
  const status = req.query.get('status') ?? 'all_not_deleted';
  if (!STATUSES.includes(status)) throw new ApiError(400, `Unknown deal status '${status}'.`);
  const user = numberFilter(req, 'user_id');
  const stage = numberFilter(req, 'stage_id');
  const pipeline = numberFilter(req, 'pipeline_id');
  return (d) => {
    const effective = d.is_deleted ? 'deleted' : d.status;
    const statusOk = status === 'all_not_deleted' ? effective !== 'deleted' : effective === status;
    return (
      d.is_archived === archived &&
      statusOk &&
      (user === undefined || d.owner_id === user) &&
      (stage === undefined || d.stage_id === stage) &&
      (pipeline === undefined || d.pipeline_id === pipeline)
    );
  };
}

export function v1DealRoutes(ctx: RouteContext): Route[] {
  const world = ctx.world;
  const store = world.store<DealRecord>('deals');
  const shape = (flat: boolean) => (_req: ApiRequest, rel: RelatedObjects) => {
    const defs = world.fields.list('deal');
    return (d: DealRecord) => v1Deal(d, defs, rel, ctx.seed, flat);
  };
  const aliases = { user_id: 'owner_id' };
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/deals',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store,
          filter: (r) => dealFilter(r, false),
          shape: shape(false),
          sortAliases: aliases,
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/deals/archived',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store,
          filter: (r) => dealFilter(r, true),
          shape: shape(false),
          sortAliases: aliases,
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/deals/collection',
      handler: (req) =>
        v1CollectionList(
          req,
          { world, store, filter: (r) => dealFilter(r, false), shape: shape(true) },
          'deal',
        ),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/deals/{id}',
      handler: (req) => {
        const deal = store.get(pathId(req));
        if (!deal) throw notFound('Deal');
        const rel = new RelatedObjects(world);
        const data = v1Deal(deal, world.fields.list('deal'), rel, ctx.seed);
        return v1Ok(data, {}, rel.toJSON());
      },
    },
  ];
}
