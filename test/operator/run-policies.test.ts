/**
 * CronJob semantics end to end, driven by the manual trigger annotation so no
 * test waits for a clock: a request runs exactly once; concurrencyPolicy
 * Forbid skips a run while one is active, Replace deletes the active Job and
 * starts the new one; suspend holds runs back until it is lifted. The
 * simulator's latency keeps a Job running while the policy is exercised.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import { manualJobName } from '../../src/controllers/job-template-names.js';
import {
  applySecret,
  condition,
  createObject,
  createOperatorEnv,
  getObject,
  listJobs,
  patchObject,
  waitFor,
  type OperatorEnv,
} from './support/operator-env.js';

let env: OperatorEnv;
const SLOW_MS = 20_000;

const spec = (extra: Record<string, unknown> = {}) => ({
  connectionRef: { name: 'acme' },
  tables: ['pipelines', 'stages'],
  destination: { type: 'postgres', urlSecretRef: { name: 'warehouse', key: 'url' } },
  // A schedule far away: only manual requests start runs in these tests.
  schedule: '0 3 1 1 *',
  ...extra,
});
const request = (name: string, value: string) =>
  patchObject(env, 'SyncJob', name, { metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: value } } });
const jobNames = async (name: string) =>
  (await listJobs(env, name)).filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata!.name!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  env = await createOperatorEnv('op-policy');
  await applySecret(env, 'pipedrive', { token: env.simulator.token });
  await applySecret(env, 'warehouse', { url: env.pgUrl });
  await createObject(env, 'PipedriveConnection', 'acme', {
    companyDomain: 'acme',
    apiUrl: env.simulator.url,
    auth: { scheme: 'Basic', apiTokenSecretRef: { name: 'pipedrive', key: 'token' } },
  });
  await waitFor('connection Ready', async () => {
    return condition(await getObject(env, 'PipedriveConnection', 'acme'), 'Ready')?.status === 'True';
  });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('run policies', () => {
  test('a manual request runs exactly once, a new value runs again', async () => {
    env.simulator.setLatency(0);
    await createObject(env, 'SyncJob', 'manual', spec(), { [REQUESTED_AT_ANNOTATION]: 'r1' });
    const done = await waitFor(
      'the requested run finished',
      async () => {
        const s = await getObject(env, 'SyncJob', 'manual');
        const run = s.status?.lastRun as { result?: string } | undefined;
        return run && run.result !== 'Running' ? s : undefined;
      },
      90_000,
    );
    expect(done.status?.lastHandledRequestedAt).toBe('r1');
    // Any later reconcile (here: an unrelated label) must not run it again.
    await patchObject(env, 'SyncJob', 'manual', { metadata: { labels: { touched: 'yes' } } });
    await sleep(1500);
    expect(await jobNames('manual')).toEqual([manualJobName('manual', 'r1')]);
    await request('manual', 'r2');
    await waitFor('the second run', async () =>
      (await jobNames('manual')).includes(manualJobName('manual', 'r2')),
    );
    expect((await jobNames('manual')).sort()).toEqual(
      [manualJobName('manual', 'r1'), manualJobName('manual', 'r2')].sort(),
    );
  });

  test('Forbid skips a run while one is active', async () => {
    env.simulator.setLatency(SLOW_MS);
    await createObject(env, 'SyncJob', 'forbid', spec({ concurrencyPolicy: 'Forbid' }), {
      [REQUESTED_AT_ANNOTATION]: 'f1',
    });
    await waitFor('the first Job', async () => (await jobNames('forbid')).length === 1);
    await request('forbid', 'f2');
    await waitFor('the skip event', async () => {
      const list = await env.events.listNamespacedEvent({ namespace: env.namespace });
      return list.items.some((e) => e.reason === 'JobAlreadyActive' && e.regarding?.name === 'forbid');
    });
    expect(await jobNames('forbid')).toEqual([manualJobName('forbid', 'f1')]);
  });

  test('Replace deletes the active Job and starts the new run', async () => {
    env.simulator.setLatency(SLOW_MS);
    await createObject(env, 'SyncJob', 'replace', spec({ concurrencyPolicy: 'Replace' }), {
      [REQUESTED_AT_ANNOTATION]: 'p1',
    });
    await waitFor('the first Job', async () => (await jobNames('replace')).length === 1);
    await request('replace', 'p2');
    await waitFor(
      'only the new Job',
      async () =>
        JSON.stringify(await jobNames('replace')) === JSON.stringify([manualJobName('replace', 'p2')]),
    );
    // Status follows the Jobs on the next reconcile (the deleted Job's informer event): wait for it.
    const activeNames = async () =>
      ((await getObject(env, 'SyncJob', 'replace')).status as { active?: { name: string }[] }).active?.map(
        (a) => a.name,
      );
    await waitFor(
      'status.active naming only the new Job',
      async () => JSON.stringify(await activeNames()) === JSON.stringify([manualJobName('replace', 'p2')]),
    );
    expect(await activeNames()).toEqual([manualJobName('replace', 'p2')]);
  });

  test('suspend holds a requested run back until it is lifted', async () => {
    env.simulator.setLatency(0);
    await createObject(env, 'SyncJob', 'paused', spec({ suspend: true }), {
      [REQUESTED_AT_ANNOTATION]: 's1',
    });
    await waitFor('Suspended', async () => {
      return condition(await getObject(env, 'SyncJob', 'paused'), 'Ready')?.reason === 'Suspended';
    });
    await sleep(1500);
    expect(await jobNames('paused')).toEqual([]);
    await patchObject(env, 'SyncJob', 'paused', { spec: { suspend: false } });
    await waitFor('the run after resuming', async () => (await jobNames('paused')).length === 1);
    expect(await jobNames('paused')).toEqual([manualJobName('paused', 's1')]);
  });
});
