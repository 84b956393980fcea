/**
 * The demo: the whole product on one machine with nothing installed. A
 * simulated company is served in-process, every table is synced into a SQLite
 * file, some changes are made "in Pipedrive", and an incremental sync shows
 * only those changes moving. The engine and connector run on the simulator's
 * clock, as they would on Pipedrive's.
 */
import { rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { createConnector } from '../connector/index.js';
import { createDestination } from '../destinations/index.js';
import { createLogger } from '../observability/logger.js';
import { startSimulator } from '../simulator/index.js';
import type { Source, TableSchema } from '../sync/contracts.js';
import type { ProgressSink } from '../sync/index.js';
import { runSync, silentProgress, ttyProgress } from '../sync/index.js';
import { applyDemoChanges } from './demo-changes.js';
import { fullSummary, heading, incrementalSummary } from './demo-output.js';
import { queryHints } from './demo-queries.js';

export interface DemoOptions {
  dbPath: string;
  seed: number;
  /** Deals in the simulated company; other entities are proportional. */
  scale: number;
  fresh: boolean;
  out: NodeJS.WritableStream;
  /** A live progress display on this terminal stream, if any. */
  terminal?: NodeJS.WriteStream;
  color: boolean;
}

/** Remembers what discovery returned, so the summary can tell incremental from re-read tables. */
function recordingDiscovery(source: Source, seen: Map<string, TableSchema>): Source {
  return {
    check: () => source.check(),
    usage: () => source.usage(),
    read: (table, bookmark, options) => source.read(table, bookmark, options),
    discover: async (options) => {
      const schemas = await source.discover(options);
      for (const s of schemas) seen.set(s.name, s);
      return schemas;
    },
  };
}

export async function runDemo(o: DemoOptions): Promise<number> {
  const say = (text: string): void => void o.out.write(`${text}\n`);
  const begun = Date.now();
  if (o.fresh)
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${o.dbPath}${suffix}`, { force: true });

  const sim = await startSimulator({ seed: o.seed, scale: o.scale });
  // The demo prints its own summaries; only errors beyond the run reports would add anything.
  const logger = createLogger({ level: 'error', format: 'text' });
  const schemas = new Map<string, TableSchema>();
  const source = recordingDiscovery(
    createConnector({
      companyDomain: sim.companyDomain,
      schema: 'V2',
      apiUrl: sim.url,
      auth: { scheme: 'Basic', apiToken: sim.token },
      clock: sim.clock,
      logger,
    }),
    schemas,
  );
  const destination = await createDestination(`sqlite:${o.dbPath}`, { logger });
  const progress = (): ProgressSink =>
    o.terminal ? ttyProgress(o.terminal, { transient: true }) : silentProgress;
  try {
    say(
      `Pipedrive sync demo: a simulated company "${sim.companyDomain}" (seed ${o.seed}, ${o.scale} deals) served at ${sim.url}`,
    );
    say(`Destination: sqlite:${o.dbPath}`);

    say(heading(1, 'First sync: every table, from scratch', o.color));
    const first = await runSync({
      source,
      destination,
      mode: 'incremental',
      clock: sim.clock,
      logger,
      progress: progress(),
    });
    say(fullSummary(first, o.color));

    // A minute later in the simulated company, someone edits a few records.
    sim.clock.advance(60_000);
    say(heading(2, 'Changes made in Pipedrive (through the simulator)', o.color));
    const changes = applyDemoChanges(sim.world);
    for (const line of changes.done) say(`  - ${line}`);
    // Incremental reads stop a second before the server's time (to whole seconds): let the changes age.
    sim.clock.advance(5_000);

    say(heading(3, 'Incremental sync: only the changes move', o.color));
    const second = await runSync({
      source,
      destination,
      mode: 'incremental',
      clock: sim.clock,
      logger,
      progress: progress(),
    });
    const reread = new Set([...schemas.values()].filter((s) => !s.incremental).map((s) => s.name));
    say(incrementalSummary(second, reread, first.tokens, o.color));

    say(heading(4, 'Look inside', o.color));
    say(queryHints(new Database(o.dbPath, { readonly: true }), o.dbPath, changes));
    say(`\nDemo finished in ${((Date.now() - begun) / 1000).toFixed(1)} s.`);
    return Math.max(first.exitCode, second.exitCode);
  } finally {
    await destination.close();
    await sim.close();
  }
}
