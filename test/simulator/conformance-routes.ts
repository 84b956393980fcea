import type { RunningSimulator } from '../../src/simulator/index.js';
import { buildRouter } from '../../src/simulator/routes/routes.js';
import type { SimRoute } from './conformance-endpoint.js';

/**
 * The simulator's own route table, so the conformance suite covers whatever it serves without a hand-kept list.
 * Building a second router over the running simulator's world only enumerates; no handler runs.
 */
export function simulatorRoutes(sim: RunningSimulator): SimRoute[] {
  const router = buildRouter({
    world: sim.world,
    seed: 1,
    companyId: sim.companyId,
    companyDomain: sim.companyDomain,
    url: () => sim.url,
    now: () => sim.clock.now().getTime(),
    userId: 1,
  });
  return router
    .list()
    .map(({ method, version, template }) => ({ method, version, template }))
    .sort((a, b) =>
      `${a.version}${a.template}${a.method}`.localeCompare(`${b.version}${b.template}${b.method}`),
    );
}

export const endpointName = (route: SimRoute): string =>
  `${route.method} /api/${route.version}${route.template}`;
