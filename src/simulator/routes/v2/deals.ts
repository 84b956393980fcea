import type { DealRecord } from '../../entities/deals.js';
import { ApiError } from '../../http/api-types.js';
import type { ApiRequest } from '../../http/api-types.js';
import type { Route } from '../../http/router.js';
import { listParam } from '../../http/query.js';
import { DEAL_OPTIONAL_FIELDS, v2Deal } from '../../shapes/v2/deal.js';
import type { RouteContext } from '../route-context.js';
import { customFieldKeys, includeFields, numberFilter, v2List } from './list.js';
import { v2Single } from './single.js';

const STATUSES = ['open', 'won', 'lost', 'deleted'];

function statusFilter(req: ApiRequest): Set<string> {
  const statuses = listParam(req.query, 'status') ?? ['open', 'won', 'lost'];
  for (const s of statuses) if (!STATUSES.includes(s)) throw new ApiError(400, `Unknown deal status '${s}'.`);
  return new Set(statuses);
}

function dealFilter(req: ApiRequest, archived: boolean): (d: DealRecord) => boolean {
  const statuses = statusFilter(req);
  const owner = numberFilter(req, 'owner_id');
  const person = numberFilter(req, 'person_id');
  const org = numberFilter(req, 'org_id');
  const pipeline = numberFilter(req, 'pipeline_id');
  const stage = numberFilter(req, 'stage_id');
  return (d) =>
    d.is_archived === archived &&
    statuses.has(d.is_deleted ? 'deleted' : d.status) &&
    (owner === undefined || d.owner_id === owner) &&
    (person === undefined || d.person_id === person) &&
    (org === undefined || d.org_id === org) &&
    (pipeline === undefined || d.pipeline_id === pipeline) &&
    (stage === undefined || d.stage_id === stage);
}

export function dealShaper(ctx: RouteContext) {
  return (req: ApiRequest) => {
    const include = includeFields(req, DEAL_OPTIONAL_FIELDS);
    const keys = customFieldKeys(req);
    const optionLabels = req.query.get('include_option_labels') === 'true';
    const defs = ctx.world.fields.list('deal');
    return (d: DealRecord) =>
      v2Deal(d, defs, { include, keys, optionLabels, seed: ctx.seed, counts: ctx.world.counts });
  };
}

export function v2DealRoutes(ctx: RouteContext): Route[] {
  const store = ctx.world.store<DealRecord>('deals');
  const shape = dealShaper(ctx);
  const sortable = ['id', 'update_time', 'add_time'];
  return [
    {
      method: 'GET',
      version: 'v2',
      template: '/deals',
      handler: (req) =>
        v2List(req, { store, sortable, timeFilters: true, filter: (r) => dealFilter(r, false), shape }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/deals/archived',
      handler: (req) =>
        v2List(req, { store, sortable, timeFilters: true, filter: (r) => dealFilter(r, true), shape }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/deals/{id}',
      handler: (req) => v2Single(req, store, 'Deal', shape(req)),
    },
  ];
}
