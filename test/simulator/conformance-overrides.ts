import type { ApiVersion } from '../support/openapi/index.js';
import type { SimRoute } from './conformance-endpoint.js';

/**
 * What the generic probe plan cannot guess for an endpoint: required query parameters, path params whose
 * parent is not a plain list, a request body for writes, or the filter that matches nothing. Values are looked
 * up through the simulator's own API, never from its internals. Keyed "METHOD version template".
 */

export interface Lookup {
  /** The `data` rows of a GET (path below the version prefix, query included); [] when there are none. */
  rows(version: ApiVersion, path: string): Promise<Array<Record<string, unknown>>>;
}

export interface Resolved {
  params?: Record<string, string>;
  query?: Record<string, string>;
}

export interface EndpointOverride {
  resolve?: (lookup: Lookup) => Promise<Resolved>;
  /** Record field of the parent list that fills a path param (default `id`). */
  paramFields?: Record<string, string>;
  emptyQuery?: Record<string, string>;
  body?: unknown;
  status?: number;
}

const FIELD_CODE = { paramFields: { field_code: 'field_code' } };

const firstId = async (lookup: Lookup, version: ApiVersion, path: string): Promise<string> => {
  const [first] = await lookup.rows(version, path);
  if (!first) throw new Error(`GET ${path} has no rows to take an id from`);
  return String(first.id);
};

/** A note that has comments, and its first comment: note 1 need not have any. */
async function noteWithComment(lookup: Lookup): Promise<Resolved> {
  for (const note of await lookup.rows('v1', '/notes?limit=100')) {
    const [comment] = await lookup.rows('v1', `/notes/${String(note.id)}/comments`);
    if (comment) return { params: { id: String(note.id), commentId: String(comment.uuid) } };
  }
  throw new Error('no note among the first 100 has a comment');
}

/** Deals that have products (deal_ids is required; up to 100). */
async function dealsWithProducts(lookup: Lookup): Promise<Resolved> {
  const deals = await lookup.rows('v2', '/deals?limit=500&include_fields=products_count');
  const ids = deals.filter((d) => Number(d.products_count) > 0).map((d) => String(d.id));
  if (ids.length === 0) throw new Error('no deal has products');
  return { query: { deal_ids: ids.slice(0, 100).join(',') } };
}

const OVERRIDES: Record<string, EndpointOverride> = {
  'GET v2 /activityFields/{field_code}': FIELD_CODE,
  'GET v2 /dealFields/{field_code}': FIELD_CODE,
  'GET v2 /personFields/{field_code}': FIELD_CODE,
  'GET v2 /organizationFields/{field_code}': FIELD_CODE,
  'GET v2 /productFields/{field_code}': FIELD_CODE,
  'GET v2 /projectFields/{field_code}': FIELD_CODE,
  'GET v1 /recents': {
    resolve: () => Promise.resolve({ query: { since_timestamp: '2000-01-01 00:00:00' } }),
  },
  // "Relationship n belongs to organization n": the first organization has one.
  'GET v1 /organizationRelationships': {
    resolve: async (lookup) => ({ query: { org_id: await firstId(lookup, 'v1', '/organizations?limit=1') } }),
  },
  'GET v1 /organizationRelationships/{id}': {
    resolve: async (lookup) => {
      const org = await firstId(lookup, 'v1', '/organizations?limit=1');
      return { params: { id: await firstId(lookup, 'v1', `/organizationRelationships?org_id=${org}`) } };
    },
  },
  'GET v1 /notes/{id}/comments': { resolve: noteWithComment },
  'GET v1 /notes/{id}/comments/{commentId}': { resolve: noteWithComment },
  'GET v2 /deals/products': { resolve: dealsWithProducts, emptyQuery: { deal_ids: '999999999' } },
  // v2 has no user list to take an id from.
  'GET v2 /users/{id}/followers': {
    resolve: async (lookup) => ({ params: { id: await firstId(lookup, 'v1', '/users') } }),
  },
};

export const routeKey = (route: SimRoute): string => `${route.method} ${route.version} ${route.template}`;

export function overrideFor(route: SimRoute): EndpointOverride {
  return OVERRIDES[routeKey(route)] ?? {};
}
