import { Router } from '../http/router.js';
import { fieldRoutes } from './fields.js';
import type { RouteContext } from './route-context.js';
import { v1CatalogRoutes } from './v1/catalog.js';
import { v1ContactRoutes } from './v1/contacts.js';
import { v1DealRoutes } from './v1/deals.js';
import { v1ProjectRoutes } from './v1/projects.js';
import { v1ContentRoutes } from './v1/content.js';
import { v1RecentsRoutes } from './v1/recents.js';
import { v1RelationRoutes } from './v1/relations.js';
import { v1SettingsRoutes } from './v1/settings.js';
import { v1UserRoutes } from './v1/users.js';
import { v2ProjectRoutes } from './v2/projects.js';
import { v2RelationRoutes } from './v2/relations.js';
import { v2CatalogRoutes } from './v2/catalog.js';
import { v2ContactRoutes } from './v2/contacts.js';
import { v2DealRoutes } from './v2/deals.js';

/** Every v1 and v2 route the simulator serves. */
export function buildRouter(ctx: RouteContext): Router {
  const router = new Router();
  const groups = [
    v2DealRoutes,
    v2ContactRoutes,
    v2CatalogRoutes,
    fieldRoutes,
    v1UserRoutes,
    v1DealRoutes,
    v1ContactRoutes,
    v1CatalogRoutes,
    v2RelationRoutes,
    v2ProjectRoutes,
    v1ContentRoutes,
    v1SettingsRoutes,
    v1RelationRoutes,
    v1RecentsRoutes,
    v1ProjectRoutes,
  ];
  for (const group of groups) for (const route of group(ctx)) router.add(route);
  return router;
}
