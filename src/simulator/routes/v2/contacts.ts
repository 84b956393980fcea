import type { ActivityRecord } from '../../entities/activities.js';
import type { OrganizationRecord } from '../../entities/organizations.js';
import type { PersonRecord } from '../../entities/persons.js';
import type { ApiRequest } from '../../http/api-types.js';
import { boolParam } from '../../http/query.js';
import type { Route } from '../../http/router.js';
import { ACTIVITY_OPTIONAL_FIELDS, v2Activity } from '../../shapes/v2/activity.js';
import { CONTACT_OPTIONAL_FIELDS, v2Organization, v2Person } from '../../shapes/v2/contacts.js';
import type { RouteContext } from '../route-context.js';
import { customFieldKeys, includeFields, numberFilter, v2List } from './list.js';
import { v2Single } from './single.js';

const SORTABLE = ['id', 'update_time', 'add_time'];

function projection(req: ApiRequest, ctx: RouteContext, optional: readonly string[]) {
  return {
    include: includeFields(req, optional),
    keys: customFieldKeys(req),
    optionLabels: req.query.get('include_option_labels') === 'true',
    seed: ctx.seed,
    counts: ctx.world.counts,
  };
}

/** Persons linked to a deal: the deal's person (v2 `deal_id` filter on persons). */
function dealPersonId(ctx: RouteContext, dealId: number | undefined): number | null | undefined {
  if (dealId === undefined) return undefined;
  const deal = ctx.world.store<{ person_id: number | null } & PersonRecord>('deals').get(dealId);
  return deal ? deal.person_id : null;
}

export function v2ContactRoutes(ctx: RouteContext): Route[] {
  const persons = ctx.world.store<PersonRecord>('persons');
  const orgs = ctx.world.store<OrganizationRecord>('organizations');
  const activities = ctx.world.store<ActivityRecord>('activities');
  const personShape = (req: ApiRequest) => {
    const p = projection(req, ctx, CONTACT_OPTIONAL_FIELDS);
    const defs = ctx.world.fields.list('person');
    return (r: PersonRecord) => v2Person(r, defs, p);
  };
  const orgShape = (req: ApiRequest) => {
    const p = projection(req, ctx, CONTACT_OPTIONAL_FIELDS);
    const defs = ctx.world.fields.list('organization');
    return (r: OrganizationRecord) => v2Organization(r, defs, p);
  };
  const activityShape = (req: ApiRequest) => {
    const p = projection(req, ctx, ACTIVITY_OPTIONAL_FIELDS);
    const defs = ctx.world.fields.list('activity');
    return (r: ActivityRecord) => v2Activity(r, defs, p);
  };
  const personFilter = (req: ApiRequest) => {
    const owner = numberFilter(req, 'owner_id');
    const org = numberFilter(req, 'org_id');
    const dealPerson = dealPersonId(ctx, numberFilter(req, 'deal_id'));
    return (r: PersonRecord) =>
      !r.is_deleted &&
      (owner === undefined || r.owner_id === owner) &&
      (org === undefined || r.org_id === org) &&
      (dealPerson === undefined || r.id === dealPerson);
  };
  const orgFilter = (req: ApiRequest) => {
    const owner = numberFilter(req, 'owner_id');
    return (r: OrganizationRecord) => !r.is_deleted && (owner === undefined || r.owner_id === owner);
  };
  const activityFilter = (req: ApiRequest) => {
    const owner = numberFilter(req, 'owner_id');
    const deal = numberFilter(req, 'deal_id');
    const person = numberFilter(req, 'person_id');
    const org = numberFilter(req, 'org_id');
    const lead = req.query.get('lead_id');
    const done = boolParam(req.query, 'done');
    return (r: ActivityRecord) =>
      !r.is_deleted &&
      (owner === undefined || r.owner_id === owner) &&
      (deal === undefined || r.deal_id === deal) &&
      (person === undefined || r.person_id === person) &&
      (org === undefined || r.org_id === org) &&
      (lead === null || r.lead_id === lead) &&
      (done === undefined || r.done === done);
  };
  return [
    {
      method: 'GET',
      version: 'v2',
      template: '/persons',
      handler: (req) =>
        v2List(req, {
          store: persons,
          sortable: SORTABLE,
          timeFilters: true,
          filter: personFilter,
          shape: personShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/persons/{id}',
      handler: (req) => v2Single(req, persons, 'Person', personShape(req)),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/organizations',
      handler: (req) =>
        v2List(req, {
          store: orgs,
          sortable: SORTABLE,
          timeFilters: true,
          filter: orgFilter,
          shape: orgShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/organizations/{id}',
      handler: (req) => v2Single(req, orgs, 'Organization', orgShape(req)),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/activities',
      handler: (req) =>
        v2List(req, {
          store: activities,
          sortable: [...SORTABLE, 'due_date'],
          timeFilters: true,
          filter: activityFilter,
          shape: activityShape,
        }),
    },
    {
      method: 'GET',
      version: 'v2',
      template: '/activities/{id}',
      handler: (req) => v2Single(req, activities, 'Activity', activityShape(req)),
    },
  ];
}
