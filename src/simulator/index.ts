import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulatorClock, floorSecond } from './clock.js';
import type { SimulatorClock } from './clock.js';
import { FaultInjector } from './http/faults.js';
import { OAuthServer } from './http/oauth.js';
import { RateLimiter } from './http/rate-limit.js';
import { createRequestListener } from './http/server.js';
import { emptyStats } from './http/stats.js';
import type { SimulatorStats } from './http/stats.js';
import type { FaultConfig, SimulatorOptions } from './options.js';
import { buildRouter } from './routes/routes.js';
import type { RouteContext } from './routes/route-context.js';
import { hexKey, mix, STREAM } from './seeded-random.js';
import { World } from './world/world.js';

export type { SimulatorOptions, FaultConfig, FaultKind, OAuthOptions, RateLimitOptions } from './options.js';
export type { SimulatorClock } from './clock.js';
export { createSimulatorClock, startDateForSeed } from './clock.js';
export type { SimulatorStats } from './http/stats.js';
export { World } from './world/world.js';
export { parseFaults } from './http/faults.js';
export { parseScale } from './world/scale.js';

export interface RunningSimulator {
  url: string;
  token: string;
  companyDomain: string;
  companyId: number;
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  /** Mutation API and read-only view of the simulated company. */
  world: World;
  clock: SimulatorClock;
  stats(): SimulatorStats;
  /** Approximate heap bytes in use, for memory reports. */
  memoryUsage(): { heapUsedBytes: number; rssBytes: number; mutations: number };
  setFaults(faults: FaultConfig | undefined): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** The host part of the printed URL: a wildcard address is reached through loopback from this machine. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  // Whole seconds, like every generated timestamp; the data depends on the start, never on when it is read.
  const start = floorSecond(options.startAt ?? options.clock?.now() ?? new Date());
  const clock = options.clock ?? createSimulatorClock(start);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000) * 1000;
  const world = new World(seed, options.scale, start.getTime(), nowSeconds);
  const token = options.token ?? hexKey(seed, STREAM.tokens ?? 0, 0);
  const companyDomain = options.companyDomain ?? 'demo-company';
  const companyId = 1000 + (mix(seed, STREAM.tokens ?? 0, 99) % 9000);
  let url = '';
  const oauth = options.oauth
    ? new OAuthServer(
        options.oauth,
        seed,
        () => clock.now().getTime(),
        () => url,
        token,
      )
    : undefined;
  const ctx: RouteContext = {
    world,
    seed,
    companyId,
    companyDomain,
    url: () => url,
    now: nowSeconds,
    userId: 1,
  };
  const stats = emptyStats();
  const faults = new FaultInjector(options.faults, seed);
  let latency = options.latencyMs ?? 0;
  const server = createServer(
    { keepAlive: true },
    createRequestListener({
      router: buildRouter(ctx),
      oauth,
      rateLimiter: new RateLimiter(options.rateLimit, () => clock.now().getTime()),
      faults,
      stats,
      apiToken: token,
      latencyMs: () => latency,
      beforeRequest: () => world.sweep(),
      now: () => clock.now(),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    companyDomain,
    companyId,
    oauth: oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          refreshToken: oauth.issueRefreshToken(),
        }
      : undefined,
    world,
    clock,
    stats: () => structuredClone(stats),
    memoryUsage: () => ({
      heapUsedBytes: process.memoryUsage().heapUsed,
      rssBytes: process.memoryUsage().rss,
      mutations: world.mutationCount(),
    }),
    setFaults: (f) => faults.set(f),
    setLatency: (ms) => {
      latency = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
