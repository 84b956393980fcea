/**
 * The client loop every throughput benchmark shares: GET a page, parse it, follow `additional_data.next_cursor`.
 * The same loop runs against the simulator and against the baselines so only the server side differs.
 */

export interface PageWalkOptions {
  /** First page URL, query included (e.g. .../api/v2/deals?limit=500). */
  url: string;
  headers?: Record<string, string>;
  /** Stop after this many pages even if the server offers more (the static baseline always does). */
  maxPages?: number;
  fetch?: typeof fetch;
}

export interface PageWalk {
  pages: number;
  records: number;
  bytes: number;
  seconds: number;
  /** CPU time this process spent (user + system) during the walk: on a shared, overloaded machine it shows
   * the cost of the work independent of how long the process waited for a core. */
  cpuSeconds: number;
}

interface Envelope {
  data?: unknown[] | null;
  additional_data?: { next_cursor?: string | null } | null;
}

export async function walkPages(options: PageWalkOptions): Promise<PageWalk> {
  const doFetch = options.fetch ?? fetch;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const walk: PageWalk = { pages: 0, records: 0, bytes: 0, seconds: 0, cpuSeconds: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  let cursor: string | null | undefined;
  while (walk.pages < maxPages) {
    const url = new URL(options.url);
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await doFetch(url, { headers: options.headers });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`GET ${url.pathname} answered ${response.status}: ${text.slice(0, 200)}`);
    const page = JSON.parse(text) as Envelope;
    walk.pages += 1;
    walk.bytes += text.length;
    walk.records += page.data?.length ?? 0;
    cursor = page.additional_data?.next_cursor;
    if (!cursor) break;
  }
  walk.seconds = (performance.now() - started) / 1000;
  walk.cpuSeconds = cpuSecondsSince(cpu);
  return walk;
}

export const recordsPerSecond = (walk: PageWalk): number => walk.records / walk.seconds;

export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export const recordsPerCpuSecond = (walk: PageWalk): number => walk.records / walk.cpuSeconds;
