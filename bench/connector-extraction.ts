/**
 * Connector extraction figures not covered by bench/benches/extraction.ts: API tokens spent per 1,000
 * records for a full and an incremental read of v2 deals, next to records/s of the connector and of a
 * bare fetch loop over the same endpoints. Usage: `npx tsx bench/connector-extraction.ts [deals]`.
 */
import { createConnector } from '../src/connector/index.js';
import { startSimulator } from '../src/simulator/index.js';
import { walkPages } from './measure/page-walk.js';

const deals = Number(process.argv[2] ?? 200_000);
const sim = await startSimulator({ seed: 1, scale: { deals } });
try {
  const source = createConnector({
    companyDomain: sim.companyDomain,
    schema: 'V2',
    apiUrl: sim.url,
    auth: { scheme: 'Basic', apiToken: sim.token },
  });
  const [table] = await source.discover({ knownCustomFields: [], tables: ['deals'] });
  if (!table) throw new Error('no deals table');
  const afterDiscover = source.usage().tokensSpent;

  let started = performance.now();
  let records = 0;
  let bookmark: string | null = null;
  for await (const page of source.read(table, null, { mode: 'full', signpost: sim.clock.now() })) {
    records += page.rows.length;
    bookmark = page.bookmark ?? bookmark;
  }
  const connectorSeconds = (performance.now() - started) / 1000;
  const fullTokens = source.usage().tokensSpent - afterDiscover;

  started = performance.now();
  let bare = 0;
  for (const path of ['/api/v2/deals', '/api/v2/deals/archived']) {
    const walk = await walkPages({
      url: `${sim.url}${path}?limit=500&status=open,won,lost,deleted`,
      headers: { 'x-api-token': sim.token },
    });
    bare += walk.records;
  }
  const bareSeconds = (performance.now() - started) / 1000;

  // Change 1,000 deals, then read incrementally from the bookmark.
  sim.clock.advance(60_000);
  const ids = [...sim.world.records('deals')].slice(0, 1000).map((d) => d.id);
  for (const id of ids) sim.world.update('deals', id, { title: `changed ${id}` });
  sim.clock.advance(60_000);
  const beforeIncremental = source.usage().tokensSpent;
  let changed = 0;
  for await (const page of source.read(table, bookmark, { mode: 'incremental', signpost: sim.clock.now() })) {
    changed += page.rows.length;
  }
  const incrementalTokens = source.usage().tokensSpent - beforeIncremental;

  const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
  line('deals read (full)', `${records} (bare loop ${bare})`);
  line('connector records/s', (records / connectorSeconds).toFixed(0));
  line('bare fetch loop records/s', (bare / bareSeconds).toFixed(0));
  line('ratio connector / bare', (records / connectorSeconds / (bare / bareSeconds)).toFixed(2));
  line('tokens per 1,000 records, full', ((fullTokens / records) * 1000).toFixed(1));
  line('changed deals read (incremental)', String(changed));
  line(
    'tokens per 1,000 records, incremental',
    ((incrementalTokens / Math.max(1, changed)) * 1000).toFixed(1),
  );
  line('requests, 429s', `${source.usage().requests}, ${source.usage().rateLimited}`);
} finally {
  await sim.close();
}
