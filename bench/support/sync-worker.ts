import { writeFileSync } from 'node:fs';
import { createConnector } from '../../src/connector/index.js';
import { createDestination } from '../../src/destinations/index.js';
import { createLogger } from '../../src/observability/logger.js';
import type { Source } from '../../src/sync/contracts.js';
import { runSync } from '../../src/sync/index.js';
import { forEachBounded } from '../../src/sync/task-pool.js';
import { bareLoad } from './bare-load.js';
import { dumpTables } from './table-dump.js';
import type { SimRef, WorkerJob, WorkerResult } from './worker-job.js';

/**
 * Child-process entry for one measured job (a sync, a read-only pass, a dump, a bare load), so the peak RSS
 * reported (process.resourceUsage().maxRSS) is that job's own and nothing else shares its event loop.
 * The job arrives as JSON in BENCH_JOB; the result goes back over IPC, then the process exits.
 */

/**
 * BENCH_REQUEST_LOG=FILE writes one line per request (sent ms, answered ms, status, x-ratelimit-remaining,
 * path): what a pacing run did, request by request.
 */
const requestLog: string[] | undefined = process.env.BENCH_REQUEST_LOG ? [] : undefined;
const origin = performance.now();
const loggedFetch: typeof fetch = async (url, init) => {
  const sent = performance.now() - origin;
  const response = await fetch(url, init);
  const remaining = response.headers.get('x-ratelimit-remaining');
  const path = String(url).replace(/^https?:\/\/[^/]+/, '');
  requestLog?.push(
    [sent, performance.now() - origin].map((ms) => ms.toFixed(0)).join('\t') +
      `\t${response.status}\t${remaining}\t${path}`,
  );
  return response;
};

function connectorFor(sim: SimRef, pageSize: number | undefined): Source {
  return createConnector({
    companyDomain: sim.companyDomain,
    schema: 'V2',
    apiUrl: sim.url,
    auth: { scheme: 'Basic', apiToken: sim.token },
    ...(pageSize ? { pageSize } : {}),
    ...(requestLog ? { fetch: loggedFetch } : {}),
  });
}

const seconds = (from: number): number => (performance.now() - from) / 1000;

async function readOnly(job: Extract<WorkerJob, { kind: 'read' }>): Promise<Partial<WorkerResult>> {
  const source = connectorFor(job.sim, job.pageSize);
  const started = performance.now();
  const schemas = await source.discover({ knownCustomFields: [], tables: job.tables });
  const signpost = new Date();
  let rows = 0;
  // The same table concurrency as the engine's default, nothing written.
  await forEachBounded(schemas, job.concurrency ?? 3, async (schema) => {
    for await (const page of source.read(schema, null, { mode: 'full', signpost })) rows += page.rows.length;
  });
  const usage = source.usage();
  return { seconds: seconds(started), rows, tokens: usage.tokensSpent, requests: usage.requests };
}

async function sync(job: Extract<WorkerJob, { kind: 'sync' }>): Promise<Partial<WorkerResult>> {
  const source = connectorFor(job.sim, job.pageSize);
  const destination = await createDestination(job.destination);
  const started = performance.now();
  try {
    const report = await runSync({
      source,
      destination,
      tables: job.tables,
      mode: job.mode,
      ...(job.concurrency ? { concurrency: job.concurrency } : {}),
      logger: createLogger({ level: 'warn' }),
    });
    if (report.result !== 'succeeded') throw new Error(`the sync ${report.result}: ${report.message}`);
    const usage = source.usage();
    return {
      seconds: seconds(started),
      rows: report.rowsWritten,
      tokens: usage.tokensSpent,
      requests: usage.requests,
      rateLimited: usage.rateLimited,
      tokensByTable: Object.fromEntries(report.tables.map((t) => [t.name, t.tokens])),
      rowsByTable: Object.fromEntries(report.tables.map((t) => [t.name, t.rowsRead])),
    };
  } finally {
    await destination.close();
  }
}

async function perform(job: WorkerJob): Promise<Partial<WorkerResult>> {
  switch (job.kind) {
    case 'read':
      return readOnly(job);
    case 'sync':
      return sync(job);
    case 'dump':
      return dumpTables(connectorFor(job.sim, undefined), job.tables, job.dir);
    case 'bare':
      return bareLoad(job);
    case 'idle':
      return {};
  }
}

const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as WorkerJob;
const cpu = process.cpuUsage();
perform(job).then(
  (result) => {
    if (requestLog) writeFileSync(process.env.BENCH_REQUEST_LOG!, `${requestLog.join('\n')}\n`);
    const used = process.cpuUsage(cpu);
    const full: WorkerResult = {
      seconds: 0,
      rows: 0,
      ...result,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
    process.send?.({ result: full }, () => process.exit(0));
  },
  (error: Error) => process.send?.({ failed: error.stack ?? error.message }, () => process.exit(1)),
);
