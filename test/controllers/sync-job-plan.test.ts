import { describe, expect, test } from 'vitest';
import { REQUESTED_AT_ANNOTATION } from '../../src/api/index.js';
import {
  manualJobName,
  scheduledJobName,
  specChangeJobName,
} from '../../src/controllers/job-template-names.js';
import type { ObservedSyncJob } from '../../src/controllers/sync-job-plan-input.js';
import { planSyncJob, type SyncJobPlan } from '../../src/controllers/sync-job-plan.js';
import { aConnection, aJob, aSyncJob, at, observed, readyCondition } from './builders.js';

const NOW = at('2026-11-28T10:00:20Z');
const DUE = at('2026-11-28T10:00:00Z');
const DUE_NAME = scheduledJobName('acme-to-warehouse', DUE);
const ready = (plan: SyncJobPlan) => plan.status.conditions?.find((c) => c.type === 'Ready');
const stalled = (plan: SyncJobPlan) => plan.status.conditions?.find((c) => c.type === 'Stalled');
const afterLastRun = { lastScheduleTime: '2026-11-28T10:00:00Z' };
const oauthConnection = aConnection({
  spec: {
    auth: {
      scheme: 'OAuth',
      oauth: {
        clientIdSecretRef: { name: 'app', key: 'id' },
        clientSecretSecretRef: { name: 'app', key: 'secret' },
        refreshTokenSecretRef: { name: 'app', key: 'refresh' },
      },
    },
  },
});

interface Case {
  name: string;
  observed: ObservedSyncJob;
  now?: Date;
  expect: (plan: SyncJobPlan) => void;
}

