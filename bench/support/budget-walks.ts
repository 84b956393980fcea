import type { SimProcess } from './sim-process.js';
import { checkCompany, v1Time, walkV1, walkV2 } from './peer-walks.js';
import type { Walked } from './peer-walks.js';

/**
 * The reference walks of the api-budget benchmark, each measured in tokens from the simulator's stats:
 * the floor (every endpoint the table needs, at its largest page, after the run's connection check), Airbyte (/v1/recents, limit 50) and Singer
 * (limit 100; v2 where v2 exists). `since` undefined = a full read, otherwise changes after that instant.
 */

export interface Spent extends Walked {
  tokens: number;
}

export type WalkKind = 'floor' | 'airbyte' | 'singer';

const DEALS_QUERY = { status: 'open,won,lost,deleted' };
/** Airbyte's default start date reaches far back; recents itself only serves the last 30 days. */
const EPOCH = '2000-01-01T00:00:00.000Z';

async function measured(sim: SimProcess, walk: () => Promise<Walked[]>): Promise<Spent> {
  const before = (await sim.stats()).tokensCharged;
  const walks = await walk();
  const tokens = (await sim.stats()).tokensCharged - before;
  return {
    tokens,
    pages: walks.reduce((n, w) => n + w.pages, 0),
    records: walks.reduce((n, w) => n + w.records, 0),
  };
}

/** The per-run connection check alone (GET /v1/users/me), for the floors that are arithmetic. */
export function walkCheck(sim: SimProcess): Promise<Spent> {
  return measured(sim, async () => [await checkCompany(sim.url, sim.token)]);
}

export function walkDeals(sim: SimProcess, kind: WalkKind, since: string | undefined): Promise<Spent> {
  const { url, token } = sim;
  const updated: Record<string, string> = since ? { updated_since: since.replace(/\.\d+Z$/, 'Z') } : {};
  return measured(sim, async () => {
    if (kind === 'airbyte') {
      return [
        await walkV1(
          url,
          '/recents',
          { items: 'deal', limit: '50', since_timestamp: v1Time(since ?? EPOCH) },
          token,
        ),
      ];
    }
    const limit = kind === 'floor' ? '500' : '100';
    const query = { ...DEALS_QUERY, ...updated, limit };
    // Singer's tap reads /deals only; the floor also needs the connection check, the archived deals, which
    // live on their own endpoint, and the deal fields (a run must see new custom fields before it reads their
    // values).
    const check = kind === 'floor' ? await checkCompany(url, token) : undefined;
    const open = await walkV2(url, '/deals', query, token);
    if (!check) return [open];
    const fields = await walkV2(url, '/dealFields', { limit: '500' }, token);
    return [
      check,
      open,
      await walkV2(url, '/deals/archived', query, token),
      { pages: fields.pages, records: 0 },
    ];
  });
}

export function walkNotes(sim: SimProcess, kind: WalkKind, since: string | undefined): Promise<Spent> {
  const { url, token } = sim;
  return measured(sim, async () => {
    if (kind === 'airbyte') {
      return [
        await walkV1(
          url,
          '/recents',
          { items: 'note', limit: '50', since_timestamp: v1Time(since ?? EPOCH) },
          token,
        ),
      ];
    }
    // Notes exist in v1 only. The Singer tap filters on update time client-side, so it re-reads them all.
    const updated: Record<string, string> =
      kind === 'floor' && since ? { updated_since: since.replace(/\.\d+Z$/, 'Z') } : {};
    const limit = kind === 'floor' ? '500' : '100';
    const check = kind === 'floor' ? [await checkCompany(url, token)] : [];
    return [...check, await walkV1(url, '/notes', { sort: 'update_time ASC', limit, ...updated }, token)];
  });
}
