import { Configuration, DealsApi } from 'pipedrive/v2';
import type { DealsApiGetDealsRequest } from 'pipedrive/v2';
import { cpuSecondsSince } from './page-walk.js';
import type { PageWalk } from './page-walk.js';

/**
 * What a developer would write with the official SDK: call getDeals / getArchivedDeals with the same query the
 * connector sends and loop on `additional_data.next_cursor` (the SDK has no pagination helper).
 */

export async function walkWithSdk(
  baseUrl: string,
  token: string,
  pageUrls: readonly string[],
): Promise<PageWalk> {
  const api = new DealsApi(new Configuration({ apiKey: token, basePath: `${baseUrl}/api/v2` }));
  const walk: PageWalk = { pages: 0, records: 0, bytes: 0, seconds: 0, cpuSeconds: 0 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const pageUrl of pageUrls) {
    const url = new URL(pageUrl);
    const query = Object.fromEntries(url.searchParams) as Record<string, string>;
    // The query comes from the connector's own requests; the SDK types are narrower than what the API accepts
    // (status takes a comma list), so the values are passed through as sent.
    const params = { ...query, limit: Number(query.limit ?? 500) } as unknown as DealsApiGetDealsRequest;
    const archived = url.pathname.endsWith('/deals/archived');
    if (!archived && !url.pathname.endsWith('/deals'))
      throw new Error(`The SDK walk covers deals only, not ${url.pathname}`);
    let cursor: string | undefined;
    do {
      const request = { ...params, ...(cursor ? { cursor } : {}) };
      const page = archived ? await api.getArchivedDeals(request) : await api.getDeals(request);
      walk.pages += 1;
      walk.records += page.data?.length ?? 0;
      cursor = page.additional_data?.next_cursor ?? undefined;
    } while (cursor);
  }
  walk.seconds = (performance.now() - started) / 1000;
  walk.cpuSeconds = cpuSecondsSince(cpu);
  return walk;
}
