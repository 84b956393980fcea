import type { SimRoute } from './conformance-endpoint.js';

/**
 * What the generic probe plan cannot guess for an endpoint: fixed path params, the record field a param comes
 * from, extra query, a request body for writes, or the filter that matches nothing. Keyed "METHOD version template".
 */

export interface EndpointOverride {
  params?: Record<string, string>;
  /** Record field of the parent list that fills a path param (default `id`). */
  paramFields?: Record<string, string>;
  query?: Record<string, string>;
  emptyQuery?: Record<string, string>;
  body?: unknown;
  status?: number;
}

const OVERRIDES: Record<string, EndpointOverride> = {
  'GET v2 /activityFields/{field_code}': { paramFields: { field_code: 'field_code' } },
  'GET v2 /dealFields/{field_code}': { paramFields: { field_code: 'field_code' } },
  'GET v2 /personFields/{field_code}': { paramFields: { field_code: 'field_code' } },
  'GET v2 /organizationFields/{field_code}': { paramFields: { field_code: 'field_code' } },
  'GET v2 /productFields/{field_code}': { paramFields: { field_code: 'field_code' } },
  'GET v2 /projectFields/{field_code}': { paramFields: { field_code: 'field_code' } },
};

export const routeKey = (route: SimRoute): string => `${route.method} ${route.version} ${route.template}`;

export function overrideFor(route: SimRoute): EndpointOverride {
  return OVERRIDES[routeKey(route)] ?? {};
}