const cases: Case[] = [
  {
    name: 'creates the Job of the due schedule time, named after its minute',
    observed: observed(),
    expect: (plan) => {
      expect(plan.createJob).toMatchObject({ name: DUE_NAME, trigger: 'Schedule', scheduledTime: DUE });
      expect(plan.status.lastScheduleTime).toBe('2026-11-28T10:00:00Z');
      expect(plan.status.active).toEqual([{ name: DUE_NAME }]);
      expect(plan.status.lastRun).toMatchObject({ jobName: DUE_NAME, result: 'Running' });
      expect(ready(plan)).toMatchObject({ status: 'True', reason: 'Running' });
      expect(plan.events.map((e) => e.reason)).toContain('JobCreated');
    },
  },
  {
    name: 'waits for the next schedule time when nothing is due, requeueing just after it',
    observed: observed({ syncJob: aSyncJob({ status: afterLastRun }) }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.status.nextScheduleTime).toBe('2026-11-28T10:30:00Z');
      expect(plan.requeueAfterMs).toBe(30 * 60_000 - 20_000 + 100);
      expect(ready(plan)).toMatchObject({
        status: 'True',
        reason: 'Scheduled',
        message: 'Next run at 2026-11-28 10:30:00 UTC',
      });
    },
  },
  {
    name: 'says the next run in the SyncJob time zone',
    observed: observed({ syncJob: aSyncJob({ spec: { timeZone: 'Europe/Berlin' }, status: afterLastRun }) }),
    expect: (plan) => expect(ready(plan)?.message).toBe('Next run at 2026-11-28 11:30:00 Europe/Berlin'),
  },
  {
    name: 'does not create a Job twice when the one of the due time already exists (lost status write)',
    observed: observed({ jobs: [aJob({ name: DUE_NAME, scheduledTime: DUE })] }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.status.lastScheduleTime).toBe('2026-11-28T10:00:00Z');
      expect(plan.status.active).toEqual([{ name: DUE_NAME }]);
    },
  },
  {
    name: 'starts nothing while suspended, and is Ready with reason Suspended',
    observed: observed({ syncJob: aSyncJob({ spec: { suspend: true } }) }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.status.nextScheduleTime).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'True', reason: 'Suspended' });
    },
  },
  {
    name: 'starts nothing while the connection does not exist',
    observed: observed({ connection: undefined }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({
        status: 'False',
        reason: 'ConnectionNotReady',
        message: 'PipedriveConnection acme does not exist',
      });
      expect(stalled(plan)).toBeUndefined();
    },
  },
  {
    name: 'starts nothing while the connection is not Ready, and says why',
    observed: observed({
      connection: aConnection({ conditions: [readyCondition('False', 'InvalidCredentials')] }),
    }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)?.message).toContain('InvalidCredentials');
      expect(plan.requeueAfterMs).toBeLessThanOrEqual(5 * 60_000);
    },
  },
  {
    name: 'starts no OAuth Job before the operator stored an access token for Jobs',
    observed: observed({ connection: oauthConnection, accessTokenExpiresAt: undefined }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'False', reason: 'ConnectionNotReady' });
      expect(ready(plan)?.message).toContain('no OAuth access token valid for 10 more minutes');
      expect(ready(plan)?.message).toContain('acme-oauth-token');
      expect(plan.requeueAfterMs).toBeLessThanOrEqual(15_000);
    },
  },
  {
    name: 'starts no OAuth Job with an access token about to expire',
    observed: observed({ connection: oauthConnection, accessTokenExpiresAt: at('2026-11-28T10:09:00Z') }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'False', reason: 'ConnectionNotReady' });
    },
  },
  {
    name: 'starts the OAuth Job once the stored access token is valid long enough',
    observed: observed({ connection: oauthConnection, accessTokenExpiresAt: at('2026-11-28T10:45:00Z') }),
    expect: (plan) => {
      expect(plan.createJob).toMatchObject({ name: DUE_NAME, trigger: 'Schedule' });
    },
  },
  {
    name: 'reports an invalid schedule as Stalled and does not requeue',
    observed: observed({ syncJob: aSyncJob({ spec: { schedule: '61 * * * *' } }) }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'False', reason: 'InvalidSchedule' });
      expect(stalled(plan)).toMatchObject({ status: 'True', reason: 'InvalidSchedule' });
      expect(plan.requeueAfterMs).toBeUndefined();
    },
  },
  {
    name: 'reports an unknown time zone as InvalidTimeZone',
    observed: observed({ syncJob: aSyncJob({ spec: { timeZone: 'Europe/Atlantis' } }) }),
    expect: (plan) => expect(stalled(plan)).toMatchObject({ reason: 'InvalidTimeZone' }),
  },
  {
    name: 'waits for a missing destination Secret without Stalled during the grace period',
    observed: observed({ destinationSecret: 'SecretNotFound' }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'False', reason: 'DestinationSecretNotFound' });
      expect(stalled(plan)).toBeUndefined();
      expect(plan.requeueAfterMs).toBe(2 * 60_000);
    },
  },
  {
    name: 'marks a destination Secret missing for longer than the grace period as Stalled',
    observed: observed({
      destinationSecret: 'KeyMissing',
      syncJob: aSyncJob({
        status: {
          conditions: [readyCondition('False', 'DestinationSecretNotFound', '2026-11-28T09:50:00Z')],
        },
      }),
    }),
    expect: (plan) => {
      expect(stalled(plan)).toMatchObject({ status: 'True', reason: 'DestinationSecretNotFound' });
      expect(ready(plan)?.lastTransitionTime).toBe('2026-11-28T09:50:00Z');
    },
  },
  {
    name: 'Forbid skips a due run while another is active',
    observed: observed({ jobs: [aJob({ name: 'acme-to-warehouse-1' })] }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.deleteJobs).toEqual([]);
      expect(plan.events.map((e) => e.reason)).toContain('JobAlreadyActive');
      expect(plan.status.lastScheduleTime).toBeUndefined();
    },
  },
  {
    name: 'Replace deletes the active run and starts the due one',
    observed: observed({
      syncJob: aSyncJob({ spec: { concurrencyPolicy: 'Replace' } }),
      jobs: [aJob({ name: 'acme-to-warehouse-1' })],
    }),
    expect: (plan) => {
      expect(plan.deleteJobs).toEqual([{ name: 'acme-to-warehouse-1', why: 'Replaced' }]);
      expect(plan.createJob?.name).toBe(DUE_NAME);
      expect(plan.status.active).toEqual([{ name: DUE_NAME }]);
    },
  },
  {
    name: 'Allow starts the due run next to the active one',
    observed: observed({
      syncJob: aSyncJob({ spec: { concurrencyPolicy: 'Allow' } }),
      jobs: [aJob({ name: 'acme-to-warehouse-1' })],
    }),
    expect: (plan) => {
      expect(plan.deleteJobs).toEqual([]);
      expect(plan.createJob?.name).toBe(DUE_NAME);
      expect(plan.status.active?.map((a) => a.name)).toEqual(['acme-to-warehouse-1', DUE_NAME]);
    },
  },
  {
    name: 'a new requested-at value runs once and is echoed into status',
    observed: observed({
      syncJob: aSyncJob({ annotations: { [REQUESTED_AT_ANNOTATION]: 'now-1' }, status: afterLastRun }),
    }),
    expect: (plan) => {
      expect(plan.createJob).toMatchObject({
        name: manualJobName('acme-to-warehouse', 'now-1'),
        trigger: 'Manual',
        requestedAt: 'now-1',
      });
      expect(plan.status.lastHandledRequestedAt).toBe('now-1');
    },
  },
  {
    name: 'a manual request as the schedule fires starts one run that counts for both',
    observed: observed({ syncJob: aSyncJob({ annotations: { [REQUESTED_AT_ANNOTATION]: 'now-1' } }) }),
    expect: (plan) => {
      expect(plan.createJob?.trigger).toBe('Manual');
      expect(plan.status.lastHandledRequestedAt).toBe('now-1');
      expect(plan.status.lastScheduleTime).toBe('2026-11-28T10:00:00Z');
    },
  },
  {
    name: 'a requested-at value already handled starts nothing',
    observed: observed({
      syncJob: aSyncJob({
        annotations: { [REQUESTED_AT_ANNOTATION]: 'now-1' },
        status: { ...afterLastRun, lastHandledRequestedAt: 'now-1' },
      }),
    }),
    expect: (plan) => expect(plan.createJob).toBeUndefined(),
  },
  {
    name: 'a requested-at value whose Job exists is recorded as handled without a second Job',
    observed: observed({
      syncJob: aSyncJob({ annotations: { [REQUESTED_AT_ANNOTATION]: 'now-1' }, status: afterLastRun }),
      jobs: [
        aJob({
          name: manualJobName('acme-to-warehouse', 'now-1'),
          trigger: 'Manual',
          requestedAt: 'now-1',
          state: 'Succeeded',
        }),
      ],
    }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.status.lastHandledRequestedAt).toBe('now-1');
    },
  },
  {
    name: 'a manual request waits under Forbid while a run is active',
    observed: observed({
      syncJob: aSyncJob({ annotations: { [REQUESTED_AT_ANNOTATION]: 'now-1' }, status: afterLastRun }),
      jobs: [aJob({ name: 'acme-to-warehouse-1' })],
    }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(plan.status.lastHandledRequestedAt).toBeUndefined();
    },
  },
  {
    name: 'without a schedule, runs once for a new spec generation',
    observed: observed({ syncJob: aSyncJob({ spec: { schedule: undefined }, generation: 3 }) }),
    expect: (plan) => {
      expect(plan.createJob).toMatchObject({
        name: specChangeJobName('acme-to-warehouse', 'uid-1', 3),
        trigger: 'SpecChange',
        generation: 3,
      });
      expect(plan.status.lastHandledGeneration).toBe(3);
      expect(plan.requeueAfterMs).toBeUndefined();
    },
  },
  {
    name: 'without a schedule, does not run again for a generation already handled',
    observed: observed({
      syncJob: aSyncJob({
        spec: { schedule: undefined },
        generation: 3,
        status: { lastHandledGeneration: 3 },
      }),
      jobs: [
        aJob({
          name: specChangeJobName('acme-to-warehouse', 'uid-1', 3),
          trigger: 'SpecChange',
          state: 'Succeeded',
          completionTime: at('2026-11-28T09:59:00Z'),
        }),
      ],
    }),
    expect: (plan) => {
      expect(plan.createJob).toBeUndefined();
      expect(ready(plan)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    },
  },
  {
    name: 'keeps 3 successful and 1 failed Jobs, deleting the oldest beyond the limits',
    observed: observed({
      syncJob: aSyncJob({ status: afterLastRun }),
      jobs: [1, 2, 3, 4, 5]
        .map((i) =>
          aJob({
            name: `ok-${i}`,
            state: 'Succeeded',
            createdAt: at(`2026-11-28T0${i}:00:00Z`),
            completionTime: at(`2026-11-28T0${i}:05:00Z`),
          }),
        )
        .concat(
          [6, 7].map((i) =>
            aJob({
              name: `bad-${i}`,
              state: 'Failed',
              createdAt: at(`2026-11-28T0${i}:00:00Z`),
              completionTime: at(`2026-11-28T0${i}:05:00Z`),
            }),
          ),
        ),
    }),
    expect: (plan) =>
      expect(plan.deleteJobs).toEqual([
        { name: 'ok-1', why: 'HistoryLimit' },
        { name: 'ok-2', why: 'HistoryLimit' },
        { name: 'bad-6', why: 'HistoryLimit' },
      ]),
  },
  {
    name: 'turns the run report of a finished Job into lastRun, tables and lastSuccessfulTime',
    observed: observed({
      syncJob: aSyncJob({ status: { ...afterLastRun, lastRun: { jobName: DUE_NAME, result: 'Running' } } }),
      jobs: [
        aJob({
          name: DUE_NAME,
          scheduledTime: DUE,
          state: 'Succeeded',
          startTime: at('2026-11-28T10:00:03Z'),
          completionTime: at('2026-11-28T10:00:15Z'),
          report: {
            result: 'succeeded',
            rowsWritten: 1843,
            rowsDeleted: 3,
            tokens: 140,
            message: '2 tables, 1843 rows upserted, 3 deleted',
            tables: [
              { name: 'deals', rowsWritten: 1800, bookmark: '2026-11-28T09:59:58Z' },
              { name: 'persons', rowsWritten: 43, bookmark: null },
            ],
          },
        }),
      ],
    }),
    expect: (plan) => {
      expect(plan.status.lastRun).toMatchObject({
        jobName: DUE_NAME,
        result: 'Succeeded',
        rowsSynced: 1843,
        rowsDeleted: 3,
        apiTokensSpent: 140,
        completionTime: '2026-11-28T10:00:15Z',
      });
      expect(plan.status.lastSuccessfulTime).toBe('2026-11-28T10:00:15Z');
      expect(plan.status.tables).toEqual([
        {
          name: 'deals',
          lastRunRows: 1800,
          bookmark: '2026-11-28T09:59:58Z',
          lastSyncedTime: '2026-11-28T10:00:15Z',
        },
        { name: 'persons', lastRunRows: 43, lastSyncedTime: '2026-11-28T10:00:15Z' },
      ]);
      expect(plan.events).toContainEqual(expect.objectContaining({ type: 'Normal', reason: 'RunSucceeded' }));
    },
  },
  {
    name: 'a failed last run makes Ready False with reason LastRunFailed, and keeps scheduling',
    observed: observed({
      syncJob: aSyncJob({ status: afterLastRun }),
      jobs: [
        aJob({
          name: DUE_NAME,
          state: 'Failed',
          failureMessage: 'Job has reached the specified backoff limit',
        }),
      ],
    }),
    expect: (plan) => {
      expect(ready(plan)).toMatchObject({ status: 'False', reason: 'LastRunFailed' });
      expect(ready(plan)?.message).toContain('backoff limit');
      expect(plan.status.nextScheduleTime).toBe('2026-11-28T10:30:00Z');
      expect(plan.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'RunFailed' }));
    },
  },
  {
    name: 'keeps the previous lastRun when its Job was deleted by the history limit',
    observed: observed({
      syncJob: aSyncJob({
        status: { ...afterLastRun, lastRun: { jobName: 'gone', result: 'Succeeded', rowsSynced: 7 } },
      }),
      jobs: [aJob({ name: 'older', state: 'Failed', createdAt: at('2026-11-28T08:00:00Z') })],
    }),
    expect: (plan) =>
      expect(plan.status.lastRun).toEqual({ jobName: 'gone', result: 'Succeeded', rowsSynced: 7 }),
  },
  {
    name: 'records the observed generation on the status and on Ready',
    observed: observed({ syncJob: aSyncJob({ generation: 7, status: afterLastRun }) }),
    expect: (plan) => {
      expect(plan.status.observedGeneration).toBe(7);
      expect(ready(plan)?.observedGeneration).toBe(7);
    },
  },
];

describe('planSyncJob', () => {
  test.each(cases)('$name', ({ observed, now, expect: check }) => check(planSyncJob(observed, now ?? NOW)));

  test('is pure: the same input gives the same plan', () => {
    const input = observed();
    expect(planSyncJob(input, NOW)).toEqual(planSyncJob(input, NOW));
  });
});
