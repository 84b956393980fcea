/**
 * The operator's own metric families, prefixed `pipedrive_sync_`. Run counters
 * are incremented once per finished Job, when the SyncJob controller first
 * records that Job's report into status; gauges follow the latest status.
 * Series of a deleted SyncJob or connection are removed (`forget*`), otherwise
 * they would be exported forever.
 */
import client from 'prom-client';

const RESULTS = ['Succeeded', 'Failed'] as const;
const RUN_STATUSES = ['run_succeeded', 'run_failed'] as const;
const CHECK_STATUSES = ['check_succeeded', 'check_failed'] as const;

export interface RunObservation {
  namespace: string;
  syncJob: string;
  result: 'Succeeded' | 'Failed';
  /** Rows written per table by the run. */
  rowsByTable: Record<string, number>;
  apiRequests: number;
  apiTokensSpent: number;
  /** Seconds since the epoch of the run's completion, when it succeeded. */
  successTimestamp?: number;
  /** Job start to completion, when both are known. */
  durationSeconds?: number;
}

export class SyncMetrics {
  private readonly runs;
  private readonly rows;
  private readonly requests;
  private readonly tokensSpent;
  private readonly tokensRemaining;
  private readonly tokensLimit;
  private readonly runDuration;
  private readonly lastSuccess;
  private readonly connectionReady;
  /** Tables with a rows series per SyncJob, so its series can be removed when it is deleted. */
  private readonly tablesSeen = new Map<string, Set<string>>();

  constructor(registry: client.Registry) {
    const registers = [registry];
    this.runs = new client.Counter({
      name: 'pipedrive_sync_runs_total',
      help: 'Finished sync runs (Jobs) by result',
      labelNames: ['namespace', 'syncjob', 'result'],
      registers,
    });
    this.rows = new client.Counter({
      name: 'pipedrive_sync_rows_synced_total',
      help: 'Rows written to the destination by finished runs, by table',
      labelNames: ['namespace', 'syncjob', 'table'],
      registers,
    });
    this.requests = new client.Counter({
      name: 'pipedrive_sync_api_requests_total',
      help: 'Pipedrive API requests made by finished runs and connection checks, by outcome',
      labelNames: ['namespace', 'name', 'status'],
      registers,
    });
    this.tokensSpent = new client.Counter({
      name: 'pipedrive_sync_api_tokens_spent_total',
      help: 'Pipedrive API tokens spent by finished runs',
      labelNames: ['namespace', 'syncjob'],
      registers,
    });
    this.tokensRemaining = new client.Gauge({
      name: 'pipedrive_sync_api_tokens_remaining',
      help: 'Daily API token budget left, as last seen by a connection check',
      labelNames: ['namespace', 'connection'],
      registers,
    });
    this.tokensLimit = new client.Gauge({
      name: 'pipedrive_sync_api_tokens_daily_limit',
      help: "The company's daily API token budget, as last seen by a connection check",
      labelNames: ['namespace', 'connection'],
      registers,
    });
    this.runDuration = new client.Histogram({
      name: 'pipedrive_sync_run_duration_seconds',
      help: 'Duration of finished sync runs (Job start to completion)',
      labelNames: ['namespace', 'syncjob'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400],
      registers,
    });
    this.lastSuccess = new client.Gauge({
      name: 'pipedrive_sync_last_success_timestamp_seconds',
      help: 'When the last successful run of a SyncJob finished (seconds since the epoch)',
      labelNames: ['namespace', 'syncjob'],
      registers,
    });
    this.connectionReady = new client.Gauge({
      name: 'pipedrive_sync_connection_ready',
      help: 'Whether a PipedriveConnection is Ready (1) or not (0)',
      labelNames: ['namespace', 'connection'],
      registers,
    });
  }

  observeRun(run: RunObservation): void {
    const { namespace, syncJob: syncjob } = run;
    this.runs.inc({ namespace, syncjob, result: run.result });
    const tables = this.tablesSeen.get(`${namespace}/${syncjob}`) ?? new Set<string>();
    this.tablesSeen.set(`${namespace}/${syncjob}`, tables);
    for (const [table, rows] of Object.entries(run.rowsByTable)) {
      tables.add(table);
      this.rows.inc({ namespace, syncjob, table }, rows);
    }
    this.requests.inc(
      { namespace, name: syncjob, status: run.result === 'Succeeded' ? 'run_succeeded' : 'run_failed' },
      run.apiRequests,
    );
    this.tokensSpent.inc({ namespace, syncjob }, run.apiTokensSpent);
    if (run.successTimestamp !== undefined)
      this.lastSuccess.set({ namespace, syncjob }, run.successTimestamp);
  }

  /** Restores the last-success gauge from status after an operator restart. */
  setLastSuccess(namespace: string, syncjob: string, seconds: number): void {
    this.lastSuccess.set({ namespace, syncjob }, seconds);
  }

  observeCheck(
    namespace: string,
    connection: string,
    ready: boolean,
    requests: number,
    tokensRemaining?: number,
    tokensLimit?: number,
  ): void {
    this.connectionReady.set({ namespace, connection }, ready ? 1 : 0);
    if (requests > 0)
      this.requests.inc(
        { namespace, name: connection, status: ready ? 'check_succeeded' : 'check_failed' },
        requests,
      );
    if (tokensRemaining !== undefined) this.tokensRemaining.set({ namespace, connection }, tokensRemaining);
    if (tokensLimit !== undefined) this.tokensLimit.set({ namespace, connection }, tokensLimit);
  }

  setConnectionReady(namespace: string, connection: string, ready: boolean): void {
    this.connectionReady.set({ namespace, connection }, ready ? 1 : 0);
  }

  forgetSyncJob(namespace: string, syncjob: string): void {
    for (const result of RESULTS) this.runs.remove({ namespace, syncjob, result });
    const key = `${namespace}/${syncjob}`;
    for (const table of this.tablesSeen.get(key) ?? []) this.rows.remove({ namespace, syncjob, table });
    this.tablesSeen.delete(key);
    for (const status of RUN_STATUSES) this.requests.remove({ namespace, name: syncjob, status });
    this.tokensSpent.remove({ namespace, syncjob });
    this.lastSuccess.remove({ namespace, syncjob });
    this.runDuration.remove({ namespace, syncjob });
  }

  forgetConnection(namespace: string, connection: string): void {
    this.tokensRemaining.remove({ namespace, connection });
    this.tokensLimit.remove({ namespace, connection });
    this.connectionReady.remove({ namespace, connection });
    for (const status of CHECK_STATUSES) this.requests.remove({ namespace, name: connection, status });
  }
}
