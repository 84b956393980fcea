import type { World } from '../world/world.js';

/** What route handlers can reach: the world and the company identity. */
export interface RouteContext {
  world: World;
  seed: number;
  companyId: number;
  companyDomain: string;
  /** Base URL of the running simulator (OAuth api_domain, file URLs). */
  url(): string;
  /** Simulator clock in epoch ms, floored to whole seconds like Pipedrive timestamps. */
  now(): number;
  /** User id the current request authenticates as. */
  userId: number;
}
