import type { ActivityRecord } from '../../entities/activities.js';
import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { ApiRequest } from '../../http/api-types.js';
import { v1Ok } from '../../http/envelope.js';
import type { Route } from '../../http/router.js';
import type { SimRecord } from '../../world/record.js';
import type { RecordStore } from '../../world/store.js';
import { v1Activity } from '../../shapes/v1/activity.js';
import { v1Organization, v1Person } from '../../shapes/v1/contacts.js';
import { RelatedObjects } from '../../shapes/v1/relations.js';
import type { RouteContext } from '../route-context.js';
import { numberFilter } from '../v2/list.js';
import { notFound, pathId } from '../v2/single.js';
import { v1CollectionList, v1OffsetList } from './list.js';

const SINGULAR: Record<string, string> = {
  persons: 'person',
  organizations: 'organization',
  activities: 'activity',
};

type Shaper<R> = (rel: RelatedObjects, flat: boolean) => (r: R) => Record<string, unknown>;

/** list + collection + single for one deprecated v1 entity path. */
function entityRoutes<R extends SimRecord & { owner_id: number }>(
  ctx: RouteContext,
  path: string,
  label: string,
  store: RecordStore<R>,
  shaper: Shaper<R>,
  extraFilter: (req: ApiRequest) => (r: R) => boolean = () => () => true,
  /** v1 /activities lists only the token user's records unless user_id=0 is sent. */
  ownOnlyByDefault = false,
): Route[] {
  const world = ctx.world;
  const filter = (req: ApiRequest) => {
    const user = numberFilter(req, 'user_id') ?? (ownOnlyByDefault ? ctx.userId : undefined);
    const extra = extraFilter(req);
    return (r: R) => !r.is_deleted && (user === undefined || user === 0 || r.owner_id === user) && extra(r);
  };
  const shape = (flat: boolean) => (_req: ApiRequest, rel: RelatedObjects) => shaper(rel, flat);
  return [
    {
      method: 'GET',
      version: 'v1',
      template: `/${path}`,
      handler: (req) =>
        v1OffsetList(req, {
          world,
          store,
          filter,
          shape: shape(false),
          sortAliases: { user_id: 'owner_id' },
        }),
    },
    {
      method: 'GET',
      version: 'v1',
      template: `/${path}/collection`,
      handler: (req) =>
        v1CollectionList(req, { world, store, filter, shape: shape(true) }, SINGULAR[path] ?? path),
    },
    {
      method: 'GET',
      version: 'v1',
      template: `/${path}/{id}`,
      handler: (req) => {
        const record = store.get(pathId(req));
        if (!record) throw notFound(label);
        const rel = new RelatedObjects(world);
        const data = shaper(rel, false)(record);
        return v1Ok(data, {}, rel.toJSON());
      },
    },
  ];
}

export function v1ContactRoutes(ctx: RouteContext): Route[] {
  const { world, seed } = ctx;
  const persons = world.store<PersonRecord>('persons');
  const orgs = world.store<OrganizationRecord>('organizations');
  const activities = world.store<ActivityRecord>('activities');
  const activityFilter = (req: ApiRequest) => {
    const done = req.query.get('done');
    const type = req.query.get('type');
    return (a: ActivityRecord) =>
      (done === null || a.done === (done === '1')) && (type === null || a.type === type);
  };
  return [
    ...entityRoutes(ctx, 'persons', 'Person', persons, (rel, flat) => {
      const defs = world.fields.list('person');
      return (p) => v1Person(p, defs, rel, seed, flat);
    }),
    ...entityRoutes(ctx, 'organizations', 'Organization', orgs, (rel, flat) => {
      const defs = world.fields.list('organization');
      return (o) => v1Organization(o, defs, rel, seed, flat);
    }),
    ...entityRoutes(
      ctx,
      'activities',
      'Activity',
      activities,
      (rel) => {
        const defs = world.fields.list('activity');
        return (a) => v1Activity(a, defs, rel);
      },
      activityFilter,
      true,
    ),
  ];
}
