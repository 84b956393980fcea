/**
 * How the peers page Pipedrive, replayed against the simulator so their token cost is measured, not assumed:
 * Airbyte's source-pipedrive reads /v1/recents (limit 50, offset paging) from a since_timestamp; the Singer tap
 * reads list endpoints at limit 100 (v2 cursors where v2 exists). Records are counted; tokens come from the
 * simulator's stats around each walk.
 */

export interface Walked {
  pages: number;
  records: number;
}

interface V1Envelope {
  data?: unknown[] | null;
  additional_data?: { pagination?: { more_items_in_collection?: boolean; next_start?: number } };
}
interface V2Envelope {
  data?: unknown[] | null;
  additional_data?: { next_cursor?: string | null };
}

async function getJson<T>(url: URL, token: string): Promise<T> {
  const response = await fetch(url, { headers: { 'x-api-token': token } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** v1 offset paging (`start`/`limit`, `more_items_in_collection`). */
export async function walkV1(
  base: string,
  path: string,
  query: Record<string, string>,
  token: string,
): Promise<Walked> {
  const walked: Walked = { pages: 0, records: 0 };
  let start = 0;
  for (;;) {
    const url = new URL(`${base}/api/v1${path}`);
    for (const [k, v] of Object.entries({ ...query, start: String(start) })) url.searchParams.set(k, v);
    const page = await getJson<V1Envelope>(url, token);
    walked.pages += 1;
    walked.records += page.data?.length ?? 0;
    const pagination = page.additional_data?.pagination;
    if (!pagination?.more_items_in_collection || pagination.next_start === undefined) return walked;
    start = pagination.next_start;
  }
}

/** v2 cursor paging. */
export async function walkV2(
  base: string,
  path: string,
  query: Record<string, string>,
  token: string,
): Promise<Walked> {
  const walked: Walked = { pages: 0, records: 0 };
  let cursor: string | null | undefined;
  do {
    const url = new URL(`${base}/api/v2${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = await getJson<V2Envelope>(url, token);
    walked.pages += 1;
    walked.records += page.data?.length ?? 0;
    cursor = page.additional_data?.next_cursor;
  } while (cursor);
  return walked;
}

/**
 * The connection check a sync run starts with (GET /v1/users/me): it tells whose token this is, and a run that
 * skipped it would copy another company's data when handed that company's token.
 */
export async function checkCompany(base: string, token: string): Promise<Walked> {
  await getJson<unknown>(new URL(`${base}/api/v1/users/me`), token);
  return { pages: 1, records: 0 };
}

/** `2024-01-31T10:00:00.000Z` -> `2024-01-31 10:00:00`, the v1 time format recents takes. */
export const v1Time = (iso: string): string => iso.slice(0, 19).replace('T', ' ');
