import type { ApiVersion } from './api-types.js';
import { V1_TOKEN_COSTS } from './token-costs-v1.js';
import { V2_TOKEN_COSTS } from './token-costs-v2.js';

/** Token cost of an operation; unknown operations cost what their kind usually costs. */
export function tokenCost(version: ApiVersion, method: string, template: string): number {
  const table = version === 'v2' ? V2_TOKEN_COSTS : V1_TOKEN_COSTS;
  const cost = table[template]?.[method];
  if (cost !== undefined) return cost;
  const single = template.endsWith('}');
  if (method === 'GET') return version === 'v2' ? (single ? 1 : 10) : single ? 2 : 20;
  if (method === 'DELETE') return version === 'v2' ? 3 : 6;
  return version === 'v2' ? 5 : 10;
}
