import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { ProductRecord } from '../../entities/products.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import { idListParam } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { v1Pipeline, v1Product, v1Stage } from '../../shapes/v1/catalog.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';
import { v1OffsetList } from './list.js';

export function v1CatalogRoutes(ctx: RouteContext): Route[] {
  const world = ctx.world;
  const products = world.store<ProductRecord>('products');
  const pipelines = world.store<PipelineRecord>('pipelines');
  const stages = world.store<StageRecord>('stages');
  const productShape = (rel: RelatedObjects) => {
    const defs = world.fields.list('product');
    return (p: ProductRecord) => v1Product(p, defs, rel);
  };
  const stageShape = (s: StageRecord) => v1Stage(s, pipelines.get(s.pipeline_id));
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/products',
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store: products,
          filter: (r) => {
            const ids = idListParam(r.query, 'ids');
            const owner = numberFilter(r, 'user_id');
            return (p) =>
              !p.is_deleted && (!ids || ids.includes(p.id)) && (owner === undefined || p.owner_id === owner);
          },
          shape: (_r, rel) => productShape(rel),
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/products/{id}',
      handler: (req) => {
        const p = products.get(pathId(req));
        if (!p) throw notFound('Product');
        const rel = new RelatedObjects(world);
        return v1Ok(productShape(rel)(p), {}, rel.toJSON());
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/pipelines',
      handler: () => v1Ok([...pipelines.all()].filter((p) => !p.is_deleted).map(v1Pipeline)),
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/pipelines/{id}',
      handler: (req) => {
        const p = pipelines.get(pathId(req));
        if (!p) throw notFound('Pipeline');
        return v1Ok(v1Pipeline(p));
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/stages',
      handler: (req) => {
        const pipeline = numberFilter(req, 'pipeline_id');
        const rows = [...stages.all()].filter(
          (s) => !s.is_deleted && (pipeline === undefined || s.pipeline_id === pipeline),
        );
        const { page, pagination } = offsetPage(rows, offsetWindow(req.query));
        return v1Ok(page.map(stageShape), { pagination });
      },
    },
    {
      method: 'GET',
      version: 'v1',
      template: '/stages/{id}',
      handler: (req) => {
        const s = stages.get(pathId(req));
        if (!s) throw notFound('Stage');
        return v1Ok(stageShape(s));
      },
    },
  ];
}
