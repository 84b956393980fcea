import { Router } from '../http/router.js';
import type { RouteContext } from './route-context.js';
import { v1UserRoutes } from './v1/users.js';
import { v2ContactRoutes } from './v2/contacts.js';
import { v2DealRoutes } from './v2/deals.js';

/** Every v1 and v2 route the simulator serves. */
export function buildRouter(ctx: RouteContext): Router {
  const router = new Router();
  const groups = [v2DealRoutes, v2ContactRoutes, v1UserRoutes];
  for (const group of groups) for (const route of group(ctx)) router.add(route);
  return router;
}
