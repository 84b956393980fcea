/**
 * The main path end to end: Secret + PipedriveConnection + SyncJob on the local
 * control plane -> connection Ready with account details -> a Job with the
 * expected spec -> its pod runs (local pod runner) -> rows in PostgreSQL ->
 * SyncJob status with the run, rows per table and the next schedule; then the
 * /metrics scrape; then deleting the SyncJob removes its Jobs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import {
  applySecret,
  condition,
  createObject,
  deleteObject,
  getObject,
  listJobs,
  waitFor,
  createOperatorEnv,
  type OperatorEnv,
} from './support/operator-env.js';

const TABLES = ['deals', 'persons', 'pipelines', 'stages', 'users'];
let env: OperatorEnv;

beforeAll(async () => {
  env = await createOperatorEnv('op-flow');
  await applySecret(env, 'pipedrive', { token: env.simulator.token });
  await applySecret(env, 'warehouse', { url: env.pgUrl });
  await createObject(env, 'PipedriveConnection', 'acme', {
    companyDomain: 'acme',
    apiUrl: env.simulator.url,
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
  });
  await createObject(
    env,
    'SyncJob',
    'acme-crm',
    {
      connectionRef: { name: 'acme' },
      tables: TABLES,
      destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
      schedule: '0 3 * * *',
    },
    { [REQUESTED_AT_ANNOTATION]: 'first' },
  );
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('a SyncJob against the simulator and PostgreSQL', () => {
  test('the connection becomes Ready with the account details', async () => {
    const connection = await waitFor('connection Ready', async () => {
      const c = await getObject(env, 'PipedriveConnection', 'acme');
      return condition(c, 'Ready')?.status === 'True' ? c : undefined;
    });
    expect(condition(connection, 'Ready')?.reason).toBe('Validated');
    expect(connection.status?.account).toMatchObject({
      companyDomain: 'acme',
      companyId: env.simulator.companyId,
    });
    expect(connection.status?.lastValidatedTime).toBeTruthy();
    expect(connection.status?.observedGeneration).toBe(connection.metadata.generation);
  });

  test('a Job is created with the expected spec', async () => {
    const [job] = await waitFor('a Job', async () => {
      const jobs = await listJobs(env, 'acme-crm');
      return jobs.length > 0 ? jobs : undefined;
    });
    const syncJob = await getObject(env, 'SyncJob', 'acme-crm');
    expect(job!.metadata?.name).toMatch(/^acme-crm-m-[0-9a-f]{8}$/);
    expect(job!.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'SyncJob',
        name: 'acme-crm',
        uid: syncJob.metadata.uid,
        controller: true,
      }),
    ]);
    expect(job!.metadata?.labels?.['app.kubernetes.io/part-of']).toBe('pipedrive-sync-operator');
    const pod = job!.spec!.template.spec!;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.restartPolicy).toBe('Never');
    const container = pod.containers[0]!;
    expect(container.image).toBe('pipedrive-sync-operator:test');
    expect(container.args).toEqual(expect.arrayContaining(['sync', '--api-url', env.simulator.url]));
    // Credentials only by reference, never as literal values.
    const tokenEnv = container.env?.find((e) => e.name === 'PIPEDRIVE_API_TOKEN');
    expect(tokenEnv?.value).toBeUndefined();
    expect(tokenEnv?.valueFrom?.secretKeyRef).toEqual({ name: 'pipedrive', key: 'token' });
    expect(JSON.stringify(job)).not.toContain(env.simulator.token);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  test('the pod runs, rows land in PostgreSQL and the status shows the run', async () => {
    const syncJob = await waitFor(
      'a finished run in status',
      async () => {
        const s = await getObject(env, 'SyncJob', 'acme-crm');
        const lastRun = s.status?.lastRun as { result?: string } | undefined;
        return lastRun && lastRun.result !== 'Running' ? s : undefined;
      },
      120_000,
    );
    const status = syncJob.status as {
      lastRun: { result: string; rowsSynced?: number; jobName: string };
      tables?: { name: string; lastRunRows?: number; bookmark?: string }[];
      nextScheduleTime?: string;
      lastSuccessfulTime?: string;
      lastHandledRequestedAt?: string;
    };
    expect(status.lastRun.result, JSON.stringify(status.lastRun)).toBe('Succeeded');
    expect(status.lastHandledRequestedAt).toBe('first');
    expect(status.lastSuccessfulTime).toBeTruthy();
    const next = new Date(status.nextScheduleTime!);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCHours()).toBe(3);

    const liveDeals = [...env.simulator.world.records('deals')].filter((d) => !d.is_deleted).map((d) => d.id);
    const { rows } = await env.db.query<{ id: string }>(`SELECT id FROM ${env.pgSchema}.deals`);
    const stored = new Set(rows.map((r) => Number(r.id)));
    expect(liveDeals.length).toBeGreaterThan(0);
    for (const id of liveDeals) expect(stored.has(id)).toBe(true);

    const deals = status.tables?.find((t) => t.name === 'deals');
    expect(deals?.lastRunRows).toBe(rows.length);
    expect(status.tables?.map((t) => t.name).sort()).toEqual([...TABLES].sort());
    expect(status.lastRun.rowsSynced).toBeGreaterThanOrEqual(rows.length);
  });

  test('Kubernetes Events record the transitions, reported by the controllers', async () => {
    const events = await waitFor('events', async () => {
      const list = await env.events.listNamespacedEvent({ namespace: env.namespace });
      const reasons = list.items.map((e) => e.reason);
      return reasons.includes('Validated') && reasons.includes('JobCreated') ? list.items : undefined;
    });
    const created = events.find((e) => e.reason === 'JobCreated')!;
    expect(created.regarding?.kind).toBe('SyncJob');
    expect(created.reportingController).toBe('pipedrive.sync.dev/syncjob-controller');
    expect(events.find((e) => e.reason === 'Validated')?.regarding?.name).toBe('acme');
  });

  test('/metrics has the controller-runtime and sync families with the run counted', async () => {
    const text = await (await fetch(`http://127.0.0.1:${env.operator!.port}/metrics`)).text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    const ns = env.namespace;
    expect(value(`pipedrive_sync_runs_total{namespace="${ns}",syncjob="acme-crm",result="Succeeded"}`)).toBe(
      1,
    );
    expect(value(`pipedrive_sync_connection_ready{namespace="${ns}",connection="acme"}`)).toBe(1);
    const { rows } = await env.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${env.pgSchema}.deals`);
    expect(
      value(`pipedrive_sync_rows_synced_total{namespace="${ns}",syncjob="acme-crm",table="deals"}`),
    ).toBe(Number(rows[0]!.n));
    expect(
      value(`pipedrive_sync_last_success_timestamp_seconds{namespace="${ns}",syncjob="acme-crm"}`),
    ).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(
      value(`pipedrive_sync_api_tokens_spent_total{namespace="${ns}",syncjob="acme-crm"}`),
    ).toBeGreaterThan(0);
    expect(
      value('controller_runtime_reconcile_total{controller="syncjob",result="requeue_after"}'),
    ).toBeGreaterThan(0);
    expect(value('controller_runtime_reconcile_errors_total{controller="syncjob"}')).toBeGreaterThanOrEqual(
      0,
    );
    expect(value('controller_runtime_max_concurrent_reconciles{controller="syncjob"}')).toBe(16);
    expect(
      value('controller_runtime_active_workers{controller="pipedriveconnection"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(value('workqueue_adds_total{name="syncjob",controller="syncjob"}')).toBeGreaterThan(0);
    expect(value('workqueue_depth{name="syncjob",controller="syncjob",priority=""}')).toBeGreaterThanOrEqual(
      0,
    );
    expect(value(`leader_election_master_status{name="${env.leaseName}"}`)).toBe(1);
    for (const family of [
      'controller_runtime_reconcile_time_seconds',
      'workqueue_queue_duration_seconds',
      'workqueue_work_duration_seconds',
      'workqueue_retries_total',
      'workqueue_unfinished_work_seconds',
      'workqueue_longest_running_processor_seconds',
      'pipedrive_sync_api_requests_total',
      'pipedrive_sync_api_tokens_remaining',
      'pipedrive_sync_api_tokens_daily_limit',
    ]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
    const health = await fetch(`http://127.0.0.1:${env.operator!.port}/readyz`);
    expect(health.status).toBe(200);
  });

  test('deleting the SyncJob removes its Jobs and its metric series', async () => {
    expect((await listJobs(env, 'acme-crm')).length).toBeGreaterThan(0);
    await deleteObject(env, 'SyncJob', 'acme-crm');
    await waitFor(
      'Jobs garbage-collected',
      async () => (await listJobs(env, 'acme-crm')).length === 0,
      60_000,
    );
    await waitFor('series removed', async () => {
      const text = await (await fetch(`http://127.0.0.1:${env.operator!.port}/metrics`)).text();
      return !text.includes('syncjob="acme-crm"');
    });
  });
});
