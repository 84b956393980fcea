import type { ActivityRecord } from '../../entities/activities.js';
import type { DealRecord } from '../../entities/deals.js';
import type { FileRecord, NoteRecord } from '../../entities/notes-files.js';
import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { PipelineRecord, StageRecord } from '../../entities/pipelines.js';
import type { ProductRecord } from '../../entities/products.js';
import type { UserRecord } from '../../entities/users.js';
import { ApiError } from '../../http/api-types.js';
import { v1Ok } from '../../http/envelope.js';
import { offsetPage, offsetWindow } from '../../http/offset.js';
import { listParam, v1TimeParam } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { v1Time } from '../../shapes/time-format.js';
import { v1Activity } from '../../shapes/v1/activity.js';
import { v1Pipeline, v1Product, v1Stage } from '../../shapes/v1/catalog.js';
import { v1File, v1Note } from '../../shapes/v1/content.js';
import { v1Organization, v1Person } from '../../shapes/v1/contacts.js';
import { v1Deal } from '../../shapes/v1/deal.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import { v1User } from '../../shapes/v1/user.js';
import { PURGE_AFTER_MS } from '../../world/record.js';
import type { SimRecord } from '../../world/record.js';
import type { RouteContext } from '../route-context.js';

type Shaper = (r: SimRecord, rel: RelatedObjects) => unknown;

/** The v1 change feed: records changed after `since_timestamp`, only within the last 30 days. */
export function v1RecentsRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const items: Record<string, [string, Shaper]> = {
    deal: ['deals', (r, rel) => v1Deal(r as DealRecord, world.fields.list('deal'), rel, seed, true)],
    person: [
      'persons',
      (r, rel) => v1Person(r as PersonRecord, world.fields.list('person'), rel, seed, true),
    ],
    organization: [
      'organizations',
      (r, rel) => v1Organization(r as OrganizationRecord, world.fields.list('organization'), rel, seed),
    ],
    activity: ['activities', (r, rel) => v1Activity(r as ActivityRecord, world.fields.list('activity'), rel)],
    product: [
      'products',
      // The recents product form has plain owner and visibility numbers.
      (r, rel) => ({
        ...v1Product(r as ProductRecord, world.fields.list('product'), rel),
        owner_id: (r as ProductRecord).owner_id,
        visible_to: (r as ProductRecord).visible_to,
      }),
    ],
    note: ['notes', (r) => v1Note(r as NoteRecord, world, ctx.userId)],
    file: ['files', (r) => v1File(r as FileRecord, world, ctx.url())],
    pipeline: ['pipelines', (r) => v1Pipeline(r as PipelineRecord)],
    stage: [
      'stages',
      (r) =>
        v1Stage(
          r as StageRecord,
          world.store<PipelineRecord>('pipelines').get((r as StageRecord).pipeline_id),
        ),
    ],
    user: ['users', (r) => [v1User(r as UserRecord, seed, ctx.userId)]],
  };
  return [
    {
      method: 'GET',
      version: 'v1',
      template: '/recents',
      handler: (req) => {
        const requested = v1TimeParam(req.query, 'since_timestamp');
        if (requested === undefined) throw new ApiError(400, "Parameter 'since_timestamp' is required.");
        const types = listParam(req.query, 'items') ?? Object.keys(items);
        for (const t of types) if (!items[t]) throw new ApiError(400, `Unknown recents item '${t}'.`);
        const since = Math.max(requested, ctx.now() - PURGE_AFTER_MS);
        const window = offsetWindow(req.query);
        const rows: { item: string; record: SimRecord }[] = [];
        for (const item of types) {
          const [entity] = items[item] as [string, Shaper];
          const store = world.store(entity);
          const found = store.scan({
            sortKey: 'update_time',
            desc: false,
            after: { k: since, id: Number.MAX_SAFE_INTEGER },
            limit: window.start + window.limit + 1,
          });
          for (const record of found) rows.push({ item, record });
        }
        rows.sort((a, b) => a.record.update_time - b.record.update_time || a.record.id - b.record.id);
        const { page, pagination } = offsetPage(rows, window);
        const rel = new RelatedObjects(world);
        const data = page.map(({ item, record }) => ({
          item,
          id: record.id,
          data: (items[item] as [string, Shaper])[1](record, rel),
        }));
        const last = page[page.length - 1];
        return v1Ok(data, {
          since_timestamp: v1Time(requested),
          last_timestamp_on_page: last ? v1Time(last.record.update_time) : v1Time(requested),
          pagination,
        });
      },
    },
  ];
}
