import { afterAll, describe, expect, test } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { tokenCost } from '../../src/simulator/http/token-costs.js';
import { V1_TOKEN_COSTS } from '../../src/simulator/http/token-costs-v1.js';
import { V2_TOKEN_COSTS } from '../../src/simulator/http/token-costs-v2.js';
import { findOperation, loadSpecDocuments } from '../support/openapi/index.js';
import type { ApiVersion, HttpMethod } from '../support/openapi/index.js';
import { endpointName, simulatorRoutes } from './conformance-routes.js';

// Every path the simulator serves is a Pipedrive operation (v1 deprecated paths from the with-deprecated file),
// and the token cost it charges is the spec's x-token-cost.
const docs = await loadSpecDocuments();
const sim = await startSimulator({ seed: 3, scale: 10 });
const routes = simulatorRoutes(sim).map((route) => ({ name: endpointName(route), route }));

afterAll(async () => {
  await sim.close();
});

const lower = (method: string) => method.toLowerCase() as HttpMethod;

describe('served routes exist in the spec', () => {
  test.each(routes)('$name is a Pipedrive operation', ({ route }) => {
    const operation = findOperation(docs, route.version, lower(route.method), route.template);
    expect(operation, `${route.template} is in neither ${route.version} spec file`).toBeDefined();
    // The route table uses the spec's own template spelling, so the connector's tests read the same paths.
    expect(operation?.pathTemplate).toBe(route.template);
  });

  test.each(routes)('$name charges the x-token-cost of the spec', ({ route }) => {
    const operation = findOperation(docs, route.version, lower(route.method), route.template);
    const specCost = operation?.operation['x-token-cost'];
    expect(specCost, 'the spec states no x-token-cost').toBeTypeOf('number');
    expect(tokenCost(route.version, route.method, route.template)).toBe(specCost);
  });
});

const tableEntries = (version: ApiVersion, table: Record<string, Partial<Record<string, number>>>) =>
  Object.entries(table).flatMap(([template, costs]) =>
    Object.entries(costs).map(([method, cost]) => ({
      name: `${method} /${version}${template}`,
      version,
      template,
      method,
      cost,
    })),
  );

describe("the simulator's token-cost table matches the spec", () => {
  const entries = [...tableEntries('v1', V1_TOKEN_COSTS), ...tableEntries('v2', V2_TOKEN_COSTS)];
  test.each(entries)('$name costs $cost', ({ version, template, method, cost }) => {
    const operation = findOperation(docs, version, lower(method), template);
    expect(operation, `${method} ${template} is not in the ${version} spec`).toBeDefined();
    expect(cost).toBe(operation?.operation['x-token-cost']);
  });
});
