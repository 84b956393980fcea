import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { ProductRecord } from '../../entities/products.js';
import type { ApiRequest } from '../../http/api-types.js';
import type { Route } from '../../http/router.js';
import { v2Pipeline, v2Product, v2Stage } from '../../shapes/v2/catalog.js';
import type { RouteContext } from '../route-context.js';
import { customFieldKeys, numberFilter, v2List } from './list.js';
import { v2Single } from './single.js';

export function v2CatalogRoutes(ctx: RouteContext): Route[] {
  const world = ctx.world;
  const products = world.store<ProductRecord>('products');
  const pipelines = world.store<PipelineRecord>('pipelines');
  const stages = world.store<StageRecord>('stages');
  const productShape = (req: ApiRequest) => {
    const defs = world.fields.list('product');
    const options = {
      keys: customFieldKeys(req),
      optionLabels: req.query.get('include_option_labels') === 'true',
      seed: ctx.seed,
    };
    return (p: ProductRecord) => v2Product(p, defs, options);
  };
  const productFilter = (req: ApiRequest) => {
    const owner = numberFilter(req, 'owner_id');
    return (p: ProductRecord) => !p.is_deleted && (owner === undefined || p.owner_id === owner);
  };
  const stageFilter = (req: ApiRequest) => {
    const pipeline = numberFilter(req, 'pipeline_id');
    return (s: StageRecord) => !s.is_deleted && (pipeline === undefined || s.pipeline_id === pipeline);
  };
  return [
    {
      method: 'GET',
      version: 'v2',
      template: '/products',
      handler: (req) =>
        v2List(req, {
          store: products,
          sortable: ['id', 'name', 'add_time', 'update_time'],
          timeFilters: true,
          filter: productFilter,
          shape: productShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/products/{id}',
      handler: (req) => v2Single(req, products, 'Product', productShape(req)),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/pipelines',
      handler: (req) =>
        v2List(req, {
          store: pipelines,
          sortable: ['id', 'update_time', 'add_time'],
          timeFilters: false,
          filter: () => (p) => !p.is_deleted,
          shape: () => v2Pipeline,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/pipelines/{id}',
      handler: (req) => v2Single(req, pipelines, 'Pipeline', v2Pipeline),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/stages',
      handler: (req) =>
        v2List(req, {
          store: stages,
          sortable: ['id', 'update_time', 'add_time', 'order_nr'],
          timeFilters: false,
          filter: stageFilter,
          shape: () => v2Stage,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/stages/{id}',
      handler: (req) => v2Single(req, stages, 'Stage', v2Stage),
    },
  ];
}
